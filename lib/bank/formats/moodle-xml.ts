// Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): the parser is moodle-xml-parser.ts;
// the export writes every type, with categories, fractions, feedback, the id as idnumber and the
// section and topic as tags, so reading an export back gives the same questions.
import type { ParsedQuestion } from "../types";
import type { BankFormat } from "./bank-format";
import { writeCloze } from "./cloze";
import { textToHtml } from "./html-text";
import { moodlePercent } from "./moodle-rules";
import { parseMoodleXml } from "./moodle-xml-parser";

const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// Elements marked format="html" carry HTML: plain text is written as HTML that reads back the same.
const xmlTextElement = (tag: string, text: string | undefined, format = false) =>
  text ? `<${tag}${format ? ' format="html"' : ""}><text>${xmlText(format ? textToHtml(text) : text)}</text></${tag}>` : "";

/** Moodle XML: every type, with categories, fractions, feedback and the id as idnumber. */
export function toMoodleXml(questions: readonly ParsedQuestion[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  let category: string | undefined;
  for (const q of questions) {
    if (q.category !== category) {
      category = q.category;
      out.push(`  <question type="category"><category><text>$course$/top/${xmlText(category ?? "")}</text></category></question>`);
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
    const parts = [
      xmlTextElement("name", q.name),
      // A cloze question's gaps are written into its text, in Moodle's syntax, after the text is made HTML.
      q.type === "cloze"
        ? `<questiontext format="html"><text>${xmlText(writeCloze(textToHtml(q.stem), q.parts))}</text></questiontext>`
        : xmlTextElement("questiontext", q.stem, true),
      xmlTextElement("generalfeedback", q.generalFeedback, true),
      q.maxMark !== undefined && q.maxMark !== 1 ? `<defaultgrade>${q.maxMark}</defaultgrade>` : "",
      q.id || q.idnumber ? `<idnumber>${xmlText(q.idnumber ?? q.id!)}</idnumber>` : "",
      // This project's extension (Moodle ignores it): the explanation shown with the right answer.
      xmlTextElement("explanation", q.explanation, true),
      q.section || q.topic
        ? `<tags>${[q.section ? `section:${q.section}` : "", q.topic ? `topic:${q.topic}` : ""]
            .filter(Boolean)
            .map((t) => `<tag><text>${xmlText(t)}</text></tag>`)
            .join("")}</tags>`
        : "",
    ];
    const pct = moodlePercent;
    const answer = (fraction: number, text: string, feedback?: string, extra = "") =>
      `<answer fraction="${pct(fraction)}"><text>${xmlText(text)}</text>${extra}${xmlTextElement("feedback", feedback)}</answer>`;
    switch (q.type) {
      case "single":
      case "multiple":
        parts.push(
          `<single>${q.type === "single"}</single>`,
          ...q.options.map((o) =>
            answer(o.fraction ?? (o.correct ? (q.type === "single" ? 1 : 1 / q.options.filter((x) => x.correct).length) : 0), o.text, o.feedback),
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
            (p) => `<subquestion format="html"><text>${xmlText(textToHtml(p.prompt))}</text><answer><text>${xmlText(p.answer)}</text></answer></subquestion>`,
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
  serialize: (questions) => ({ text: toMoodleXml(questions), skipped: 0 }),
  importExtensions: ["xml"],
  asTxt: false,
  sniff: { firstCharacter: "<" },
  dbName: "MOODLE_XML",
} as const satisfies BankFormat;
