// Moodle XML (https://docs.moodle.org/en/Moodle_XML_format) into the bank's question model:
// category switches (nested paths, in any order), multichoice (single and multiple, fractions),
// truefalse, shortanswer, numerical, matching, essay, per-answer and general feedback, tags and
// idnumber. The XML parser is configured safely: a DOCTYPE (and so any entity declaration or external
// entity) is refused before parsing, entities are never expanded by the parser (the five predefined
// ones and character references are decoded here, which cannot grow the text), values stay text, and
// repeated elements are always arrays. Problems are located by XML path and question name.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { bankQuestion } from "../schemas";
import type { ImportProblem, ParsedQuestion, ParseResult } from "../types";
import { htmlToText } from "./html-text";
import { KEY_PATTERN } from "../../ids";

const ALWAYS_ARRAYS = new Set(["question", "answer", "subquestion", "tag"]);

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

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the predefined entities and character references (each becomes at most two characters). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== "#") return PREDEFINED[name.toLowerCase()] ?? whole;
    const code = name[1]!.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

type Node = Record<string, unknown>;

function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return decodeEntities(node);
  if (Array.isArray(node)) return textOf(node[0]);
  const value = (node as Node).text ?? (node as Node)["#text"];
  return value === undefined ? "" : textOf(value);
}

/** The text of an element, turned from HTML into plain text when the element says format="html". */
function richText(node: unknown): string {
  const element = Array.isArray(node) ? node[0] : node;
  const text = textOf(element);
  return element && typeof element === "object" && (element as Node)["@format"] === "html" ? htmlToText(text) : text;
}

const fraction = (answer: Node) => Number((answer["@fraction"] as string | undefined) ?? "0") / 100;

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
  let category: string | undefined;
  ((quiz.question as Node[] | undefined) ?? []).forEach((q, index) => {
    // Cut for the problem's path: a file may carry a 5 MB attribute.
    const type = String(q["@type"] ?? "").slice(0, 40);
    const name = textOf(q.name);
    const path = `quiz/question[${index + 1}]${type ? ` (${type}${name ? ` "${name.slice(0, 60)}"` : ""})` : ""}`;
    const fail = (message: string) =>
      problems.push({ line: 0, column: 0, message: `${path}: ${message}`, question: name, snippet: textOf(q.questiontext).slice(0, 80) });
    if (type === "category") {
      category =
        textOf(q.category)
          .replace(/^\$(course|cat\d|module|system)\$\//, "")
          .replace(/^top\/?/, "") || undefined;
      return;
    }
    const stem = richText(q.questiontext);
    const idnumber = textOf(q.idnumber);
    const base: Record<string, unknown> = {
      stem,
      origin: "imported",
      ...(name ? { name } : {}),
      ...(category ? { category } : {}),
      ...(richText(q.generalfeedback) ? { generalFeedback: richText(q.generalfeedback) } : {}),
      ...(q.defaultgrade !== undefined ? { maxMark: Number(textOf(q.defaultgrade)) } : {}),
      ...(KEY_PATTERN.test(idnumber) ? { id: idnumber } : {}),
      ...(richText(q.explanation) ? { explanation: richText(q.explanation) } : {}),
    };
    // Tags "section:<key>" and "topic:<key>" place the question in the notes and the topics.
    for (const tag of (((q.tags as Node | undefined)?.tag as Node[] | undefined) ?? []).map((t) => textOf(t))) {
      const placed = tag.match(/^(section|topic):([a-z0-9][a-z0-9-]*)$/);
      if (placed) base[placed[1]!] = placed[2];
    }
    if (idnumber && !base.id) fail(`idnumber "${idnumber}" must be lowercase letters, digits and hyphens to serve as the question's key`);
    const answers = (q.answer as Node[] | undefined) ?? [];
    let question: Record<string, unknown> | null = null;
    switch (type) {
      case "multichoice": {
        const single = textOf(q.single) !== "false";
        const options = answers.map((a) => ({
          text: richText(a),
          correct: fraction(a) > 0,
          fraction: fraction(a),
          ...(richText(a.feedback) ? { feedback: richText(a.feedback) } : {}),
        }));
        question = { ...base, type: single ? "single" : "multiple", options };
        break;
      }
      case "truefalse": {
        const right = answers.find((a) => fraction(a) === 1);
        const value = right ? textOf(right).toLowerCase() : "";
        if (value !== "true" && value !== "false") fail("a true/false question needs one answer, true or false, with fraction 100");
        else question = { ...base, type: "true-false", answer: value === "true" };
        break;
      }
      case "shortanswer":
        question = {
          ...base,
          type: "short-answer",
          caseSensitive: textOf(q.usecase) === "1",
          answers: answers.map((a) => ({ text: textOf(a), fraction: fraction(a), ...(textOf(a.feedback) ? { feedback: textOf(a.feedback) } : {}) })),
        };
        break;
      case "numerical": {
        const parsed = answers.map((a) => ({
          value: Number(textOf(a)),
          tolerance: Number(textOf(a.tolerance) || "0"),
          fraction: fraction(a),
          ...(textOf(a.feedback) ? { feedback: textOf(a.feedback) } : {}),
        }));
        const bad = parsed.find((a) => !Number.isFinite(a.value) || !Number.isFinite(a.tolerance));
        // Moodle writes "*" for an answer that matches anything: its feedback is the catch-all.
        const catchAll = answers.find((a) => textOf(a) === "*");
        if (bad && !catchAll) fail("an answer is not a number");
        else
          question = {
            ...base,
            type: "numerical",
            answers: parsed.filter((a) => Number.isFinite(a.value)),
            ...(catchAll && textOf(catchAll.feedback) && !base.generalFeedback ? { generalFeedback: textOf(catchAll.feedback) } : {}),
          };
        break;
      }
      case "matching": {
        const pairs = ((q.subquestion as Node[] | undefined) ?? [])
          .map((s) => ({ prompt: richText(s), answer: textOf((s.answer as Node[] | undefined)?.[0]) }))
          .filter((p) => p.prompt !== "");
        question = { ...base, type: "matching", pairs };
        break;
      }
      case "essay":
        question = { ...base, type: "essay" };
        break;
      default:
        fail(
          `the question type "${type}" is not supported (supported: multichoice, truefalse, shortanswer, numerical, matching, essay, and category switches)`,
        );
    }
    if (!question) return;
    const checked = bankQuestion.safeParse({ id: "placeholder", ...question });
    if (!checked.success) {
      for (const issue of checked.error.issues) fail(`${issue.path.join(".") || "question"}: ${issue.message}`);
      return;
    }
    const { id, ...rest } = checked.data;
    questions.push({ line: 0, question: (id === "placeholder" ? rest : { id, ...rest }) as ParsedQuestion });
  });
  return { questions, problems };
}
