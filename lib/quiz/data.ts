import "server-only";
import { randomInt } from "node:crypto";
import { db, hotQuery } from "../db";
import type { DbTransaction } from "../db-client";
import { ActionError, NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { SessionUser } from "../auth/roles";
import { countingAttempt, planSlot, scoreChoice, type ChoiceType } from "./scoring";
import type { SaveAnswerInput } from "./schemas";
import { recordSubmissionStatistics } from "./statistics-data";
import { recordQuizOutcomes } from "../review/data";

function requireSignedIn(user: SessionUser | null): asserts user is SessionUser {
  if (!user?.id) throw new ActionError("UNAUTHENTICATED", "Please sign in to continue.");
}

const quizSettingsSelect = {
  id: true,
  key: true,
  title: true,
  description: true,
  attemptsAllowed: true,
  gradingPolicy: true,
  timeLimitSeconds: true,
  shuffleOptions: true,
  lecture: { select: { slug: true, number: true, title: true } },
} as const satisfies Prisma.QuizSelect;

/** The quiz of a lecture with the student's attempts and what they may do next. */
export async function getQuizOverview(user: SessionUser, lectureSlug: string) {
  requireSignedIn(user);
  const quiz = await db.quiz.findFirst({ where: { lecture: { slug: lectureSlug } }, select: quizSettingsSelect, orderBy: { createdAt: "asc" } });
  if (!quiz) return null;
  await finalizeExpiredAttempts(null, quiz.id);
  const [slotCount, attempts] = await Promise.all([
    db.quizSlot.count({ where: { quizId: quiz.id, retiredAt: null } }),
    db.attempt.findMany({
      where: { quizId: quiz.id, userId: user.id },
      orderBy: { attemptNumber: "asc" },
      select: { id: true, attemptNumber: true, status: true, startedAt: true, submittedAt: true, score: true, maxScore: true },
    }),
  ]);
  const submitted = attempts.filter((a) => a.status === "SUBMITTED").map((a) => ({ ...a, score: a.score ?? 0, submittedAt: a.submittedAt ?? a.startedAt }));
  const inProgress = attempts.find((a) => a.status === "IN_PROGRESS") ?? null;
  const attemptsLeft = quiz.attemptsAllowed === null ? null : Math.max(0, quiz.attemptsAllowed - attempts.length);
  return {
    quiz,
    slotCount,
    attempts,
    inProgress,
    counting: countingAttempt(submitted, quiz.gradingPolicy),
    best: submitted.reduce<(typeof submitted)[number] | null>((best, a) => (!best || a.score > best.score ? a : best), null),
    attemptsLeft,
    canStart: inProgress !== null || attemptsLeft === null || attemptsLeft > 0,
  };
}

/** Resumes the student's attempt in progress, or starts the next one. Returns its id. */
export async function startOrResumeAttempt(user: SessionUser, quizId: string): Promise<string> {
  requireSignedIn(user);
  await finalizeExpiredAttempts(user.id, quizId);
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.attempt.findFirst({ where: { quizId, userId: user.id, status: "IN_PROGRESS" }, select: { id: true } });
      if (existing) return existing.id;
      const quiz = await tx.quiz.findUnique({
        where: { id: quizId },
        select: {
          attemptsAllowed: true,
          timeLimitSeconds: true,
          shuffleOptions: true,
          slots: {
            where: { retiredAt: null },
            orderBy: { position: "asc" },
            select: {
              id: true,
              maxMark: true,
              variants: {
                orderBy: { position: "asc" },
                select: { question: { select: { versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, options: { orderBy: { position: "asc" }, select: { key: true } } } } } } },
              },
            },
          },
        },
      });
      if (!quiz) throw new NotFoundError("That quiz does not exist.");
      const used = await tx.attempt.aggregate({ where: { quizId, userId: user.id }, _count: true, _max: { attemptNumber: true } });
      if (quiz.attemptsAllowed !== null && used._count >= quiz.attemptsAllowed) {
        throw new ActionError("FORBIDDEN", `You have used all ${quiz.attemptsAllowed} attempts at this quiz.`);
      }
      const seed = randomInt(0, 2 ** 31);
      const now = new Date();
      const responses = quiz.slots.map((slot, position) => {
        const versions = slot.variants.map((v) => v.question.versions[0]!).filter(Boolean);
        const plan = planSlot(seed, position, versions, (v) => v.options.map((o) => o.key), quiz.shuffleOptions);
        return { slotId: slot.id, questionVersionId: plan.variant.id, position, optionOrder: plan.optionOrder, maxMark: slot.maxMark };
      });
      const attempt = await tx.attempt.create({
        data: {
          quizId,
          userId: user.id,
          attemptNumber: (used._max.attemptNumber ?? 0) + 1,
          seed,
          startedAt: now,
          deadlineAt: quiz.timeLimitSeconds ? new Date(now.getTime() + quiz.timeLimitSeconds * 1000) : null,
          maxScore: responses.reduce((sum, r) => sum + r.maxMark, 0),
          responses: { create: responses },
        },
        select: { id: true },
      });
      return attempt.id;
    });
  } catch (error) {
    // Two tabs started at once: the partial unique index let one win; resume that one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.attempt.findFirst({ where: { quizId, userId: user.id, status: "IN_PROGRESS" }, select: { id: true } });
      if (winner) return winner.id;
    }
    throw error;
  }
}

