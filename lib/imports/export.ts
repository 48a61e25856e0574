// Writes bank questions back out in the import formats; reading an export back gives the same
// questions (for what each format can hold: GIFT has no ids, topics or marks; Aiken only single-answer
// questions; see the round-trip tests).
import type { ParsedQuestion } from "./gift";

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
