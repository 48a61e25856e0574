// A marked answer ready for the page: the question's texts and the review's options and feedback
// rendered (HTML questions in their safe subset, plain ones escaped; TeX as MathML), the typed
// answers left as text. Results and practice both show it.
import type { AnswerReview } from "../bank/answers/review";
import { clozeBlanks } from "../bank/cloze-stem";
import { versionFormat } from "../bank/rich-text/format";
import { renderRichText, type SafeHtml } from "../bank/rich-text/render";

export interface RenderedReview {
  stem: SafeHtml;
  generalFeedback: SafeHtml | null;
  explanation: SafeHtml | null;
  review: Omit<AnswerReview, "options" | "feedback"> & {
    options: (Omit<AnswerReview["options"][number], "text" | "feedback"> & { text: SafeHtml; feedback: SafeHtml | null })[];
    feedback: SafeHtml[];
  };
}

interface ReviewedVersion {
  stem: string;
  generalFeedback: string;
  explanation: string;
  data: unknown;
}

/** The columns of a question version that reviewAnswer and renderedReview read (a Prisma select). */
export const reviewedVersionSelect = {
  type: true,
  stem: true,
  explanation: true,
  generalFeedback: true,
  sectionKey: true,
  data: true,
  options: { select: { key: true, text: true, isCorrect: true, fraction: true, feedback: true } },
} as const;

export function renderedReview(version: ReviewedVersion, review: AnswerReview): RenderedReview {
  const format = versionFormat(version.data);
  const rich = (text: string) => (text ? renderRichText(text, format) : null);
  return {
    stem: renderRichText(clozeBlanks(version.stem), format),
    generalFeedback: rich(version.generalFeedback),
    explanation: rich(version.explanation),
    review: {
      ...review,
      options: review.options.map((o) => ({ ...o, text: renderRichText(o.text, format), feedback: rich(o.feedback) })),
      // A cloze question's gap feedback is plain (its texts are): "Gap 1: …" escaped like any plain text.
      feedback: review.feedback.map((f) => renderRichText(f, format)),
    },
  };
}
