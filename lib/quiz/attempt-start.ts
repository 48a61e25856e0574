import "server-only";
import { randomInt } from "node:crypto";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { planSlot } from "./scoring";
import { attemptState } from "./submission/attempt-state";
import { finalizeAttempt } from "./submission/internal/finalize";

const openAttemptSelect = { id: true, status: true, deadlineAt: true, submittedAt: true } as const satisfies Prisma.AttemptSelect;

/**
 * Resumes the viewer's attempt in progress, or starts the next one. Returns its id. An attempt of
 * theirs whose time is up is submitted first (in its own transaction, so it stays submitted even
 * when no attempt is left to start): numbering and "one attempt in progress" then hold.
 */
export async function startOrResumeAttempt(viewer: Viewer, quizId: string): Promise<string> {
  assertRole(viewer, ROLES);
  const now = new Date();
  const open = await db.attempt.findFirst({ where: { quizId, userId: viewer.id, status: "IN_PROGRESS" }, select: openAttemptSelect });
  if (open && attemptState(open, now) === "OPEN") return open.id;
  if (open) await db.$transaction((tx) => finalizeAttempt(tx, { id: open.id, userId: viewer.id }, now));
  try {
    return await db.$transaction(async (tx) => {
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
                select: {
                  question: {
                    select: {
                      versions: {
                        orderBy: { version: "desc" },
                        take: 1,
                        select: { id: true, options: { orderBy: { position: "asc" }, select: { key: true } } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      });
      if (!quiz) throw new NotFoundError("That quiz does not exist.");
      const used = await tx.attempt.aggregate({ where: { quizId, userId: viewer.id }, _count: true, _max: { attemptNumber: true } });
      if (quiz.attemptsAllowed !== null && used._count >= quiz.attemptsAllowed) {
        throw new ActionError("FORBIDDEN", `You have used all ${quiz.attemptsAllowed} attempts at this quiz.`);
      }
      const seed = randomInt(0, 2 ** 31);
      const startedAt = new Date();
      const responses = quiz.slots.map((slot, position) => {
        const versions = slot.variants.map((v) => v.question.versions[0]!).filter(Boolean);
        const plan = planSlot(seed, position, versions, (v) => v.options.map((o) => o.key), quiz.shuffleOptions);
        return { slotId: slot.id, questionVersionId: plan.variant.id, position, optionOrder: plan.optionOrder, maxMark: slot.maxMark };
      });
      const attempt = await tx.attempt.create({
        data: {
          quizId,
          userId: viewer.id,
          attemptNumber: (used._max.attemptNumber ?? 0) + 1,
          seed,
          startedAt,
          deadlineAt: quiz.timeLimitSeconds ? new Date(startedAt.getTime() + quiz.timeLimitSeconds * 1000) : null,
          maxScore: responses.reduce((sum, r) => sum + r.maxMark, 0),
          responses: { create: responses },
        },
        select: { id: true },
      });
      return attempt.id;
    });
  } catch (error) {
    // Two tabs started at once: the partial unique index (one attempt in progress per student and
    // quiz) let one win; resume that one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.attempt.findFirst({ where: { quizId, userId: viewer.id, status: "IN_PROGRESS" }, select: { id: true } });
      if (winner) return winner.id;
    }
    throw error;
  }
}
