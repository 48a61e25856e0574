import "server-only";
// Hand grading: the queue of submitted answers waiting for a teacher (essays with an answer, and any
// answer a teacher asked to mark by hand), one answer at a time, and the mark with its comment. A mark
// goes through the one door that changes a submitted attempt (internal/rewrite.ts): the attempt's
// total, the class statistics and the mistakes queue follow in the same transaction, and the change
// is in the audit log. Staff only, checked here.
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/internal/record";
import { reviewAnswer } from "../bank/answers/review";
import { renderedReview, reviewedVersionSelect, type RenderedReview } from "../quiz/rendered-review";
import { rewriteMarks } from "./internal/rewrite";

/** A response waits for a teacher when it is not marked by hand yet and is an answered essay or was asked for. */
const AWAITING = Prisma.sql`
  a.status = 'SUBMITTED' AND a.score IS NOT NULL AND r.graded_at IS NULL
  AND ((qv.type = 'ESSAY' AND btrim(coalesce(r.answer_text, '')) <> '') OR r.grading_requested_at IS NOT NULL)`;

export interface GradingItem {
  responseId: string;
  quiz: { id: string; title: string };
  slotPosition: number;
  /** Null when names are hidden. */
  student: string | null;
  attemptNumber: number;
  submittedAt: Date;
  mark: number;
  maxMark: number;
  gradedAt: Date | null;
  comment: string;
  awaiting: boolean;
  rendered: RenderedReview;
}

export interface GradingQueue {
  waiting: number;
  quizzes: { id: string; title: string; waiting: number }[];
  item: GradingItem | null;
  /** The next waiting response after this one (in submission order), if any. */
  nextId: string | null;
}

/**
 * The queue (of one quiz or all) and the response to grade: the one asked for (any submitted
 * response, to override its mark) or the first waiting one.
 */
export async function getGradingQueue(viewer: Viewer, options: { quizId?: string; responseId?: string; blind?: boolean } = {}): Promise<GradingQueue> {
  assertRole(viewer, STAFF_ROLES);
  const waitingRows = await db.$queryRaw<{ id: string; quiz_id: string }[]>`
    SELECT r.id, a.quiz_id FROM responses r JOIN attempts a ON a.id = r.attempt_id JOIN question_versions qv ON qv.id = r.question_version_id
    WHERE ${AWAITING} ORDER BY a.submitted_at, r.position, r.id LIMIT 5000`;
  const quizRows = await db.quiz.findMany({ where: { id: { in: [...new Set(waitingRows.map((w) => w.quiz_id))] } }, select: { id: true, title: true } });
  const quizzes = quizRows.map((q) => ({ ...q, waiting: waitingRows.filter((w) => w.quiz_id === q.id).length }));
  const inQueue = waitingRows.filter((w) => !options.quizId || w.quiz_id === options.quizId).map((w) => w.id);
  const currentId = options.responseId ?? inQueue[0] ?? null;
  const item = currentId ? await gradingItem(currentId, options.quizId, options.blind ?? false) : null;
  const after = item ? inQueue.filter((id) => id !== item.responseId) : inQueue;
  const position = item ? inQueue.indexOf(item.responseId) : -1;
  const nextId = position >= 0 ? (inQueue[position + 1] ?? null) : (after[0] ?? null);
  return { waiting: inQueue.length, quizzes, item, nextId };
}

