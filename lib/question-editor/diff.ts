// What changed between two versions of a question, field by field — the texts word by word (jsdiff's
// diffWords), the values (credit, tolerance, topic, mark) whole — and the same in one line for the
// audit trail ("key changed from B to C; option B's credit changed"). Pure.
import { diffWords } from "diff";
import { writeCloze } from "../bank/formats/cloze";
import type { ParsedQuestion } from "../bank/types";

/** A question as one version has it, with the topic it had then (the topic belongs to the question). */
export interface VersionSnapshot {
  question: ParsedQuestion;
  topic: string | null;
}

export interface WordPart {
  value: string;
  kind: "same" | "added" | "removed";
}

export interface FieldDiff {
  key: string;
  label: string;
  before: string | null;
  after: string | null;
  status: "same" | "changed" | "added" | "removed";
  /** Texts: the words kept, added and removed; null for values (shown whole). */
  words: WordPart[] | null;
}

interface Field {
  key: string;
  label: string;
  value: string;
  text: boolean;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const letter = (i: number) => LETTERS[i] ?? String(i + 1);
const percent = (fraction: number | undefined) => `${Number(((fraction ?? 0) * 100).toFixed(5))}%`;
const yesNo = (value: boolean) => (value ? "yes" : "no");

/** Every field of a question that the history compares, in the editor's order. */
export function questionFields({ question: q, topic }: VersionSnapshot): Field[] {
  const text = (key: string, label: string, value: string | undefined): Field => ({ key, label, value: value ?? "", text: true });
  const value = (key: string, label: string, v: string): Field => ({ key, label, value: v, text: false });
  const fields: Field[] = [
    text("name", "Name", q.name),
    text("stem", q.type === "cloze" ? "Question text (with its gaps)" : "Question text", q.type === "cloze" ? writeCloze(q.stem, q.parts) : q.stem),
  ];
  switch (q.type) {
    case "single":
    case "multiple":
      q.options.forEach((o, i) => {
        fields.push(text(`options.${i}.text`, `Option ${letter(i)}: text`, o.text));
        fields.push(value(`options.${i}.grade`, `Option ${letter(i)}: credit`, percent(o.fraction ?? (o.correct ? 1 : 0))));
        fields.push(text(`options.${i}.feedback`, `Option ${letter(i)}: feedback`, o.feedback));
      });
      break;
    case "true-false":
      fields.push(value("answer", "Right answer", q.answer ? "True" : "False"));
      fields.push(text("feedbackTrue", "Feedback for “True”", q.feedbackTrue));
      fields.push(text("feedbackFalse", "Feedback for “False”", q.feedbackFalse));
      break;
    case "short-answer":
      fields.push(value("caseSensitive", "Case sensitive", yesNo(q.caseSensitive ?? false)));
      q.answers.forEach((a, i) => {
        fields.push(text(`answers.${i}.text`, `Answer ${i + 1}: text`, a.text));
        fields.push(value(`answers.${i}.grade`, `Answer ${i + 1}: credit`, percent(a.fraction ?? 1)));
        fields.push(text(`answers.${i}.feedback`, `Answer ${i + 1}: feedback`, a.feedback));
      });
      break;
    case "numerical":
      q.answers.forEach((a, i) => {
        fields.push(value(`answers.${i}.value`, `Answer ${i + 1}: value`, a.value === "*" ? "* (any other number)" : String(a.value)));
        fields.push(value(`answers.${i}.tolerance`, `Answer ${i + 1}: tolerance`, String(a.tolerance ?? 0)));
        fields.push(value(`answers.${i}.grade`, `Answer ${i + 1}: credit`, percent(a.fraction ?? 1)));
        fields.push(text(`answers.${i}.feedback`, `Answer ${i + 1}: feedback`, a.feedback));
      });
      break;
    case "matching":
      q.pairs.forEach((p, i) => {
        fields.push(text(`pairs.${i}.prompt`, `Pair ${i + 1}: prompt`, p.prompt === "" ? "(extra distractor)" : p.prompt));
        fields.push(text(`pairs.${i}.answer`, `Pair ${i + 1}: answer`, p.answer));
      });
      break;
    case "cloze":
    case "essay":
      break;
  }
  fields.push(
    text("generalFeedback", "General feedback", q.generalFeedback),
    text("explanation", "Explanation", q.explanation),
    value("topic", "Topic", topic ?? "none"),
    value("section", "Notes section", q.section ?? "none"),
    value("maxMark", "Default mark", String(q.maxMark ?? 1)),
  );
  return fields;
}

function words(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((c) => ({ value: c.value, kind: c.added ? "added" : c.removed ? "removed" : "same" }));
}

/** Every field of either version, with how it changed from `before` to `after`. */
export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): FieldDiff[] {
  const old = new Map(questionFields(before).map((f) => [f.key, f]));
  const rows: FieldDiff[] = [];
  const seen = new Set<string>();
  for (const field of questionFields(after)) {
    seen.add(field.key);
    const was = old.get(field.key);
    // A field one version lacks counts as empty: an added option's empty feedback is no change.
    const status = (was?.value ?? "") === field.value ? "same" : !was ? "added" : "changed";
    rows.push({
      key: field.key,
      label: field.label,
      before: was?.value ?? null,
      after: field.value,
      status,
      words: field.text && status !== "same" ? words(was?.value ?? "", field.value) : null,
    });
  }
  // Fields the newer version no longer has (a removed option), after the ones it has.
  for (const field of questionFields(before))
    if (!seen.has(field.key))
      rows.push({
        key: field.key,
        label: field.label,
        before: field.value,
        after: null,
        status: field.value === "" ? "same" : "removed",
        words: field.text && field.value !== "" ? words(field.value, "") : null,
      });
  return rows;
}

/** The question's key in a few words: the right options' letters, "True", the full-credit answers. */
export function keyOf(q: ParsedQuestion): string | null {
  switch (q.type) {
    case "single":
    case "multiple":
      return q.options.flatMap((o, i) => (o.correct ? [letter(i)] : [])).join(", ") || "none";
    case "true-false":
      return q.answer ? "True" : "False";
    case "short-answer":
      return q.answers
        .filter((a) => (a.fraction ?? 1) >= 1)
        .map((a) => `“${a.text}”`)
        .join(" or ");
    case "numerical":
      return q.answers
        .filter((a) => (a.fraction ?? 1) >= 1 && a.value !== "*")
        .map((a) => `${a.value}${a.tolerance ? ` ± ${a.tolerance}` : ""}`)
        .join(" or ");
    default:
      return null;
  }
}

/** What changed, in words, for the audit trail: the key first, then each other field. */
export function changeSummary(before: VersionSnapshot, after: VersionSnapshot): string[] {
  const parts: string[] = [];
  const [was, now] = [keyOf(before.question), keyOf(after.question)];
  if (was !== now && was !== null && now !== null) parts.push(`key changed from ${was} to ${now}`);
  for (const row of diffVersions(before, after)) {
    if (row.status === "same") continue;
    const label = row.label.charAt(0).toLowerCase() + row.label.slice(1);
    if (!row.words && row.before !== null && row.after !== null) parts.push(`${label} changed from ${row.before} to ${row.after}`);
    else parts.push(`${label} ${row.status === "changed" ? "changed" : row.status}`);
  }
  return parts;
}
