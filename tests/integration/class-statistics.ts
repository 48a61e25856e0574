import { expect } from "vitest";
import type { StatBundle } from "@/lib/analytics/internal/bundles";
import { bundleDifferences } from "@/lib/analytics/bundle-diff";
import { db } from "@/lib/db";
import { saveAnswer } from "@/lib/quiz/answer-save";
import type { SessionUser } from "@/lib/auth/roles";

let counter = 0;
const key = () => `class-statistics-${++counter}-${Date.now()}`;

/** Saves a random answer to each question of the attempt (about one in ten left unanswered). */
export async function answerAtRandom(student: SessionUser, attemptId: string, random: () => number): Promise<void> {
  const responses = await db.response.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, optionOrder: true, questionVersion: { select: { type: true } } },
  });
  for (const r of responses) {
    if (random() < 0.1) continue; // left unanswered
    const chosen =
      r.questionVersion.type === "MULTIPLE_CHOICE" ? r.optionOrder.filter(() => random() < 0.5) : [r.optionOrder[Math.floor(random() * r.optionOrder.length)]!];
    await saveAnswer(student, {
      attemptId,
      position: r.position,
      chosen,
      flagged: false,
      timeSpentMs: Math.floor(random() * 60_000),
      idempotencyKey: key(),
      baseRevision: 0,
    });
  }
}

/** Two bundles hold the same sums (counts equal, floating-point sums to a relative 1e-9). */
export function expectSameBundle(running: StatBundle, exact: StatBundle) {
  expect(bundleDifferences(running, exact)).toEqual([]);
}
