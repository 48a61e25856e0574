// Moodle XML (https://docs.moodle.org/en/Moodle_XML_format) into the bank's question model:
// category switches (nested paths, in any order, with their info and idnumber), every question type
// moodle-xml-questions.ts reads, general feedback, tags and idnumber, each question located by its
// line and its path (quiz/question[n]). The XML parser is configured safely: a DOCTYPE (and so any entity declaration or external
// entity) is refused before parsing, entities are never expanded by the parser (the five predefined
// ones and character references are decoded here, which cannot grow the text), values stay text, and
// repeated elements are always arrays. Problems are located by XML path and question name.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { KEY_PATTERN } from "../../ids";
import type { CategoryInfo, ImportProblem, ParseResult } from "../types";
import { htmlToText } from "./html-text";
import { normaliseCategoryPath } from "./moodle-rules";
import { readXmlQuestion } from "./moodle-xml-questions";
import { textOf, xmlTexts, type Node } from "./moodle-xml-text";
import { checkQuestion } from "./question-issues";

const ALWAYS_ARRAYS = new Set(["question", "answer", "subquestion", "tag", "file"]);

// Moodle XML nests about six elements deep (quiz/question/answer/feedback/text); HTML inside the
// text is escaped or in CDATA, so it adds no depth. A deeper file is refused at once.
const MAX_DEPTH = 32;

