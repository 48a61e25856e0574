// An uploaded bank file, from bytes to located questions: size cap, encoding (UTF-8 only, unless the
// admin asks to convert from Windows-1252), byte-order mark, line endings and Unicode normalisation,
// the format (by name, then by content), the parse (with a cap on questions and time), and each
// question's identity: its own id, or a hash of its normalised content. Pure.
import { createHash } from "node:crypto";
import { questionBankFile } from "../content/schemas";
import { parseJsonFile } from "../content/json-file";
import { canonicalJson } from "../podcast/timing-file";
import { parseAiken } from "./aiken";
import { parseCsv } from "./csv";
import { parseGift, type ImportProblem, type ParsedQuestion, type ParseResult } from "./gift";
import { parseMoodleXml } from "./moodle-xml";

export const IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxQuestions: 2000, maxParseMs: 5000 } as const;
export const IMPORT_FORMATS = ["json", "csv", "gift", "aiken", "xml"] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];
export const FORMAT_LABELS: Record<ImportFormatName, string> = { json: "Course JSON", csv: "CSV", gift: "Moodle GIFT", aiken: "Moodle Aiken", xml: "Moodle XML" };

export interface IdentifiedQuestion {
  line: number;
  id: string;
  question: ParsedQuestion & { id: string };
}

export interface ParsedUpload {
  format: ImportFormatName | null;
  fileHash: string;
  questions: IdentifiedQuestion[];
  problems: ImportProblem[];
}

const problemAt = (message: string): ImportProblem => ({ line: 1, column: 1, message, question: "", snippet: "" });

export function detectFormat(fileName: string, text: string): ImportFormatName | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (ext === "json") return "json";
  if (ext === "csv") return "csv";
  if (ext === "xml") return "xml";
  if (ext === "gift") return "gift";
  if (ext === "aiken") return "aiken";
  const start = text.trimStart();
  if (start.startsWith("{")) return "json";
  if (start.startsWith("<")) return "xml";
  if (/^ANSWER\s*:/im.test(text) && !/\{[^}]*\}/.test(text)) return "aiken";
  if (/\{[^}]*\}/.test(text)) return "gift";
  return null;
}

/** UTF-8 text of the file, or why not. Windows-1252 is decoded only when asked for. */
export function decodeUpload(bytes: Uint8Array, convertFromWindows1252 = false): { text: string } | { problem: string } {
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) return { problem: `the file is ${(bytes.byteLength / 1048576).toFixed(1)} MB: the limit is ${IMPORT_LIMITS.maxBytes / 1048576} MB` };
  if (bytes.byteLength === 0) return { problem: "the file is empty" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    if (!convertFromWindows1252) return { problem: "the file is not UTF-8 (it may be Windows-1252 or Latin-1): save it as UTF-8, or tick “convert from Windows-1252”" };
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return { text: text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").normalize("NFC") };
}

/** The identity of a question without an id: a hash of its normalised content. */
export function contentKey(question: ParsedQuestion): string {
  const { id: _id, origin: _origin, ...content } = question;
  void _id;
  void _origin;
  return `h-${createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 20)}`;
}

function parseText(format: ImportFormatName, text: string, fileName: string): ParseResult {
  switch (format) {
    case "gift":
      return parseGift(text);
    case "aiken":
      return parseAiken(text);
    case "csv":
      return parseCsv(text);
    case "xml":
      return parseMoodleXml(text);
    case "json": {
      const { value, problems } = parseJsonFile(text, fileName, questionBankFile);
      return {
        questions: (value?.questions ?? []).map((q) => ({ line: 0, question: { ...q, origin: "imported" as const } })),
        problems: problems.map((p) => ({ line: p.line ?? 1, column: p.column ?? 1, message: p.path ? `${p.path}: ${p.message}` : p.message, question: "", snippet: "" })),
      };
    }
  }
}

export function parseUpload(fileName: string, bytes: Uint8Array, options: { convert?: boolean; format?: ImportFormatName } = {}): ParsedUpload {
  const fileHash = createHash("sha256").update(bytes).digest("hex");
  const decoded = decodeUpload(bytes, options.convert);
  if ("problem" in decoded) return { format: null, fileHash, questions: [], problems: [problemAt(decoded.problem)] };
  const format = options.format ?? detectFormat(fileName, decoded.text);
  if (!format) return { format, fileHash, questions: [], problems: [problemAt("unknown format: name the file .json, .csv, .gift, .aiken or .xml")] };
  const started = Date.now();
  const parsed = parseText(format, decoded.text, fileName);
  if (Date.now() - started > IMPORT_LIMITS.maxParseMs) return { format, fileHash, questions: [], problems: [problemAt(`reading the file took longer than ${IMPORT_LIMITS.maxParseMs / 1000} s: split it into smaller files`)] };
  const problems = [...parsed.problems];
  if (parsed.questions.length > IMPORT_LIMITS.maxQuestions) {
    return { format, fileHash, questions: [], problems: [problemAt(`${parsed.questions.length} questions: the limit is ${IMPORT_LIMITS.maxQuestions} a file`)] };
  }
  const seen = new Map<string, number>();
  const questions: IdentifiedQuestion[] = [];
  for (const item of parsed.questions) {
    const id = item.question.id ?? contentKey(item.question);
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ line: item.line, column: 1, message: item.question.id ? `duplicate id "${id}" (first used on line ${first})` : `the same question twice (first on line ${first})`, question: item.question.name ?? item.question.stem.slice(0, 60), snippet: item.question.stem.slice(0, 80) });
      continue;
    }
    seen.set(id, item.line);
    questions.push({ line: item.line, id, question: { ...item.question, id } as ParsedQuestion & { id: string } });
  }
  return { format, fileHash, questions, problems };
}
