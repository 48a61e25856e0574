import "server-only";
// The quiz's readers: what the quiz, attempt and results pages show. None of them writes: an attempt
// whose time is up is shown as closed (attemptState) until a write path or the sweep submits it.
// Starting, saving and submitting live in attempt-start.ts, answer-save.ts and submission/.
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db, hotQuery } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { ATTEMPT_FOR_TAKING_SQL, type AttemptForTakingRow } from "./internal/sql";
import { reviewAnswer } from "../bank/answers/review";
import { renderedReview, reviewedVersionSelect } from "./rendered-review";
import { renderRichText } from "../bank/rich-text/render";
import { questionDisplay } from "./question-display";
import { countingAttempt, slotSeed } from "./scoring";
import { attemptState, isOpen } from "./submission/attempt-state";
import { quizWindowRefusal, quizWindowState } from "./window";

const quizSettingsSelect = {
  id: true,
  key: true,
  title: true,
  description: true,
  attemptsAllowed: true,
  gradingPolicy: true,
  timeLimitSeconds: true,
  shuffleOptions: true,
  opensAt: true,
  closesAt: true,
  lecture: { select: { slug: true, number: true, title: true } },
} as const satisfies Prisma.QuizSelect;

/** The quiz of a lecture with the viewer's attempts (each with its state now) and what they may do next. */
export async function getQuizOverview(viewer: Viewer, lectureSlug: string) {
  assertRole(viewer, ROLES);
  const quiz = await db.quiz.findFirst({ where: { lecture: { slug: lectureSlug } }, select: quizSettingsSelect, orderBy: { createdAt: "asc" } });
  if (!quiz) return null;
  const [slotCount, rows] = await Promise.all([
    db.quizSlot.count({ where: { quizId: quiz.id, retiredAt: null } }),
    db.attempt.findMany({
      where: { quizId: quiz.id, userId: viewer.id },
      orderBy: { attemptNumber: "asc" },
      select: { id: true, attemptNumber: true, status: true, startedAt: true, deadlineAt: true, submittedAt: true, score: true, maxScore: true },
    }),
  ]);
  const now = new Date();
  const attempts = rows.map((a) => ({ ...a, state: attemptState(a, now) }));
  const submitted = attempts.filter((a) => a.status === "SUBMITTED").map((a) => ({ ...a, score: a.score ?? 0, submittedAt: a.submittedAt ?? a.startedAt }));
  // An overdue attempt is closed: it is not resumed; starting the next one submits it first.
  const inProgress = attempts.find((a) => isOpen(a.state)) ?? null;
  const attemptsLeft = quiz.attemptsAllowed === null ? null : Math.max(0, quiz.attemptsAllowed - attempts.length);
  return {
    quiz,
    slotCount,
    attempts,
    inProgress,
    counting: countingAttempt(submitted, quiz.gradingPolicy),
    best: submitted.reduce<(typeof submitted)[number] | null>((best, a) => (!best || a.score > best.score ? a : best), null),
    attemptsLeft,
    /** Whether the quiz takes new attempts now (opensAt, closesAt), and if not, why in words. */
    window: { state: quizWindowState(quiz, now), refusal: quizWindowRefusal(quiz, now) },
    canStart: inProgress !== null || (quizWindowState(quiz, now) === "OPEN" && (attemptsLeft === null || attemptsLeft > 0)),
  };
}

/**
 * An attempt as its owner takes it: questions and options in this attempt's order, the answers saved
 * so far. Never the answer key: no correctness flag, fraction or explanation is selected here.
 */
export async function getAttemptForTaking(viewer: Viewer, attemptId: string) {
  assertRole(viewer, ROLES);
  const [attempt] = await hotQuery<AttemptForTakingRow>(ATTEMPT_FOR_TAKING_SQL, [attemptId, viewer.id]);
  if (!attempt) return null;
  return {
    id: attempt.id,
    status: attempt.status,
    /** OPEN is taken; any other state is closed (OVERDUE: time is up, not yet scored). */
    state: attemptState(attempt, new Date()),
    attemptNumber: attempt.attemptNumber,
    deadlineAt: attempt.deadlineAt,
    quizTitle: attempt.quizTitle,
    lectureSlug: attempt.lectureSlug,
    questions: attempt.questions.map((r) => ({
      position: r.position,
      type: r.type,
      stem: renderRichText(r.type === "CLOZE" ? "" : r.stem, r.format),
      display: questionDisplay(
        r.type,
        r.stem,
        r.optionOrder.map((key) => ({ value: key, html: renderRichText(r.texts[key] ?? "", r.format) })),
        r.data,
        slotSeed(attempt.seed, r.position),
      ),
      chosen: r.chosen,
      text: r.text,
      flagged: r.flagged,
      /** The answer's revision: the page sends it back with its next save (optimistic concurrency). */
      revision: Number(r.revision),
    })),
  };
}

export type AttemptForTaking = NonNullable<Awaited<ReturnType<typeof getAttemptForTaking>>>;

/** A submitted attempt with the answer key, for its owner only. */
export async function getAttemptResult(viewer: Viewer, attemptId: string) {
  assertRole(viewer, ROLES);
  const attempt = await db.attempt.findFirst({
    where: { id: attemptId, userId: viewer.id, status: "SUBMITTED" },
    select: {
      id: true,
      attemptNumber: true,
      startedAt: true,
      submittedAt: true,
      score: true,
      maxScore: true,
      quiz: { select: { id: true, title: true, gradingPolicy: true, attemptsAllowed: true, lecture: { select: { slug: true } } } },
      regrades: { orderBy: { createdAt: "asc" }, select: { createdAt: true, oldScore: true, newScore: true, oldMaxScore: true, newMaxScore: true } },
      responses: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          gradedAt: true,
          graderComment: true,
          optionOrder: true,
          chosenOptionKeys: true,
          answerText: true,
          mark: true,
          maxMark: true,
          isCorrect: true,
          timeSpentMs: true,
          questionVersion: { select: reviewedVersionSelect },
        },
      },
    },
  });
  if (!attempt) return null;
  return {
    ...attempt,
    /** Each regrade that changed this attempt's total: when, and from what to what. */
    regrades: attempt.regrades.map((g) => ({
      at: g.createdAt,
      oldScore: g.oldScore,
      newScore: g.newScore,
      oldMaxScore: g.oldMaxScore,
      maxScore: g.newMaxScore,
    })),
    responses: attempt.responses.map((r) => {
      const v = r.questionVersion;
      return {
        position: r.position,
        type: v.type,
        /** A teacher's mark: when it was given, and the comment for the student. */
        gradedAt: r.gradedAt,
        graderComment: r.graderComment,
        sectionKey: v.sectionKey,
        mark: r.mark ?? 0,
        maxMark: r.maxMark,
        isCorrect: r.isCorrect ?? false,
        timeSpentMs: r.timeSpentMs,
        ...gradedReview(renderedReview(v, reviewAnswer(v, { chosen: r.chosenOptionKeys, text: r.answerText }, r.optionOrder, r.maxMark)), r.gradedAt),
      };
    }),
  };
}

/** A teacher's mark ends "awaiting grading". */
function gradedReview<T extends { review: { awaitingGrading: boolean } }>(rendered: T, gradedAt: Date | null): T {
  return gradedAt ? { ...rendered, review: { ...rendered.review, awaitingGrading: false } } : rendered;
}