const parser = new XMLParser({
  maxNestedTags: MAX_DEPTH,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  cdataPropName: false,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

/** Longer than any tag Moodle writes (`<answer fraction="33.33333" format="html">` is 45). */
const MAX_TAG_LENGTH = 2000;

/**
 * Where the first tag longer than MAX_TAG_LENGTH starts, or -1. One pass with indexOf, skipping
 * comments and CDATA sections (their text may hold any "<"). A ">" inside an attribute value only
 * makes a tag look shorter, so a real Moodle file is never refused. This keeps a 5 MB attribute or a
 * million attributes on one tag from reaching the validator, which reads attributes a character at a
 * time.
 */
function overlongTag(text: string): number {
  let at = text.indexOf("<");
  while (at >= 0) {
    const close = text.startsWith("<![CDATA[", at) ? "]]>" : text.startsWith("<!--", at) ? "-->" : ">";
    const end = text.indexOf(close, at + 1);
    if (close === ">" && (end < 0 ? text.length : end) - at > MAX_TAG_LENGTH) return at;
    if (end < 0) return -1;
    at = text.indexOf("<", end + close.length);
  }
  return -1;
}

/**
 * Where each <question> element starts (line and column), in file order: the element tree has no
 * positions, so the text is scanned once, skipping comments and CDATA (whose text may hold any tag).
 */
function questionPositions(text: string): { line: number; column: number }[] {
  const positions: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  const advance = (to: number) => {
    for (let i = text.indexOf("\n", counted); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    counted = to;
  };
  let at = text.indexOf("<");
  while (at >= 0) {
    const close = text.startsWith("<![CDATA[", at) ? "]]>" : text.startsWith("<!--", at) ? "-->" : ">";
    if (close === ">" && /^<question[\s>/]/.test(text.slice(at, at + 10))) {
      advance(at);
      positions.push({ line, column: at - lineStart + 1 });
    }
    const end = text.indexOf(close, at + 1);
    if (end < 0) break;
    at = text.indexOf("<", end + close.length);
  }
  return positions;
}

/** The question text marked as Moodle's auto format, so that its HTML is read as text. */
function plainFormat(node: unknown): unknown {
  const element = (Array.isArray(node) ? node[0] : node) as Node | undefined;
  return element && typeof element === "object" ? { ...element, "@format": "moodle_auto_format" } : node;
}

export function parseMoodleXml(source: string): ParseResult {
  const questions: ParseResult["questions"] = [];
  const problems: ImportProblem[] = [];
  const text = source.replace(/^\uFEFF/, "");
  const top = (message: string) => ({ questions, problems: [{ line: 1, column: 1, message, question: "", snippet: text.slice(0, 80) }] });
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return top("XML with a DOCTYPE or entity declarations is refused: Moodle XML needs neither, and they can be used to attack the server");
  const longTag = overlongTag(text);
  if (longTag >= 0) {
    const line = text.slice(0, longTag).split("\n").length;
    return {
      questions,
      problems: [
        {
          line,
          column: longTag - text.lastIndexOf("\n", longTag - 1),
          message:
            `a tag longer than ${MAX_TAG_LENGTH} characters: ` +
            "Moodle XML tags are short, so the file is not Moodle XML (or is built to slow the importer down)",
          question: "",
          snippet: text.slice(longTag, longTag + 80),
        },
      ],
    };
  }
  // The parser runs first, with its depth limit: it stops a file built as "<a><a><a>…" within
  // microseconds, where the validator would walk it all and describe every open tag in its message.
  // The validator then checks well-formedness (the parser alone is lenient) and locates the error.
  let document: Node;
  try {
    document = parser.parse(text) as Node;
  } catch (error) {
    const message = (error as Error).message;
    return top(
      message.includes("nested")
        ? `the XML is nested more than ${MAX_DEPTH} elements deep: Moodle XML needs fewer than ten`
        : `not well-formed XML: ${message.slice(0, 200)}`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return {
      questions,
      problems: [{ line: valid.err.line, column: valid.err.col, message: `not well-formed XML: ${valid.err.msg.slice(0, 200)}`, question: "", snippet: "" }],
    };
  const quiz = document.quiz as Node | undefined;
  if (!quiz || typeof quiz !== "object") return top("not Moodle XML: the root element must be <quiz>");
  const positions = questionPositions(text);
  const categories: CategoryInfo[] = [];
  let category: string | undefined;
  ((quiz.question as Node[] | undefined) ?? []).forEach((q, index) => {
    // Cut for the problem's path: a file may carry a 5 MB attribute.
    const type = String(q["@type"] ?? "").slice(0, 40);
    const name = htmlToText(textOf(q.name));
    const where = { ...(positions[index] ?? { line: 0, column: 0 }), path: `quiz/question[${index + 1}]` };
    const snippet = htmlToText(textOf(q.questiontext)).slice(0, 80);
    const report = (message: string, severity?: "warning") =>
      problems.push({ ...where, message, question: name || snippet.slice(0, 60), snippet, ...(severity ? { severity } : {}) });
    if (type === "category") {
      category = normaliseCategoryPath(textOf(q.category)) || undefined;
      const description = xmlTexts(q).plain(q.info);
      const idnumber = textOf(q.idnumber).trim();
      if (category && (description || idnumber)) categories.push({ path: category, description, idnumber });
      return;
    }
    if (type === "description") {
      report("a description (text shown between questions, not a question) is left out: this bank holds questions only", "warning");
      return;
    }
    // A cloze question is kept as plain text (its gaps are in its text): its texts are read as plain.
    const t = xmlTexts(type === "cloze" || type === "multianswer" ? { ...q, questiontext: plainFormat(q.questiontext) } : q);
    const reading = readXmlQuestion(q, type, t);
    for (const problem of reading.problems) report(problem);
    if (!reading.fields || reading.problems.length) return;
    const idnumber = textOf(q.idnumber).trim();
    const base: Record<string, unknown> = {
      stem: t.rich(q.questiontext),
      origin: "imported",
      ...(t.html ? { format: "html" } : {}),
      ...(t.files.length ? { files: t.files } : {}),
      ...(name ? { name } : {}),
      ...(category ? { category } : {}),
      ...(t.rich(q.generalfeedback) ? { generalFeedback: t.rich(q.generalfeedback) } : {}),
      ...(q.defaultgrade !== undefined ? { maxMark: Number(textOf(q.defaultgrade)) } : {}),
      ...(KEY_PATTERN.test(idnumber) ? { id: idnumber } : idnumber ? { idnumber } : {}),
      ...(t.rich(q.explanation) ? { explanation: t.rich(q.explanation) } : {}),
    };
    // Tags "section:<key>" and "topic:<key>" place the question in the notes and the topics.
    for (const tag of (((q.tags as Node | undefined)?.tag as Node[] | undefined) ?? []).map((t) => textOf(t))) {
      const placed = tag.match(/^(section|topic):([a-z0-9][a-z0-9-]*)$/);
      if (placed) base[placed[1]!] = placed[2];
    }
    // Reading the texts (above) found the images that are missing or refused.
    for (const warning of [...t.warnings, ...reading.warnings]) report(warning, "warning");
    const checked = checkQuestion({ ...base, ...reading.fields });
    if ("messages" in checked) for (const message of checked.messages) report(message);
    else questions.push({ line: where.line, question: checked.question });
  });
  return { questions, problems, ...(categories.length ? { categories } : {}) };
}
