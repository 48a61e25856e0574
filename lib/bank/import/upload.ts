// An uploaded bank file, from bytes to located questions: size cap, encoding (UTF-8 only, unless the
// admin asks to convert from Windows-1252), byte-order mark, line endings and Unicode normalisation,
// the format (by name, then by content: formats/registry.ts), the parse (with caps on questions and
// problems), and each question's identity: its own id, or a hash of its normalised content. Pure and
// synchronous: the server runs it in a worker thread with a deadline (parse-isolated.ts), never on
// the request thread.
import { createHash } from "node:crypto";
import { canonicalJson } from "../../json/canonical";
import { detectFormat, getBankFormat, nameTheFileHint, type BankFormatName } from "../formats/registry";
import type { CategoryInfo, ImportProblem, KeyedQuestion, ParsedQuestion } from "../types";

/**
 * maxParseMs is enforced by the worker's deadline; maxProblems keeps a file built to fail everywhere
 * from sending a million problems to the browser and the history.
 */
export const IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxQuestions: 2000, maxProblems: 500, maxParseMs: 5000 } as const;

export interface IdentifiedQuestion {
  line: number;
  id: string;
  question: KeyedQuestion;
}

export interface ParsedUpload {
  format: BankFormatName | null;
  fileHash: string;
  questions: IdentifiedQuestion[];
  problems: ImportProblem[];
  /** The categories the file describes (their description and idnumber). */
  categories: CategoryInfo[];
}

/** A problem with the file as a whole (reported at its start). */
export const problemAt = (message: string): ImportProblem => ({ line: 1, column: 1, message, question: "", snippet: "" });

/** What identifies an uploaded file: the SHA-256 of its bytes, as uploaded. */
export function fileHashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** UTF-8 text of the file, or why not. Windows-1252 is decoded only when asked for. */
export function decodeUpload(bytes: Uint8Array, convertFromWindows1252 = false): { text: string } | { problem: string } {
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes)
    return { problem: `the file is ${(bytes.byteLength / 1048576).toFixed(1)} MB: the limit is ${IMPORT_LIMITS.maxBytes / 1048576} MB` };
  if (bytes.byteLength === 0) return { problem: "the file is empty" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    if (!convertFromWindows1252)
      return { problem: "the file is not UTF-8 (it may be Windows-1252 or Latin-1): save it as UTF-8, or tick “convert from Windows-1252”" };
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return {
    text: text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .normalize("NFC"),
  };
}

/** The identity of a question without an id: a hash of its normalised content. */
export function contentKey(question: ParsedQuestion): string {
  const { id: _id, origin: _origin, ...content } = question;
  void _id;
  void _origin;
  return `h-${createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 20)}`;
}

export function parseUpload(fileName: string, bytes: Uint8Array, options: { convert?: boolean; format?: BankFormatName } = {}): ParsedUpload {
  const fileHash = fileHashOf(bytes);
  const decoded = decodeUpload(bytes, options.convert);
  if ("problem" in decoded) return { format: null, fileHash, questions: [], problems: [problemAt(decoded.problem)], categories: [] };
  const format = options.format ?? detectFormat(fileName, decoded.text);
  if (!format) return { format, fileHash, questions: [], problems: [problemAt(`unknown format: ${nameTheFileHint()}`)], categories: [] };
  const parsed = getBankFormat(format).parse(decoded.text, fileName);
  const problems = parsed.problems.slice(0, IMPORT_LIMITS.maxProblems);
  if (parsed.questions.length > IMPORT_LIMITS.maxQuestions) {
    return {
      format,
      fileHash,
      questions: [],
      problems: [problemAt(`${parsed.questions.length} questions: the limit is ${IMPORT_LIMITS.maxQuestions} a file`)],
      categories: [],
    };
  }
  const seen = new Map<string, number>();
  const questions: IdentifiedQuestion[] = [];
  for (const item of parsed.questions) {
    const given = item.question.id;
    let id = given ?? contentKey(item.question);
    const first = seen.get(id);
    const where = { line: item.line, column: 1, question: item.question.name ?? item.question.stem.slice(0, 60), snippet: item.question.stem.slice(0, 80) };
    if (first !== undefined && given) {
      problems.push({ ...where, message: `duplicate id "${id}" (first used on line ${first})` });
      continue;
    }
    if (first !== undefined) {
      // Moodle imports both copies: so does the bank, the second (third, …) known by its place among them.
      let copy = 2;
      while (seen.has(`${id}-${copy}`)) copy++;
      id = `${id}-${copy}`;
      problems.push({ ...where, severity: "warning", message: `the same question as on line ${first}: both are imported, as Moodle does` });
    }
    seen.set(id, item.line);
    questions.push({ line: item.line, id, question: { ...item.question, id } as KeyedQuestion });
  }
  if (parsed.problems.length > IMPORT_LIMITS.maxProblems)
    problems.push(problemAt(`${parsed.problems.length - IMPORT_LIMITS.maxProblems} more problems are not listed: fix these first`));
  return { format, fileHash, questions, problems, categories: parsed.categories ?? [] };
}
