import "server-only";
import { randomUUID } from "node:crypto";
import { recordQuizOutcomes } from "../review/internal/mistakes";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { LOCK_PRACTICE_SESSION_SQL, type LockedPracticeSessionRow } from "./internal/sql";
import { answerPractice, isPracticeDone, startPractice, type PracticeState } from "./practice";
import { seededShuffle } from "../random";
import { reviewAnswer } from "../bank/answers/review";
import { questionDisplay } from "./question-display";
import { renderedReview } from "./rendered-review";
import { versionFormat } from "../bank/rich-text/format";
import { renderRichText } from "../bank/rich-text/render";

/** The shuffle of a practice question: fixed for the question while it is the current one. */
const practiceSeed = (answered: number, questionVersionId: string) => answered * 7919 + questionVersionId.length;

/**
 * The question versions the student missed: for each slot, the answer in their latest submitted
 * attempt, when it was not fully right.
 */
export async function getMissedQuestions(viewer: Viewer, quizId: string): Promise<string[]> {
  assertRole(viewer, ROLES);
  const responses = await db.response.findMany({
    where: { attempt: { userId: viewer.id, quizId, status: "SUBMITTED" } },
    select: { slotId: true, questionVersionId: true, isCorrect: true, position: true, attempt: { select: { attemptNumber: true } } },
  });
  const latest = new Map<string, (typeof responses)[number]>();
  for (const r of responses) {
    const seen = latest.get(r.slotId);
    if (!seen || seen.attempt.attemptNumber < r.attempt.attemptNumber) latest.set(r.slotId, r);
  }
  return [...latest.values()]
    .filter((r) => !r.isCorrect)
    .sort((a, b) => a.position - b.position)
    .map((r) => r.questionVersionId);
}

/** Resumes the unfinished practice on this quiz, or starts one over the missed questions. */
export async function startPracticeSession(viewer: Viewer, quizId: string): Promise<string> {
  assertRole(viewer, ROLES);
  const open = await db.practiceSession.findFirst({ where: { userId: viewer.id, quizId, completedAt: null }, select: { id: true } });
  if (open) return open.id;
  const missed = await getMissedQuestions(viewer, quizId);
  if (missed.length === 0) throw new ActionError("CONFLICT", "Nothing to practise: you got every question right in your latest attempt.");
  const session = await db.practiceSession.create({
    data: { userId: viewer.id, kind: "MISTAKES", quizId, state: startPractice(missed) as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  return session.id;
}

/** The current practice question (no answer key), or the summary when the session is done. */
export async function getPracticeView(viewer: Viewer, sessionId: string) {
  assertRole(viewer, ROLES);
  const session = await db.practiceSession.findFirst({
    where: { id: sessionId, userId: viewer.id },
    select: {
      id: true,
      kind: true,
      state: true,
      completedAt: true,
      quiz: { select: { title: true, lecture: { select: { slug: true } } } },
      lecture: { select: { slug: true } },
    },
  });
  if (!session) return null;
  const state = session.state as unknown as PracticeState;
  const currentId = state.queue[0];
  const version = currentId
    ? await db.questionVersion.findUnique({
        where: { id: currentId },
        select: { id: true, type: true, stem: true, data: true, options: { orderBy: { position: "asc" }, select: { key: true, text: true } } },
      })
    : null;
  const seed = practiceSeed(state.answered, version?.id ?? "");
  return {
    id: session.id,
    kind: session.kind,
    quizTitle: session.quiz?.title ?? "Personal practice",
    lectureSlug: session.quiz?.lecture.slug ?? session.lecture?.slug ?? "",
    done: isPracticeDone(state),
    remaining: state.queue.length,
    answered: state.answered,
    correct: state.correct,
    /** Each question is asked once (a personal practice quiz): a wrong answer does not come back. */
    askOnce: state.askOnce === true,
    // Only what answering needs: questionDisplay takes prompts, choices and gap options from the data, never its key.
    question: version
      ? {
          id: version.id,
          type: version.type,
          stem: renderRichText(version.type === "CLOZE" ? "" : version.stem, versionFormat(version.data)),
          display: questionDisplay(
            version.type,
            version.stem,
            seededShuffle(version.options, seed).map((o) => ({ value: o.key, html: renderRichText(o.text, versionFormat(version.data)) })),
            version.data,
            seed,
          ),
        }
      : null,
  };
}

/** Checks one practice answer. Practice never touches attempts, grades or class statistics. */
export async function answerPracticeQuestion(viewer: Viewer, input: { sessionId: string; questionVersionId: string; chosen: string[]; text?: string | null }) {
  assertRole(viewer, ROLES);
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRawUnsafe<LockedPracticeSessionRow[]>(LOCK_PRACTICE_SESSION_SQL, input.sessionId, viewer.id);
    if (!locked) throw new NotFoundError("That practice session does not exist.");
    const session = await tx.practiceSession.findUniqueOrThrow({ where: { id: input.sessionId }, select: { state: true } });
    const state = session.state as unknown as PracticeState;
    if (state.queue[0] !== input.questionVersionId) throw new ActionError("CONFLICT", "That question was already answered. Continue with the next one.");
    const version = await tx.questionVersion.findUniqueOrThrow({
      where: { id: input.questionVersionId },
      select: {
        type: true,
        explanation: true,
        generalFeedback: true,
        sectionKey: true,
        questionId: true,
        data: true,
        question: { select: { lectureId: true } },
        options: { orderBy: { position: "asc" }, select: { key: true, text: true, isCorrect: true, fraction: true, feedback: true } },
      },
    });
    const answer = { chosen: input.chosen, text: input.text ?? null };
    // The options in the order the question was shown (getPracticeView's shuffle).
    const shown = seededShuffle(version.options, practiceSeed(state.answered, input.questionVersionId)).map((o) => o.key);
    const review = reviewAnswer(version, answer, shown);
    // An essay has no key to practise against: it counts as done once written.
    const isCorrect = review.awaitingGrading ? (input.text ?? "").trim() !== "" : review.isCorrect;
    // Practice feeds the mistakes queue like the quiz does (the session's lock and queue check above
    // make each answer count once).
    if (version.question.lectureId) {
      await recordQuizOutcomes(
        tx,
        viewer.id,
        version.question.lectureId,
        [{ questionId: version.questionId, correct: isCorrect }],
        new Date(),
        `practice:${input.sessionId}:${randomUUID()}`,
      );
    }
    const next = answerPractice(state, input.questionVersionId, isCorrect);
    await tx.practiceSession.update({
      where: { id: input.sessionId },
      data: { state: next as unknown as Prisma.InputJsonValue, completedAt: isPracticeDone(next) ? new Date() : null },
    });
    return {
      isCorrect,
      ...renderedReview({ ...version, stem: "" }, review),
      sectionKey: version.sectionKey,
      remaining: next.queue.length,
      done: isPracticeDone(next),
    };
  });
}
