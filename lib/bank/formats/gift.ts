// Moodle GIFT (https://docs.moodle.org/en/GIFT_format): the parser is gift-parser.ts; the export
// writes every type GIFT holds (all but cloze, which is left out and counted), with categories,
// titles, weights and feedback (GIFT has no ids, topics or marks, so questions read back from it are
// known by their content).
import type { ParsedQuestion } from "../types";
import { countSkipped, type BankFormat } from "./bank-format";
import { parseGift } from "./gift-parser";
import { moodlePercent } from "./moodle-rules";

const GIFT_SPECIAL = /([~=#{}:\\])/g;

/** Text escaped for GIFT: its special characters get a backslash, newlines become \n. */
export function giftEscape(text: string): string {
  return text.replace(GIFT_SPECIAL, "\\$1").replace(/\n/g, "\\n");
}

function weight(fraction: number, implied: number): string {
  return Math.abs(fraction - implied) < 1e-9 ? "" : `%${moodlePercent(fraction)}%`;
}

const feedback = (text: string | undefined) => (text ? `#${giftEscape(text)}` : "");

export function toGift(questions: readonly ParsedQuestion[]): { text: string; skipped: { question: ParsedQuestion; reason: string }[] } {
  const blocks: string[] = [];
  const skipped: { question: ParsedQuestion; reason: string }[] = [];
  let category: string | undefined;
  for (const q of questions) {
    if (q.type === "cloze") {
      skipped.push({ question: q, reason: "GIFT has no embedded-answer (cloze) questions: use Moodle XML" });
      continue;
    }
    if (q.category !== category) {
      category = q.category;
      if (category) blocks.push(`$CATEGORY: $course$/top/${category}`);
    }
    const title = q.name ? `::${giftEscape(q.name)}::` : "";
    const general = q.generalFeedback ? ` ####${giftEscape(q.generalFeedback)}` : "";
    let body: string;
    switch (q.type) {
      case "single":
        body = q.options
          .map(
            (o) =>
              (o.correct && (o.fraction ?? 1) === 1 ? `=${giftEscape(o.text)}` : `~${weight(o.fraction ?? (o.correct ? 1 : 0), 0)}${giftEscape(o.text)}`) +
              feedback(o.feedback),
          )
          .join(" ");
        break;
      case "multiple": {
        const right = q.options.filter((o) => o.correct).length;
        body = q.options.map((o) => `~%${moodlePercent(o.fraction ?? (o.correct ? 1 / right : 0))}%${giftEscape(o.text)}${feedback(o.feedback)}`).join(" ");
        break;
      }
      case "true-false": {
        // Moodle's order: the feedback for a wrong choice, then for the right one.
        const [wrong, right] = q.answer ? [q.feedbackFalse, q.feedbackTrue] : [q.feedbackTrue, q.feedbackFalse];
        body = `${q.answer ? "TRUE" : "FALSE"}${wrong || right ? `#${giftEscape(wrong ?? "")}` : ""}${right ? `#${giftEscape(right)}` : ""}`;
        break;
      }
      case "short-answer":
        body = q.answers.map((a) => `=${weight(a.fraction, 1)}${giftEscape(a.text)}${feedback(a.feedback)}`).join(" ");
        break;
      case "numerical": {
        // Moodle reads everything after the first ~ as the feedback for any other number, so "*" goes last.
        const other = q.answers.find((a) => a.value === "*");
        const numbers = q.answers.filter((a) => a.value !== "*").map((a) => `=${weight(a.fraction, 1)}${a.value}:${a.tolerance}${feedback(a.feedback)}`);
        body = `#${numbers.join(" ")}${other ? ` ~${feedback(other.feedback ?? "") || "#"}` : ""}`;
        break;
      }
      case "matching":
        body = q.pairs.map((p) => `=${p.prompt ? `${giftEscape(p.prompt)} ` : ""}-> ${giftEscape(p.answer)}`).join(" ");
        break;
      case "essay":
        body = "";
        break;
    }
    // An HTML question says so; its answers and feedback take the question's format.
    blocks.push(`${title}${q.format === "html" ? "[html]" : ""}${giftEscape(q.stem)} {${body}${general}}`);
  }
  return { text: `${blocks.join("\n\n")}\n`, skipped };
}

// Every check here scans the text once. A regular expression such as /\{[^}]*\}/ restarts its
// scan at each "{" and takes quadratic time on "a{{{{…" (hours for 5 MB), so plain searches are used.
const hasAnswerBlock = (text: string) => {
  const open = text.indexOf("{");
  return open >= 0 && text.indexOf("}", open + 1) > open;
};

export const giftFormat = {
  name: "gift",
  label: "Moodle GIFT",
  extension: "gift",
  mimeType: "text/plain",
  parse: parseGift,
  serialize: (questions) => countSkipped(toGift(questions)),
  importExtensions: ["gift"],
  asTxt: true,
  sniff: { marker: hasAnswerBlock },
  dbName: "GIFT",
} as const satisfies BankFormat;
