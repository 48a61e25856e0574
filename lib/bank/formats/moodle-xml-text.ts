// The texts of one Moodle XML question, read by their format. A question whose text is HTML keeps
// HTML (sanitised: rich-text/sanitize.ts), its images resolved to the files embedded in it; its
// other texts are HTML too (plain ones escaped). A question in plain text stays plain: HTML in any of
// its texts is turned into text. Some texts are always plain: names, matching prompts, the accepted
// answers of short-answer and numerical questions.
import { htmlToText } from "./html-text";
import { readQuestionFile, type QuestionFile } from "./question-files";
import { sanitizeQuestionHtml, textAsHtml } from "../rich-text/sanitize";
import { decodeEntities } from "./xml-entities";

export type Node = Record<string, unknown>;

export function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return decodeEntities(node);
  if (Array.isArray(node)) return textOf(node[0]);
  const value = (node as Node).text ?? (node as Node)["#text"];
  return value === undefined ? "" : textOf(value);
}

export const formatOf = (node: unknown, inherited: string): string => {
  const element = Array.isArray(node) ? node[0] : node;
  return (element && typeof element === "object" && ((element as Node)["@format"] as string | undefined)) || inherited;
};

/** Every <file> element anywhere in the question (they sit inside the texts that use them). */
function embeddedFiles(node: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const item of node) embeddedFiles(item, found);
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === "file") found.push(...((Array.isArray(value) ? value : [value]) as Node[]));
      else if (!key.startsWith("@")) embeddedFiles(value, found);
    }
  return found;
}

export interface XmlTexts {
  /** Whether the question keeps HTML. */
  html: boolean;
  /** A text shown as the question's (HTML or plain, as the question is). */
  rich: (node: unknown) => string;
  /** A text that is always plain. */
  plain: (node: unknown) => string;
  files: QuestionFile[];
  warnings: string[];
}

export function xmlTexts(q: Node): XmlTexts {
  const questionFormat = formatOf(q.questiontext, "moodle_auto_format");
  const html = questionFormat === "html";
  const files: QuestionFile[] = [];
  const warnings: string[] = [];
  const urls = new Map<string, string>();
  if (html)
    for (const file of embeddedFiles(q)) {
      const name = String(file["@name"] ?? "").slice(0, 200);
      if (!name || urls.has(name)) continue;
      const read = readQuestionFile(name, textOf(file));
      if ("problem" in read) warnings.push(read.problem);
      else {
        urls.set(name, read.url);
        if (!files.some((f) => f.hash === read.file.hash)) files.push(read.file);
      }
    }
  const plain = (node: unknown) => {
    const text = textOf(node);
    return formatOf(node, questionFormat) === "html" ? htmlToText(text) : text.trim();
  };
  const rich = (node: unknown) => {
    if (!html) return plain(node);
    const text = textOf(node).trim();
    if (formatOf(node, questionFormat) !== "html") return text ? textAsHtml(text) : "";
    const resolve = (name: string) => {
      const url = urls.get(name);
      if (!url) warnings.push(`the image "${name}" is not in the file: it is left out`);
      return url ?? null;
    };
    const clean = sanitizeQuestionHtml(text, resolve).trim();
    // A text that is only empty markup ("<p></p>") says nothing.
    return htmlToText(clean) || clean.includes("<img") ? clean : "";
  };
  return { html, rich, plain, files, warnings };
}