async function gradingItem(responseId: string, quizId: string | undefined, blind: boolean): Promise<GradingItem | null> {
  const r = await db.response.findFirst({
    where: { id: responseId, attempt: { status: "SUBMITTED", score: { not: null }, ...(quizId ? { quizId } : {}) } },
    select: {
      id: true,
      mark: true,
      maxMark: true,
      gradedAt: true,
      graderComment: true,
      gradingRequestedAt: true,
      chosenOptionKeys: true,
      answerText: true,
      optionOrder: true,
      slot: { select: { position: true } },
      attempt: { select: { attemptNumber: true, submittedAt: true, user: { select: { name: true } }, quiz: { select: { id: true, title: true } } } },
      questionVersion: { select: reviewedVersionSelect },
    },
  });
  if (!r) return null;
  const v = r.questionVersion;
  const awaiting = !r.gradedAt && ((v.type === "ESSAY" && (r.answerText ?? "").trim() !== "") || r.gradingRequestedAt !== null);
  return {
    responseId: r.id,
    quiz: r.attempt.quiz,
    slotPosition: r.slot.position,
    student: blind ? null : r.attempt.user.name,
    attemptNumber: r.attempt.attemptNumber,
    submittedAt: r.attempt.submittedAt!,
    mark: r.mark ?? 0,
    maxMark: r.maxMark,
    gradedAt: r.gradedAt,
    comment: r.graderComment,
    awaiting,
    rendered: renderedReview(v, reviewAnswer(v, { chosen: r.chosenOptionKeys, text: r.answerText }, r.optionOrder, r.maxMark)),
  };
}

/** Marks one submitted response by hand (an essay, or an override of any answer), with a comment for the student. */
export async function gradeResponse(viewer: Viewer, input: { responseId: string; mark: number; comment: string }): Promise<{ attemptScore: number }> {
  assertRole(viewer, STAFF_ROLES);
  return db.$transaction(
    async (tx) => {
      const response = await tx.response.findFirst({
        where: { id: input.responseId, attempt: { status: "SUBMITTED", score: { not: null } } },
        select: {
          id: true,
          attemptId: true,
          mark: true,
          maxMark: true,
          graderComment: true,
          slot: { select: { position: true } },
          attempt: { select: { quizId: true, attemptNumber: true, user: { select: { name: true } }, quiz: { select: { title: true, lectureId: true } } } },
        },
      });
      if (!response) throw new NotFoundError("That answer is not in a submitted attempt.");
      if (input.mark > response.maxMark)
        throw new ActionError("VALIDATION", `The mark can be at most ${response.maxMark}.`, { mark: [`The mark can be at most ${response.maxMark}.`] });
      const now = new Date();
      const [outcome] = await rewriteMarks(
        tx,
        response.attempt.quizId,
        [
          {
            responseId: response.id,
            attemptId: response.attemptId,
            mark: input.mark,
            maxMark: response.maxMark,
            isCorrect: input.mark >= response.maxMark,
            grade: { graderId: viewer.id, comment: input.comment },
          },
        ],
        { regradeId: null, now },
      );
      await recordAudit(tx, {
        actorId: viewer.id,
        lectureId: response.attempt.quiz.lectureId,
        entityType: "response",
        entityId: response.id,
        action: "response.grade",
        summary:
          `Marked question ${response.slot.position + 1} of ${response.attempt.user.name}'s attempt ${response.attempt.attemptNumber} on ` +
          `${response.attempt.quiz.title}: ${response.mark ?? 0} → ${input.mark} of ${response.maxMark}`,
        before: { mark: response.mark, comment: response.graderComment },
        after: { mark: input.mark, comment: input.comment },
      });
      return { attemptScore: outcome!.newScore };
    },
    { timeout: 30_000 },
  );
}

/** Puts a submitted response in the grading queue (to override its automatic mark). */
export async function requestHandGrading(viewer: Viewer, responseId: string): Promise<void> {
  assertRole(viewer, STAFF_ROLES);
  const updated = await db.response.updateMany({
    where: { id: responseId, gradingRequestedAt: null, attempt: { status: "SUBMITTED", score: { not: null } } },
    data: { gradingRequestedAt: new Date(), gradedAt: null },
  });
  if (updated.count === 0 && !(await db.response.findFirst({ where: { id: responseId, attempt: { status: "SUBMITTED" } }, select: { id: true } })))
    throw new NotFoundError("That answer is not in a submitted attempt.");
}
