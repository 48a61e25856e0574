// A question as a student sees it, built by the student's own code path: the version rows
// (toVersionData, as a save would store them), the attempt's shuffle (planSlot and slotSeed, as
// startOrResumeAttempt plans a slot), what to answer (questionDisplay, with every text rendered by
// renderRichText, as getAttemptForTaking does) and, only when asked, the after-submission view
// (reviewAnswer and renderedReview, as the results page). Nothing of the key is in the student view.
import { reviewAnswer } from "../bank/answers/review";
import { versionFormat } from "../bank/rich-text/format";
import { renderRichText, type SafeHtml } from "../bank/rich-text/render";
import type { BankQuestion } from "../bank/schemas";
import { toVersionData } from "../bank/version-data";
import { questionDisplay, type QuestionDisplay } from "../quiz/question-display";
import { renderedReview, type RenderedReview } from "../quiz/rendered-review";
import { planSlot, slotSeed } from "../quiz/scoring";

export interface StudentPreview {
  type: string;
  stem: SafeHtml;
  display: QuestionDisplay;
  /** The after-submission view of the answer given; null unless one was asked for. */
  review: Omit<RenderedReview, "stem"> | null;
}

export function studentPreview(
  question: BankQuestion,
  seed: number,
  shuffleOptions: boolean,
  answer?: { chosen: readonly string[]; text: string | null },
): StudentPreview {
  const version = toVersionData(question);
  // The preview is slot 1 of an attempt with this seed: the same variant pick, option order and gap shuffles.
  const plan = planSlot(seed, 0, [version], (v) => v.options.map((o) => o.key), shuffleOptions);
  const format = versionFormat(version.data);
  const texts = new Map(version.options.map((o) => [o.key, o.text]));
  const display = questionDisplay(
    version.type,
    version.stem,
    plan.optionOrder.map((key) => ({ value: key, html: renderRichText(texts.get(key) ?? "", format) })),
    version.data,
    slotSeed(seed, 0),
  );
  const stem = renderRichText(version.type === "CLOZE" ? "" : version.stem, format);
  if (!answer) return { type: version.type, stem, display, review: null };
  const { generalFeedback, explanation, review } = renderedReview(
    version,
    reviewAnswer(version, { chosen: answer.chosen, text: answer.text }, plan.optionOrder, version.maxMark),
  );
  return { type: version.type, stem, display, review: { generalFeedback, explanation, review } };
}
