// The bank's file formats, in one list: what the importer detects and parses, what the export route
// serves and what the admin page offers (upload help, export buttons) all come from here. Lookups go
// through a Map (or the zod enum), never `name in object`, so "constructor", "__proto__" or
// "toString" are unknown formats, not built-ins.
import { z } from "zod";
import { aikenFormat } from "./aiken";
import type { BankFormat } from "./bank-format";
import { csvFormat } from "./csv";
import { giftFormat } from "./gift";
import { jsonFormat } from "./json";
import { moodleXmlFormat } from "./moodle-xml";

export const BANK_FORMATS = [jsonFormat, csvFormat, giftFormat, aikenFormat, moodleXmlFormat] as const satisfies readonly BankFormat[];

export type BankFormatName = (typeof BANK_FORMATS)[number]["name"];

export const BANK_FORMAT_NAMES = BANK_FORMATS.map((format) => format.name) as [BankFormatName, ...BankFormatName[]];

/** A format name from user input (a query parameter, a form field). */
export const bankFormatName = z.enum(BANK_FORMAT_NAMES, { error: `Unknown format: use ${BANK_FORMAT_NAMES.join(", ")}.` });

const BY_NAME = new Map<string, BankFormat>(BANK_FORMATS.map((format) => [format.name, format]));
const BY_EXTENSION = new Map<string, BankFormatName>(BANK_FORMATS.flatMap((format) => format.importExtensions.map((ext) => [ext, format.name] as const)));

export function getBankFormat(name: BankFormatName): BankFormat {
  return BY_NAME.get(name)!;
}

/** The format a file name's ending names, or null (no ending we know, e.g. .txt). */
export function formatFromFileName(fileName: string): BankFormatName | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  return BY_EXTENSION.get(ext) ?? null;
}

/**
 * The format of a file: by its name's ending, else by its content — first a format's first
 * character ("{", "<"), then a mark in the text (a GIFT answer block, an Aiken ANSWER line).
 */
export function detectFormat(fileName: string, text: string): BankFormatName | null {
  const named = formatFromFileName(fileName);
  if (named) return named;
  const first = text.trimStart()[0];
  const formats: readonly BankFormat[] = BANK_FORMATS;
  const byStart = formats.find((format) => format.sniff && "firstCharacter" in format.sniff && format.sniff.firstCharacter === first);
  const found = byStart ?? formats.find((format) => format.sniff && "marker" in format.sniff && format.sniff.marker(text));
  return (found?.name as BankFormatName | undefined) ?? null;
}

/** "name the file .json, .csv, .gift, .aiken or .xml": what to do with a file whose format is unknown. */
export function nameTheFileHint(): string {
  const endings = BANK_FORMATS.flatMap((format) => format.importExtensions.map((ext) => `.${ext}`));
  return `name the file ${endings.slice(0, -1).join(", ")} or ${endings.at(-1)}`;
}

/** What the upload form offers: plain data (no parsers or serializers) that a client component can take. */
export function uploadFormats(): { label: string; extensions: string[] }[] {
  return BANK_FORMATS.map((format) => ({ label: format.label, extensions: [...format.importExtensions, ...(format.asTxt ? ["txt"] : [])] }));
}

/** What the export buttons offer: each format's name (for the URL) and label. */
export function exportFormats(): { name: BankFormatName; label: string }[] {
  return BANK_FORMATS.map((format) => ({ name: format.name, label: format.label }));
}
