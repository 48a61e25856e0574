// A submitted (or practised) answer as the student reads it back: what they answered, the right
// answer, the mark, and the feedback for what they answered — each chosen option's, the matched
// answer's, each gap's — then the question's general feedback and explanation. Pure; only ever built
// for an answer already marked, so it may show the key.
import type { ClozePart } from "../schemas";
import { answerList } from "./answer-list";
import { gradeAnswer, matchingParts, type GradableQuestion } from "./grading";

export interface ReviewedOption {
  key: string;
  text: string;
  isCorrect: boolean;
  chosen: boolean;
  feedback: string;
}

export interface AnswerReview {
  credit: number;
  isCorrect: boolean;
  awaitingGrading: boolean;
  /** The options in the order shown, for a choice question; [] otherwise. */
  options: ReviewedOption[];
  /** What the student answered and the right answer, line by line, for the other types. */
  given: string[];
  right: string[];
  feedback: string[];
}

export interface ReviewableQuestion extends GradableQuestion {
  options: (GradableQuestion["options"][number] & { text: string; feedback: string })[];
}

interface Accepted {
  text: string;
  fraction: number;
  tolerance?: number;
  value?: number | "*";
}

const best = (answers: readonly Accepted[]) => answers.filter((a) => a.fraction >= 1 - 1e-9);
const numberText = (a: Accepted) => `${a.value ?? a.text}${a.tolerance ? ` (± ${a.tolerance})` : ""}`;

function gapText(part: ClozePart, given: string): string {
  if (part.kind === "shortanswer" || part.kind === "numerical") return given.trim() || "no answer";
  const picked = given
    .split(",")
    .filter((i) => /^\d+$/.test(i))
    .map((i) => part.answers[Number(i)]?.text)
    .filter(Boolean);
  return picked.length ? picked.join(", ") : "no answer";
}

function gapRight(part: ClozePart): string {
  if (part.kind === "numerical") return best(part.answers).map(numberText).join(" or ");
  if (part.kind === "multiple")
    return part.answers
      .filter((a) => a.fraction > 0)
      .map((a) => a.text)
      .join(", ");
  return best(part.answers)
    .map((a) => a.text)
    .join(" or ");
}

export function reviewAnswer(
  question: ReviewableQuestion,
  answer: { chosen: readonly string[]; text: string | null },
  optionOrder: readonly string[],
  maxMark = 1,
): AnswerReview {
  const grade = gradeAnswer(question, answer, maxMark);
  const review: AnswerReview = {
    credit: grade.credit,
    isCorrect: grade.isCorrect,
    awaitingGrading: grade.awaitingGrading,
    options: [],
    given: [],
    right: [],
    feedback: grade.feedback,
  };
  const data = (question.data ?? {}) as Record<string, unknown>;
  const text = answer.text?.trim() ?? "";
  switch (question.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
    case "TRUE_FALSE": {
      const byKey = new Map(question.options.map((o) => [o.key, o]));
      const order = optionOrder.length ? optionOrder : question.options.map((o) => o.key);
      review.options = order.flatMap((key) => {
        const o = byKey.get(key);
        return o ? [{ key, text: o.text, isCorrect: o.isCorrect, chosen: answer.chosen.includes(key), feedback: o.feedback }] : [];
      });
      return review;
    }
    case "SHORT_ANSWER":
      review.given = [text || "no answer"];
      review.right = [
        best(data.answers as Accepted[])
          .map((a) => a.text)
          .join(" or "),
      ];
      return review;
    case "NUMERICAL":
      review.given = [text || "no answer"];
      review.right = [
        best((data.answers as Accepted[]).filter((a) => a.value !== "*"))
          .map(numberText)
          .join(" or "),
      ];
      return review;
    case "MATCHING": {
      const { prompts, choices } = matchingParts(data.pairs as { prompt: string; answer: string }[]);
      const given = answerList(answer.text);
      const picked = (value: string | undefined) => (value && /^\d+$/.test(value) ? choices[Number(value)] : undefined);
      review.given = prompts.map((p, i) => `${p.prompt} → ${picked(given[i]) ?? "no answer"}`);
      review.right = prompts.map((p) => `${p.prompt} → ${p.answer}`);
      return review;
    }
    case "CLOZE": {
      const parts = data.parts as ClozePart[];
      const given = answerList(answer.text);
      review.given = parts.map((part, i) => `Gap ${i + 1}: ${gapText(part, given[i] ?? "")}`);
      review.right = parts.map((part, i) => `Gap ${i + 1}: ${gapRight(part)}`);
      return review;
    }
    default:
      review.given = [text || "no answer"];
      return review;
  }
}
