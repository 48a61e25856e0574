// The project's own JSON (the content format's questions.json): every field kept, read with the
// same schema as the content files, its problems located by line, column and JSON path.
import { parseJsonFile } from "../../json/file";
import { questionBankFile } from "../schemas";
import type { KeyedQuestion, ParseResult } from "../types";
import type { BankFormat } from "./bank-format";

export function parseBankJson(text: string, fileName: string): ParseResult {
  const { value, problems } = parseJsonFile(text, fileName, questionBankFile);
  return {
    questions: (value?.questions ?? []).map((q) => ({ line: 0, question: { ...q, origin: "imported" as const } })),
    problems: problems.map((p) => ({ line: p.line, column: p.column, message: p.path ? `${p.path}: ${p.message}` : p.message, question: "", snippet: "" })),
  };
}

export function toBankJson(questions: readonly KeyedQuestion[]): string {
  return `${JSON.stringify({ format: "course-question-bank", version: 1, questions }, null, 2)}\n`;
}

export const jsonFormat = {
  name: "json",
  label: "Course JSON",
  extension: "json",
  mimeType: "application/json",
  parse: parseBankJson,
  serialize: (questions) => ({ text: toBankJson(questions), skipped: 0 }),
  importExtensions: ["json"],
  asTxt: false,
  sniff: { firstCharacter: "{" },
  dbName: "JSON",
} as const satisfies BankFormat;
