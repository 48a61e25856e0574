import { expect } from "vitest";
import type { StatBundle } from "@/lib/analytics/internal/bundles";
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

/** Two bundles hold the same sums (floating-point sums to 1e-9). */
export function expectSameBundle(running: StatBundle, exact: StatBundle) {
  expect(exact.totals.n).toBe(running.totals.n);
  for (const k of ["sumT", "sumT2", "sumT3", "sumT4"] as const)
    expect(Math.abs(exact.totals[k] - running.totals[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(running.totals[k])));
  const byKey = new Map(exact.rows.map((r) => [`${r.slotId}|${r.variantKey}`, r]));
  expect(exact.rows.length).toBe(running.rows.length);
  for (const row of running.rows) {
    const other = byKey.get(`${row.slotId}|${row.variantKey}`)!;
    expect(other, `${row.slotId}|${row.variantKey}`).toBeDefined();
    expect(other.sums.n).toBe(row.sums.n);
    for (const k of ["sumX", "sumX2", "sumT", "sumT2", "sumXT"] as const) expect(Math.abs(other.sums[k] - row.sums[k])).toBeLessThan(1e-9);
    expect(other.sumTimeMs).toBe(row.sumTimeMs);
    expect(other.xHist).toEqual(row.xHist);
    expect(other.rHist).toEqual(row.rHist);
    expect(Object.keys(other.options).sort()).toEqual(Object.keys(row.options).sort());
    for (const [option, sums] of Object.entries(row.options)) {
      expect(other.options[option]!.count).toBe(sums.count);
      expect(Math.abs(other.options[option]!.sumX - sums.sumX)).toBeLessThan(1e-9);
      expect(Math.abs(other.options[option]!.sumT - sums.sumT)).toBeLessThan(1e-9);
    }
  }
}
