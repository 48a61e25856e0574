import "server-only";
import { randomInt } from "node:crypto";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { countingAttempt, planSlot } from "./scoring";
import { finalizeExpiredAttempts } from "./submission";
import { assertRole, ROLES, type SessionUser } from "../auth/roles";

// Saving and submitting live in their own files; re-exported so the quiz's data layer keeps one door.
export { saveAnswer } from "./answer-save";
export { submitAttempt } from "./submission";

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
  assertRole(user, ROLES);
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
  assertRole(user, ROLES);
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
  assertRole(user, ROLES);
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
          saveSeq: true,
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
        /** The answer's revision: the page sends it back with its next save (optimistic concurrency). */
        revision: Number(r.saveSeq),
      };
    }),
  };
}

export type AttemptForTaking = NonNullable<Awaited<ReturnType<typeof getAttemptForTaking>>>;

/** A submitted attempt with the answer key, for its owner only. */
export async function getAttemptResult(user: SessionUser, attemptIdToShow: string) {
  assertRole(user, ROLES);
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
