// Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): the parser is moodle-xml-parser.ts;
// the export writes every type, with categories, fractions, feedback, the id as idnumber and the
// section and topic as tags, so reading an export back gives the same questions.
import type { CategoryInfo, ParsedQuestion } from "../types";
import type { BankFormat } from "./bank-format";
import { writeCloze } from "./cloze";
import { moodlePercent } from "./moodle-rules";
import { FILE_EXTENSIONS, type QuestionFile } from "./question-files";
import { parseMoodleXml } from "./moodle-xml-parser";

const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const xmlTextElement = (tag: string, text: string | undefined, format?: string, inner = "") =>
  text ? `<${tag}${format ? ` format="${format}"` : ""}><text>${xmlText(text)}</text>${inner}</${tag}>` : "";

/** This server's image URLs in a text as Moodle's @@PLUGINFILE@@ references, to the files written with the question. */
const pluginFiles = (html: string, files: readonly QuestionFile[]) =>
  html.replace(/\/api\/question-files\/([0-9a-f]{64})/g, (whole, hash: string) => {
    const file = files.find((f) => f.hash === hash);
    return file ? `@@PLUGINFILE@@/${hash}.${FILE_EXTENSIONS[file.mimeType]}` : whole;
  });

/**
 * How a question's texts are written: an HTML question's as format="html" (its images as embedded
 * files); a plain one's in Moodle's auto format, which Moodle shows as the same text and which reads
 * back as plain text.
 */
function textWriter(q: ParsedQuestion) {
  const html = q.format === "html";
  const files = q.files ?? [];
  const format = html ? "html" : "moodle_auto_format";
  const text = (value: string) => (html ? pluginFiles(value, files) : value);
  const embedded = files.map((f) => `<file name="${f.hash}.${FILE_EXTENSIONS[f.mimeType]}" path="/" encoding="base64">${f.base64}</file>`).join("");
  return {
    element: (tag: string, value: string | undefined, inner = "") => (value ? xmlTextElement(tag, text(value), format, inner) : ""),
    answerText: (value: string) => `<text>${xmlText(text(value))}</text>`,
    answerFormat: html ? ' format="html"' : "",
    embedded,
  };
}

/** Moodle XML: every type, with categories (their description and idnumber too), fractions, feedback and the id as idnumber. */
export function toMoodleXml(questions: readonly ParsedQuestion[], categories: readonly CategoryInfo[] = []): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  const info = new Map(categories.map((c) => [c.path, c]));
  let category: string | undefined;
  for (const q of questions) {
    if (q.category !== category) {
      category = q.category;
      const described = category ? info.get(category) : undefined;
      out.push(
        `  <question type="category"><category><text>$course$/top/${xmlText(category ?? "")}</text></category>` +
          (described?.description ? `<info format="moodle_auto_format"><text>${xmlText(described.description)}</text></info>` : "") +
          (described?.idnumber ? `<idnumber>${xmlText(described.idnumber)}</idnumber>` : "") +
          "</question>",
      );
    }
    const type = {
      single: "multichoice",
      multiple: "multichoice",
      "true-false": "truefalse",
      "short-answer": "shortanswer",
      numerical: "numerical",
      matching: "matching",
      cloze: "cloze",
      essay: "essay",
    }[q.type];
    const w = textWriter(q);
    const parts = [
      xmlTextElement("name", q.name),
      // A cloze question's gaps are written into its text, in Moodle's syntax.
      w.element("questiontext", q.type === "cloze" ? writeCloze(q.stem, q.parts) : q.stem, w.embedded),
      w.element("generalfeedback", q.generalFeedback),
      q.maxMark !== undefined && q.maxMark !== 1 ? `<defaultgrade>${q.maxMark}</defaultgrade>` : "",
      q.id || q.idnumber ? `<idnumber>${xmlText(q.idnumber ?? q.id!)}</idnumber>` : "",
      // This project's extension (Moodle ignores it): the explanation shown with the right answer.
      w.element("explanation", q.explanation),
      q.section || q.topic
        ? `<tags>${[q.section ? `section:${q.section}` : "", q.topic ? `topic:${q.topic}` : ""]
            .filter(Boolean)
            .map((t) => `<tag><text>${xmlText(t)}</text></tag>`)
            .join("")}</tags>`
        : "",
    ];
    const pct = moodlePercent;
    // Rich answers (choice options) in the question's format; accepted answers and true/false's words are plain.
    const answer = (fraction: number, text: string, feedback?: string, extra = "", rich = false) =>
      `<answer fraction="${pct(fraction)}"${rich ? w.answerFormat : ""}>${rich ? w.answerText(text) : `<text>${xmlText(text)}</text>`}${extra}${w.element("feedback", feedback)}</answer>`;
    switch (q.type) {
      case "single":
      case "multiple":
        parts.push(
          `<single>${q.type === "single"}</single>`,
          ...q.options.map((o) =>
            answer(o.fraction ?? (o.correct ? (q.type === "single" ? 1 : 1 / q.options.filter((x) => x.correct).length) : 0), o.text, o.feedback, "", true),
          ),
        );
        break;
      case "true-false":
        parts.push(answer(q.answer ? 1 : 0, "true", q.feedbackTrue), answer(q.answer ? 0 : 1, "false", q.feedbackFalse));
        break;
      case "short-answer":
        parts.push(`<usecase>${q.caseSensitive ? 1 : 0}</usecase>`, ...q.answers.map((a) => answer(a.fraction, a.text, a.feedback)));
        break;
      case "numerical":
        parts.push(...q.answers.map((a) => answer(a.fraction, String(a.value), a.feedback, `<tolerance>${a.tolerance}</tolerance>`)));
        break;
      case "matching":
        parts.push(
          "<shuffleanswers>1</shuffleanswers>",
          ...q.pairs.map(
            (p) => `<subquestion format="moodle_auto_format"><text>${xmlText(p.prompt)}</text><answer><text>${xmlText(p.answer)}</text></answer></subquestion>`,
          ),
        );
        break;
      case "cloze":
      case "essay":
        break;
    }
    out.push(`  <question type="${type}">${parts.filter(Boolean).join("")}</question>`);
  }
  out.push("</quiz>");
  return `${out.join("\n")}\n`;
}

export const moodleXmlFormat = {
  name: "xml",
  label: "Moodle XML",
  extension: "xml",
  mimeType: "application/xml",
  parse: parseMoodleXml,
  serialize: (questions, categories) => ({ text: toMoodleXml(questions, categories), skipped: 0 }),
  importExtensions: ["xml"],
  asTxt: false,
  sniff: { firstCharacter: "<" },
  dbName: "MOODLE_XML",
} as const satisfies BankFormat;