/**
 * An attempt as its owner takes it: questions and options in this attempt's order, the answers saved
 * so far. Never the answer key: no correctness flag, fraction or explanation is selected here.
 */
export async function getAttemptForTaking(user: SessionUser, attemptId: string) {
  requireSignedIn(user);
  const owned = await db.attempt.findFirst({ where: { id: attemptId, userId: user.id }, select: { quizId: true } });
  if (!owned) return null;
  await finalizeExpiredAttempts(user.id, owned.quizId);
  const attempt = await db.attempt.findFirst({
    where: { id: attemptId, userId: user.id },
    select: {
      id: true,
      status: true,
      attemptNumber: true,
      startedAt: true,
      deadlineAt: true,
      quiz: { select: { title: true, lecture: { select: { slug: true } } } },
      responses: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          optionOrder: true,
          chosenOptionKeys: true,
          flagged: true,
          questionVersion: { select: { type: true, stem: true, options: { select: { key: true, text: true } } } },
        },
      },
    },
  });
  if (!attempt) return null;
  return {
    id: attempt.id,
    status: attempt.status,
    attemptNumber: attempt.attemptNumber,
    deadlineAt: attempt.deadlineAt,
    quizTitle: attempt.quiz.title,
    lectureSlug: attempt.quiz.lecture.slug,
    questions: attempt.responses.map((r) => {
      const byKey = new Map(r.questionVersion.options.map((o) => [o.key, o.text]));
      return {
        position: r.position,
        type: r.questionVersion.type,
        stem: r.questionVersion.stem,
        options: r.optionOrder.map((key) => ({ key, text: byKey.get(key) ?? "" })),
        chosen: r.chosenOptionKeys,
        flagged: r.flagged,
      };
    }),
  };
}

export type AttemptForTaking = NonNullable<Awaited<ReturnType<typeof getAttemptForTaking>>>;

const SUBMITTED_MESSAGE = "This attempt has already been submitted, so its answers can no longer change.";
const TIME_UP_MESSAGE = "Time is up for this attempt: it has been submitted with the answers saved before the limit.";

/**
 * Saves one answer, in one statement on the hot path: the attempt row is share-locked (so a
 * submission in progress is waited for, and one cannot start mid-save) and every rule is a condition
 * of the update — the student's own attempt, still open, within its time, the question in it, the
 * chosen keys among its options, one key unless it is a multiple-answer question, and a newer save
 * sequence and a new idempotency key. When nothing was written, a second look says why.
 */
