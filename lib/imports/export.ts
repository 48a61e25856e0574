// Writes bank questions back out in the import formats; reading an export back gives the same
// questions (for what each format can hold: GIFT has no ids, topics or marks; Aiken only single-answer
// questions; see the round-trip tests).
import type { ParsedQuestion } from "./gift";
import { csvLine } from "../csv/cells";
import { textToHtml } from "./html-text";

const GIFT_SPECIAL = /([~=#{}:\\])/g;

/** Text escaped for GIFT: its special characters get a backslash, newlines become \n. */
export function giftEscape(text: string): string {
  return text.replace(GIFT_SPECIAL, "\\$1").replace(/\n/g, "\\n");
}

function weight(fraction: number, implied: number): string {
  return Math.abs(fraction - implied) < 1e-9 ? "" : `%${Number((fraction * 100).toFixed(5))}%`;
}

const feedback = (text: string | undefined) => (text ? `#${giftEscape(text)}` : "");

export function toGift(questions: readonly ParsedQuestion[]): string {
  const blocks: string[] = [];
  let category: string | undefined;
  for (const q of questions) {
    if (q.category !== category) {
      category = q.category;
      if (category) blocks.push(`$CATEGORY: ${category}`);
    }
    const title = q.name ? `::${giftEscape(q.name)}::` : "";
    const general = q.generalFeedback ? ` ####${giftEscape(q.generalFeedback)}` : "";
    let body: string;
    switch (q.type) {
      case "single":
        body = q.options.map((o) => (o.correct && (o.fraction ?? 1) === 1 ? `=${giftEscape(o.text)}` : `~${weight(o.fraction ?? (o.correct ? 1 : 0), 0)}${giftEscape(o.text)}`) + feedback(o.feedback)).join(" ");
        break;
      case "multiple": {
        const right = q.options.filter((o) => o.correct).length;
        body = q.options.map((o) => `~%${Number(((o.fraction ?? (o.correct ? 1 / right : 0)) * 100).toFixed(5))}%${giftEscape(o.text)}${feedback(o.feedback)}`).join(" ");
        break;
      }
      case "true-false":
        body = `${q.answer ? "T" : "F"}${q.explanation ? `#${giftEscape(q.explanation)}` : ""}`;
        break;
      case "short-answer":
        body = q.answers.map((a) => `=${weight(a.fraction, 1)}${giftEscape(a.text)}${feedback(a.feedback)}`).join(" ");
        break;
      case "numerical":
        body = `#${q.answers.map((a) => `=${weight(a.fraction, 1)}${a.value}:${a.tolerance}${feedback(a.feedback)}`).join(" ")}`;
        break;
      case "matching":
        body = q.pairs.map((p) => `=${giftEscape(p.prompt)} -> ${giftEscape(p.answer)}`).join(" ");
        break;
      case "essay":
        body = "";
        break;
    }
    blocks.push(`${title}${giftEscape(q.stem)} {${body}${general}}`);
  }
  return `${blocks.join("\n\n")}\n`;
}

/** Aiken holds single-answer questions only; others are returned as skipped, with the reason. */
export function toAiken(questions: readonly ParsedQuestion[]): { text: string; skipped: { question: ParsedQuestion; reason: string }[] } {
  const blocks: string[] = [];
  const skipped: { question: ParsedQuestion; reason: string }[] = [];
  for (const q of questions) {
    if (q.type !== "single") {
      skipped.push({ question: q, reason: `Aiken holds single-answer multiple-choice questions only, not ${q.type}` });
      continue;
    }
    if (q.stem.includes("\n") || q.options.some((o) => o.text.includes("\n"))) {
      skipped.push({ question: q, reason: "Aiken puts the question and each option on one line" });
      continue;
    }
    const right = q.options.findIndex((o) => o.correct);
    blocks.push([q.stem, ...q.options.map((o, i) => `${String.fromCharCode(65 + i)}. ${o.text}`), `ANSWER: ${String.fromCharCode(65 + right)}`].join("\n"));
  }
  return { text: `${blocks.join("\n\n")}\n`, skipped };
}

/** The project's own JSON (the content format): every field kept. */
export function toBankJson(questions: readonly (ParsedQuestion & { id: string })[]): string {
  return `${JSON.stringify({ format: "course-question-bank", version: 1, questions }, null, 2)}\n`;
}


/** CSV with the documented header; numerical and matching questions cannot be rows and are skipped, with the reason. */
export function toCsv(questions: readonly ParsedQuestion[]): { text: string; skipped: { question: ParsedQuestion; reason: string }[] } {
  const skipped: { question: ParsedQuestion; reason: string }[] = [];
  const rows: ParsedQuestion[] = [];
  for (const q of questions) {
    if (q.type === "numerical" || q.type === "matching") skipped.push({ question: q, reason: `${q.type} questions cannot be one CSV row` });
    else rows.push(q);
  }
  const width = Math.max(2, ...rows.map((q) => (q.type === "single" || q.type === "multiple" ? q.options.length : q.type === "short-answer" ? q.answers.length : 0)));
  const letters = Array.from({ length: width }, (_, i) => String.fromCharCode(97 + i));
  const header = ["id", "type", "stem", ...letters.map((l) => `option_${l}`), "correct", "explanation", "topic", "lecture", "section", "category", "max_mark"];
  const lines = [header.join(",")];
  for (const q of rows) {
    const texts = q.type === "single" || q.type === "multiple" ? q.options.map((o) => o.text) : q.type === "short-answer" ? q.answers.map((a) => a.text) : [];
    const correct =
      q.type === "single" || q.type === "multiple"
        ? q.options.flatMap((o, i) => (o.correct ? [String.fromCharCode(65 + i)] : [])).join(";")
        : q.type === "true-false"
          ? String(q.answer)
          : "";
    // csvLine neutralises cells a spreadsheet would run as formulas; the CSV importer undoes it.
    lines.push(csvLine([q.id, q.type, q.stem, ...letters.map((_, i) => texts[i]), correct, q.explanation, q.topic, q.lecture, q.section, q.category, q.maxMark === 1 ? undefined : q.maxMark]));
  }
  return { text: `${lines.join("\n")}\n`, skipped };
}

const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// Elements marked format="html" carry HTML: plain text is written as HTML that reads back the same.
const xmlTextElement = (tag: string, text: string | undefined, format = false) => (text ? `<${tag}${format ? ' format="html"' : ""}><text>${xmlText(format ? textToHtml(text) : text)}</text></${tag}>` : "");

/** Moodle XML: every type, with categories, fractions, feedback and the id as idnumber. */
export function toMoodleXml(questions: readonly ParsedQuestion[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  let category: string | undefined;
  for (const q of questions) {
    if (q.category !== category) {
      category = q.category;
      out.push(`  <question type="category"><category><text>$course$/top/${xmlText(category ?? "")}</text></category></question>`);
    }
    const type = { single: "multichoice", multiple: "multichoice", "true-false": "truefalse", "short-answer": "shortanswer", numerical: "numerical", matching: "matching", essay: "essay" }[q.type];
    const parts = [
      xmlTextElement("name", q.name),
      xmlTextElement("questiontext", q.stem, true),
      xmlTextElement("generalfeedback", q.generalFeedback, true),
      q.maxMark !== undefined && q.maxMark !== 1 ? `<defaultgrade>${q.maxMark}</defaultgrade>` : "",
      q.id ? `<idnumber>${xmlText(q.id)}</idnumber>` : "",
      // This project's extension (Moodle ignores it): the explanation shown with the right answer.
      xmlTextElement("explanation", q.explanation, true),
      q.section || q.topic
        ? `<tags>${[q.section ? `section:${q.section}` : "", q.topic ? `topic:${q.topic}` : ""].filter(Boolean).map((t) => `<tag><text>${xmlText(t)}</text></tag>`).join("")}</tags>`
        : "",
    ];
    const pct = (f: number) => Number((f * 100).toFixed(5));
    const answer = (fraction: number, text: string, feedback?: string, extra = "") => `<answer fraction="${pct(fraction)}"><text>${xmlText(text)}</text>${extra}${xmlTextElement("feedback", feedback)}</answer>`;
    switch (q.type) {
      case "single":
      case "multiple":
        parts.push(`<single>${q.type === "single"}</single>`, ...q.options.map((o) => answer(o.fraction ?? (o.correct ? (q.type === "single" ? 1 : 1 / q.options.filter((x) => x.correct).length) : 0), o.text, o.feedback)));
        break;
      case "true-false":
        parts.push(answer(q.answer ? 1 : 0, "true"), answer(q.answer ? 0 : 1, "false"));
        break;
      case "short-answer":
        parts.push(`<usecase>${q.caseSensitive ? 1 : 0}</usecase>`, ...q.answers.map((a) => answer(a.fraction, a.text, a.feedback)));
        break;
      case "numerical":
        parts.push(...q.answers.map((a) => answer(a.fraction, String(a.value), a.feedback, `<tolerance>${a.tolerance}</tolerance>`)));
        break;
      case "matching":
        parts.push(...q.pairs.map((p) => `<subquestion format="html"><text>${xmlText(textToHtml(p.prompt))}</text><answer><text>${xmlText(p.answer)}</text></answer></subquestion>`));
        break;
      case "essay":
        break;
    }
    out.push(`  <question type="${type}">${parts.filter(Boolean).join("")}</question>`);
  }
  out.push("</quiz>");
  return `${out.join("\n")}\n`;
}
