// What an approved generated item becomes in the course bank (pure). A question stays a single-answer
// question; a card becomes a short-answer question the quiz can mark: a cloze asks for the blanked
// text, a term or definition card for the term its definition describes. The cited sentence goes
// into the explanation students see after answering.
import type { BankQuestion } from "../../bank/schemas";
import type { GeneratedDraft } from "../types";

export interface ApprovalPlacement {
  /** The bank question's stable key. */
  id: string;
  sectionKey: string;
  topic: string | null;
}

export function toBankQuestion(item: GeneratedDraft, placement: ApprovalPlacement): BankQuestion {
  const base = {
    id: placement.id,
    explanation: `From the notes: "${item.source}"`,
    section: placement.sectionKey,
    ...(placement.topic ? { topic: placement.topic } : {}),
    maxMark: 1,
    origin: "authored" as const,
  };
  if (item.kind === "MCQ") return { ...base, type: "single", stem: item.stem, options: item.options.map((text) => ({ text, correct: text === item.answer })) };
  const shortAnswer = (stem: string, answer: string): BankQuestion => ({
    ...base,
    type: "short-answer",
    stem,
    caseSensitive: false,
    // The bank's short answers are Moodle patterns, where `*` is any run of characters: a term's own star is a literal one.
    answers: [{ text: answer.replace(/\*/g, "\\*"), fraction: 1 }],
  });
  if (item.kind === "CLOZE") return shortAnswer(`Fill in the blank: ${item.front}`, item.back);
  if (item.kind === "TERM") return shortAnswer(`Which term is described here? ${item.back}`, item.front);
  return shortAnswer(`Which term is described here? ${item.front}`, item.back);
}
