// The bank's file formats, in one list: what the importer detects, what the export route serves and
// what the admin page offers all come from here. Lookups go through a Map (or the zod enum), never
// `name in object`, so "constructor", "__proto__" or "toString" are unknown formats, not built-ins.
import { z } from "zod";
import type { ImportFormat } from "../generated/prisma/enums";
import { toAiken, toBankJson, toCsv, toGift, toMoodleXml } from "./export";
import type { ParsedQuestion } from "./gift";

export const BANK_FORMAT_NAMES = ["json", "csv", "gift", "aiken", "xml"] as const;
export type BankFormatName = (typeof BANK_FORMAT_NAMES)[number];

/** A format name from user input (a query parameter, a form field). */
export const bankFormatName = z.enum(BANK_FORMAT_NAMES, { error: `Unknown format: use ${BANK_FORMAT_NAMES.join(", ")}.` });

export interface BankExport {
  text: string;
  /** Questions the format cannot hold, left out. */
  skipped: number;
}

export interface BankFormat {
  name: BankFormatName;
  /** As the import preview names it. */
  label: string;
  /** On the export buttons. */
  shortLabel: string;
  /** File name endings that say "this format" on import. */
  importExtensions: readonly string[];
  /** Whether a .txt file may hold it (a .txt file's format is told from its content). */
  asTxt: boolean;
  /** The exported file's ending. */
  exportExtension: string;
  mimeType: string;
  /** The import history's column. */
  dbName: ImportFormat;
  serialize: (questions: readonly (ParsedQuestion & { id: string })[]) => BankExport;
}

const skippedCount = ({ text, skipped }: { text: string; skipped: unknown[] }): BankExport => ({ text, skipped: skipped.length });

export const BANK_FORMATS: readonly BankFormat[] = [
  { name: "json", asTxt: false, label: "Course JSON", shortLabel: "JSON", importExtensions: ["json"], exportExtension: "json", mimeType: "application/json", dbName: "JSON", serialize: (q) => ({ text: toBankJson(q), skipped: 0 }) },
  { name: "csv", asTxt: false, label: "CSV", shortLabel: "CSV", importExtensions: ["csv"], exportExtension: "csv", mimeType: "text/csv", dbName: "CSV", serialize: (q) => skippedCount(toCsv(q)) },
  { name: "gift", asTxt: true, label: "Moodle GIFT", shortLabel: "GIFT", importExtensions: ["gift"], exportExtension: "gift", mimeType: "text/plain", dbName: "GIFT", serialize: (q) => ({ text: toGift(q), skipped: 0 }) },
  { name: "aiken", asTxt: true, label: "Moodle Aiken", shortLabel: "Aiken", importExtensions: ["aiken"], exportExtension: "aiken.txt", mimeType: "text/plain", dbName: "AIKEN", serialize: (q) => skippedCount(toAiken(q)) },
  { name: "xml", asTxt: false, label: "Moodle XML", shortLabel: "Moodle XML", importExtensions: ["xml"], exportExtension: "xml", mimeType: "application/xml", dbName: "MOODLE_XML", serialize: (q) => ({ text: toMoodleXml(q), skipped: 0 }) },
];

const BY_NAME = new Map(BANK_FORMATS.map((format) => [format.name, format]));
const BY_EXTENSION = new Map(BANK_FORMATS.flatMap((format) => format.importExtensions.map((ext) => [ext, format.name] as const)));

export function getBankFormat(name: BankFormatName): BankFormat {
  return BY_NAME.get(name)!;
}

/** The format a file name's ending names, or null (no ending we know, e.g. .txt). */
export function formatFromFileName(fileName: string): BankFormatName | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  return BY_EXTENSION.get(ext) ?? null;
}

/** What the upload form offers: plain data (no serializers) that a client component can take. */
export function uploadFormats(): { label: string; extensions: string[] }[] {
  return BANK_FORMATS.map((format) => ({ label: format.label, extensions: [...format.importExtensions, ...(format.asTxt ? ["txt"] : [])] }));
}