export async function saveAnswer(user: SessionUser, input: SaveAnswerInput): Promise<{ savedAt: string }> {
  requireSignedIn(user);
  const chosen = [...new Set(input.chosen)];
  const saved = await hotQuery<{ saved_at: Date }>(
    `WITH attempt AS (
      SELECT id FROM attempts
      WHERE id = $1 AND user_id = $2 AND status = 'IN_PROGRESS' AND (deadline_at IS NULL OR deadline_at > now())
      FOR SHARE
    )
    UPDATE responses AS r SET
      chosen_option_keys = $3::text[],
      flagged = $4,
      saved_at = now(),
      last_save_key = $5,
      save_seq = $6::bigint,
      time_spent_ms = r.time_spent_ms + $7
    FROM attempt, question_versions AS qv
    WHERE r.attempt_id = attempt.id AND r.position = $8 AND qv.id = r.question_version_id
      AND r.save_seq < $6::bigint AND r.last_save_key IS DISTINCT FROM $5
      AND $3::text[] <@ r.option_order
      AND (cardinality($3::text[]) <= 1 OR qv.type = 'MULTIPLE_CHOICE')
    RETURNING r.saved_at AT TIME ZONE 'UTC' AS saved_at`,
    [input.attemptId, user.id, chosen, input.flagged, input.idempotencyKey, String(input.seq), input.timeSpentMs, input.position],
  );
  if (saved[0]) return { savedAt: saved[0].saved_at.toISOString() };
  return explainUnsavedAnswer(user, input, chosen);
}

/** Why a save wrote nothing: a retry or a stale save (fine: nothing to do), or a refusal to report. */
async function explainUnsavedAnswer(user: SessionUser, input: SaveAnswerInput, chosen: string[]): Promise<{ savedAt: string }> {
  const attempt = await db.attempt.findFirst({ where: { id: input.attemptId, userId: user.id }, select: { status: true, deadlineAt: true } });
  if (!attempt) throw new NotFoundError("That attempt does not exist.");
  if (attempt.status !== "IN_PROGRESS") throw new ActionError("CONFLICT", SUBMITTED_MESSAGE);
  if (attempt.deadlineAt && attempt.deadlineAt.getTime() <= Date.now()) {
    await finalizeExpiredAttempts(user.id);
    throw new ActionError("CONFLICT", TIME_UP_MESSAGE);
  }
  const response = await db.response.findFirst({
    where: { attemptId: input.attemptId, position: input.position },
    select: { optionOrder: true, lastSaveKey: true, saveSeq: true, savedAt: true, questionVersion: { select: { type: true } } },
  });
  if (!response) throw new NotFoundError("That question is not part of this attempt.");
  if (chosen.some((key) => !response.optionOrder.includes(key))) throw new ActionError("VALIDATION", "That answer is not one of the question's options.");
  if (response.questionVersion.type !== "MULTIPLE_CHOICE" && chosen.length > 1) throw new ActionError("VALIDATION", "Choose only one answer for this question.");
  // Same key (a retried request) or an older sequence (overtaken by a newer save): already as it should be.
  return { savedAt: (response.savedAt ?? new Date()).toISOString() };
}

/** Submits the attempt: scores it and updates the class statistics, once, whatever the retries. */
export async function submitAttempt(user: SessionUser, attemptIdToSubmit: string, idempotencyKey?: string): Promise<{ score: number; maxScore: number }> {
  requireSignedIn(user);
  const result = await db.$transaction((tx) => finalizeAttempt(tx, attemptIdToSubmit, user.id, new Date(), idempotencyKey));
  if (result === "missing") throw new NotFoundError("That attempt does not exist.");
  const attempt = await db.attempt.findFirstOrThrow({ where: { id: attemptIdToSubmit, userId: user.id }, select: { score: true, maxScore: true } });
  return { score: attempt.score ?? 0, maxScore: attempt.maxScore };
}

/**
 * Submits the attempts whose time limit has passed — of one user, or of everyone on one quiz — with
 * the answers saved before the limit. Runs whenever a quiz, an attempt or a save is touched, so an
 * expired attempt is counted as soon as anyone opens the quiz, even if its student never comes back.
 */
export async function finalizeExpiredAttempts(userId: string | null, quizId?: string): Promise<void> {
  const now = new Date();
  const expired = await db.attempt.findMany({
    where: { status: "IN_PROGRESS", deadlineAt: { lte: now }, ...(userId ? { userId } : {}), ...(quizId ? { quizId } : {}) },
    select: { id: true, userId: true, deadlineAt: true },
  });
  for (const attempt of expired) await db.$transaction((tx) => finalizeAttempt(tx, attempt.id, attempt.userId, attempt.deadlineAt ?? now));
}

/**
 * Flips the attempt to SUBMITTED (only if it is in progress: the conditional update takes the row
 * lock, so a concurrent or repeated submission finds it submitted and does nothing), scores every
 * response and adds the attempt to the running statistics, all in the caller's transaction.
 */
