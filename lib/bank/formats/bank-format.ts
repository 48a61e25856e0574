// What one bank file format is: each lib/bank/formats/<name>.ts exports one of these, and
// registry.ts lists them. Everything that names the formats (upload detection, export, the export
// route, the admin page) reads them from the registry.
import type { ImportFormat } from "../../generated/prisma/enums";
import type { CategoryInfo, KeyedQuestion, ParseResult } from "../types";

export interface BankExport {
  text: string;
  /** Questions the format cannot hold, left out. */
  skipped: number;
}

export interface BankFormat {
  /** As a URL or form names it (?format=…). */
  name: string;
  /** As people read it: on the upload form and the export buttons. */
  label: string;
  /** The exported file's ending. */
  extension: string;
  mimeType: string;
  /** Reads a file's text (UTF-8, normalised by the upload) into questions and located problems. */
  parse: (text: string, fileName: string) => ParseResult;
  /** Writes the questions; `categories` are the bank's category descriptions and idnumbers (formats that hold them write them). */
  serialize: (questions: readonly KeyedQuestion[], categories?: readonly CategoryInfo[]) => BankExport;
  /** File name endings that say "this format" on import. */
  importExtensions: readonly string[];
  /** Whether a .txt file may hold it (a .txt file's format is told from its content). */
  asTxt: boolean;
  /** How a file whose name says nothing is recognised: its first non-blank character, or a mark in its text (tried after every format's first character). */
  sniff?: { firstCharacter: string } | { marker: (text: string) => boolean };
  /** The import history's column. */
  dbName: ImportFormat;
}

/** The export of a format that leaves out the questions it cannot hold, with the reasons dropped. */
export const countSkipped = ({ text, skipped }: { text: string; skipped: unknown[] }): BankExport => ({ text, skipped: skipped.length });