async function finalizeAttempt(tx: DbTransaction, id: string, userId: string, submittedAt: Date, idempotencyKey?: string): Promise<"submitted" | "already" | "missing"> {
  const flipped = await tx.attempt.updateMany({
    where: { id, userId, status: "IN_PROGRESS" },
    data: { status: "SUBMITTED", submittedAt, ...(idempotencyKey ? { submissionKey: `${userId}:${idempotencyKey}` } : {}) },
  });
  if (flipped.count === 0) {
    const exists = await tx.attempt.count({ where: { id, userId } });
    return exists ? "already" : "missing";
  }
  const attempt = await tx.attempt.findUniqueOrThrow({
    where: { id },
    select: {
      quizId: true,
      attemptNumber: true,
      quiz: { select: { lectureId: true } },
      responses: {
        select: {
          id: true,
          slotId: true,
          questionVersionId: true,
          chosenOptionKeys: true,
          maxMark: true,
          timeSpentMs: true,
          questionVersion: { select: { type: true, questionId: true, options: { select: { key: true, isCorrect: true, fraction: true } } } },
        },
      },
    },
  });
  const scored = attempt.responses.map((r) => ({
    ...r,
    ...(["SINGLE_CHOICE", "MULTIPLE_CHOICE", "TRUE_FALSE"].includes(r.questionVersion.type)
      ? scoreChoice(r.questionVersion.type as ChoiceType, r.questionVersion.options, r.chosenOptionKeys, r.maxMark)
      : { mark: 0, isCorrect: false }),
  }));
  if (scored.length > 0) {
    const rows = scored.map((r) => Prisma.sql`(${r.id}, ${r.mark}::float8, ${r.isCorrect}::boolean)`);
    await tx.$executeRaw`UPDATE responses AS r SET mark = v.mark, is_correct = v.ok FROM (VALUES ${Prisma.join(rows)}) AS v(id, mark, ok) WHERE r.id = v.id`;
  }
  const score = Math.round(scored.reduce((sum, r) => sum + r.mark, 0) * 1e9) / 1e9;
  await tx.attempt.update({ where: { id }, data: { score } });
  await recordSubmissionStatistics(tx, attempt.quizId, attempt.attemptNumber, scored);
  // Missed questions join the student's mistakes queue; right answers to queued ones reschedule them.
  await recordQuizOutcomes(tx, userId, attempt.quiz.lectureId, scored.map((r) => ({ questionId: r.questionVersion.questionId, correct: r.isCorrect })), submittedAt, `attempt:${id}`);
  return "submitted";
}

/** A submitted attempt with the answer key, for its owner only. */
export async function getAttemptResult(user: SessionUser, attemptIdToShow: string) {
  requireSignedIn(user);
  const attempt = await db.attempt.findFirst({
    where: { id: attemptIdToShow, userId: user.id, status: "SUBMITTED" },
    select: {
      id: true,
      attemptNumber: true,
      startedAt: true,
      submittedAt: true,
      score: true,
      maxScore: true,
      quiz: { select: { id: true, title: true, gradingPolicy: true, attemptsAllowed: true, lecture: { select: { slug: true } } } },
      responses: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          optionOrder: true,
          chosenOptionKeys: true,
          mark: true,
          maxMark: true,
          isCorrect: true,
          timeSpentMs: true,
          questionVersion: {
            select: { type: true, stem: true, explanation: true, sectionKey: true, options: { select: { key: true, text: true, isCorrect: true } } },
          },
        },
      },
    },
  });
  if (!attempt) return null;
  return {
    ...attempt,
    responses: attempt.responses.map((r) => {
      const byKey = new Map(r.questionVersion.options.map((o) => [o.key, o]));
      return {
        position: r.position,
        type: r.questionVersion.type,
        stem: r.questionVersion.stem,
        explanation: r.questionVersion.explanation,
        sectionKey: r.questionVersion.sectionKey,
        mark: r.mark ?? 0,
        maxMark: r.maxMark,
        isCorrect: r.isCorrect ?? false,
        timeSpentMs: r.timeSpentMs,
        options: r.optionOrder.map((key) => ({ key, text: byKey.get(key)?.text ?? "", isCorrect: byKey.get(key)?.isCorrect ?? false, chosen: r.chosenOptionKeys.includes(key) })),
      };
    }),
  };
}
