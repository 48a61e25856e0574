import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dashboardCsv } from "@/lib/analytics/csv";
import { getQuizDashboard } from "@/lib/analytics/dashboard";
import { computeExactBundle, loadRunningBundle } from "@/lib/analytics/internal/bundles";
import { foldPendingStatistics } from "@/lib/analytics/internal/fold";
import { rebuildRunningStatistics } from "@/lib/analytics/internal/rebuild";
import { addStatistics } from "@/lib/analytics/internal/writer";
import { addAnswer, addAttempt, emptyRow, emptyTotals, mergeRows, mergeTotals, type StatRow } from "@/lib/analytics/sums";
import { getSlotStatistics } from "@/lib/analytics/slot";
import { seededRandom } from "@/lib/random";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { answerAtRandom, expectSameBundle } from "./class-statistics";
import { createUser } from "./helpers";

let quizId = "";
const random = seededRandom(20261130);
let counter = 0;
const key = () => `analytics-${++counter}-${Date.now()}`;

/** A random class: each student takes Alpha's quiz one to three times, choosing options at random. */
beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  quizId = (await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" } })).id;
  for (let s = 0; s < 24; s++) {
    const student = await createUser();
    const attempts = 1 + Math.floor(random() * 3);
    for (let a = 0; a < attempts; a++) {
      const attemptId = (await startOrResumeAttempt(student, quizId)).id;
      await answerAtRandom(student, attemptId, random);
      await submitAttempt(student, attemptId, key());
    }
    // Half the class counted into the stored sums, half still waiting: readers add both.
    if (s === 11) await foldPendingStatistics(quizId);
  }
}, 240_000);

describe("running statistics against an exact recompute", () => {
  it("agree on first attempts and on all attempts (sums, histograms, option counts)", async () => {
    const firsts = await db.attempt.count({ where: { quizId, status: "SUBMITTED", attemptNumber: 1 } });
    const all = await db.attempt.count({ where: { quizId, status: "SUBMITTED" } });
    expect(all).toBeGreaterThan(firsts);
    const runningFirst = await loadRunningBundle(quizId, "FIRST");
    expect(runningFirst.totals.n).toBe(firsts);
    expectSameBundle(runningFirst, await computeExactBundle(quizId, { attempts: "first" }));
    const runningAll = await loadRunningBundle(quizId, "ALL");
    expect(runningAll.totals.n).toBe(all);
    expectSameBundle(runningAll, await computeExactBundle(quizId, { attempts: "all" }));
  });

  it("give the same figures on the dashboard to 1e-9, from running totals (default view) and recomputed", async () => {
    const instructor = await createUser("INSTRUCTOR");
    const running = (await getQuizDashboard(instructor, quizId))!;
    // A date range that includes everything forces the exact recompute of the same attempts.
    const exact = (await getQuizDashboard(instructor, quizId, { attempts: "first", from: new Date("2000-01-01T00:00:00Z") }))!;
    expect(running.source).toBe("running");
    expect(exact.source).toBe("exact");
    const close = (a: number | null, b: number | null) => {
      if (a === null || b === null) return expect(a).toBe(b);
      expect(Math.abs(a - b)).toBeLessThan(1e-9);
    };
    for (const k of ["mean", "sd", "skewness", "kurtosis", "alpha", "errorRatio", "standardError"] as const) close(running.summary[k], exact.summary[k]);
    expect(running.summary.attempts).toBe(exact.summary.attempts);
    const rows = (d: typeof running) => d.slots.flatMap((s) => [s, ...s.variants]);
    const [r, e] = [rows(running), rows(exact)];
    expect(r.length).toBe(e.length);
    r.forEach((row, i) => {
      expect(e[i]!.n).toBe(row.n);
      for (const k of ["facility", "sd", "discrimination", "efficiency", "meanTimeSeconds"] as const) close(row[k], e[i]![k]);
      row.options.forEach((o, j) => close(o.pointBiserial, e[i]!.options[j]!.pointBiserial));
      expect(e[i]!.flags).toEqual(row.flags);
    });
    // The figures are real: some discrimination was computed.
    expect(r.some((row) => row.discrimination !== null && row.efficiency !== null)).toBe(true);

    // The CSV: a header, a row per slot and per variant, the quiz line, and the glossary.
    const lines = dashboardCsv(running).split("\n");
    expect(lines[0]).toBe(
      "\uFEFFposition,row,question,n,facility_pct,facility_low_pct,facility_high_pct,sd_pct," +
        "discrimination,discrimination_low,discrimination_high,discriminative_efficiency,mean_time_s," +
        "option_A_count,option_A_pb,option_B_count,option_B_pb,option_C_count,option_C_pb,option_D_count,option_D_pb,flags",
    );
    expect(lines.filter((l) => /^\d+,(slot|variant [a-z]),/.test(l))).toHaveLength(
      running.slots.length + running.slots.reduce((n, sl) => n + sl.variants.length, 0),
    );
    const slotLine = lines.find((l) => l.startsWith("1,slot,"))!.split(",");
    expect(Number(slotLine[3])).toBe(running.slots[0]!.n);
    expect(Number(slotLine[4])).toBeCloseTo(running.slots[0]!.facility!, 4);
    expect(lines).toContain("glossary,definition");
    expect(lines.some((l) => l.startsWith("discrimination,") && l.includes("cov(x, R)"))).toBe(true);
  });

  it("selects the last and best attempts per student", async () => {
    const attempts = await db.attempt.findMany({ where: { quizId, status: "SUBMITTED" }, select: { userId: true, attemptNumber: true, score: true } });
    const byUser = new Map<string, typeof attempts>();
    for (const a of attempts) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
    const last = [...byUser.values()].map((list) => list.reduce((m, a) => (a.attemptNumber > m.attemptNumber ? a : m)).score!);
    const best = [...byUser.values()].map((list) => Math.max(...list.map((a) => a.score!)));
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const lastBundle = await computeExactBundle(quizId, { attempts: "last" });
    const bestBundle = await computeExactBundle(quizId, { attempts: "best" });
    expect(lastBundle.totals.n).toBe(byUser.size);
    expect(lastBundle.totals.sumT).toBeCloseTo(sum(last), 9);
    expect(bestBundle.totals.sumT).toBeCloseTo(sum(best), 9);
    // A date range after every submission selects nothing.
    expect((await computeExactBundle(quizId, { attempts: "all", from: new Date(Date.now() + 86_400_000) })).totals.n).toBe(0);
  });

  it("splits a question's answers into fifths of the class by total score, and lists them", async () => {
    const instructor = await createUser("INSTRUCTOR");
    const dashboard = (await getQuizDashboard(instructor, quizId))!;
    const slot = dashboard.slots.find((s) => s.variants.length > 1)!;
    const statistics = (await getSlotStatistics(instructor, quizId, slot.slotId))!;
    const detail = statistics.detail;
    // The slot page computes this slot alone, and finds the dashboard's figures for it.
    expect(statistics.quiz).toEqual(dashboard.quiz);
    expect(statistics.source).toBe("running");
    expect(statistics.slot).toEqual(slot);
    // Every first attempt lands in one fifth; the fifths differ in size by one at most.
    const perFifth = [0, 1, 2, 3, 4].map((q) => detail.variants.reduce((n, v) => n + v.quintiles[q]!.attempts, 0));
    expect(perFifth.reduce((a, b) => a + b, 0)).toBe(slot.n);
    expect(Math.max(...perFifth) - Math.min(...perFifth)).toBeLessThanOrEqual(detail.variants.length);
    // Picks per option add up to the option counts of the table.
    for (const variant of slot.variants) {
      const groups = detail.variants.find((v) => v.variantKey === variant.variantKey)!.quintiles;
      for (const option of variant.options) expect(groups.reduce((n, g) => n + (g.picks[option.key] ?? 0), 0)).toBe(option.count);
    }
    expect(detail.responseCount).toBe(slot.n);
    expect(detail.responses).toHaveLength(Math.min(50, slot.n));
    expect(await getSlotStatistics(instructor, quizId, "no-such-slot")).toBeNull();
    expect(await getSlotStatistics(instructor, "no-such-quiz", slot.slotId)).toBeNull();
    expect(await getQuizDashboard(instructor, "no-such-quiz")).toBeNull();
  });

  it("computes one slot of another view alone, with the dashboard's figures for it", async () => {
    const instructor = await createUser("INSTRUCTOR");
    const view = { attempts: "all" as const };
    const dashboard = (await getQuizDashboard(instructor, quizId, view))!;
    for (const slot of dashboard.slots.filter((s) => s.variants.length > 1).slice(0, 2)) {
      const statistics = (await getSlotStatistics(instructor, quizId, slot.slotId, view))!;
      expect(statistics.source).toBe("exact");
      // Summed in another order than the whole quiz's recompute: equal to 1e-9.
      const rows = (s: typeof slot) => [s, ...s.variants];
      expect(rows(statistics.slot).map((r) => [r.variantKey, r.title, r.n, r.options.map((o) => o.count), r.flags])).toEqual(
        rows(slot).map((r) => [r.variantKey, r.title, r.n, r.options.map((o) => o.count), r.flags]),
      );
      rows(statistics.slot).forEach((row, i) => {
        const other = rows(slot)[i]!;
        for (const k of ["facility", "sd", "discrimination", "efficiency", "meanTimeSeconds"] as const) {
          if (row[k] === null || other[k] === null) expect(row[k]).toBe(other[k]);
          else expect(Math.abs(row[k] - other[k])).toBeLessThan(1e-9);
        }
      });
      expect(statistics.detail.responseCount).toBe(slot.n);
    }
  });

  it("rebuilds the running sums through the submissions' writer: the same sums, the same dashboard", async () => {
    const instructor = await createUser("INSTRUCTOR");
    const [beforeFirst, beforeAll] = [await loadRunningBundle(quizId, "FIRST"), await loadRunningBundle(quizId, "ALL")];
    const before = (await getQuizDashboard(instructor, quizId))!;
    await rebuildRunningStatistics(quizId);
    const [afterFirst, afterAll] = [await loadRunningBundle(quizId, "FIRST"), await loadRunningBundle(quizId, "ALL")];
    expectSameBundle(beforeFirst, afterFirst);
    expectSameBundle(beforeAll, afterAll);
    expect(afterFirst.totals.n).toBe(beforeFirst.totals.n);
    // Slot rows have no version, variant rows their version.
    const stored = await db.questionStat.findMany({ where: { quizId }, select: { variantKey: true, questionVersionId: true } });
    expect(stored.length).toBe(afterFirst.rows.length + afterAll.rows.length);
    for (const row of stored) expect(row.questionVersionId).toBe(row.variantKey === "" ? null : row.variantKey);
    const after = (await getQuizDashboard(instructor, quizId))!;
    expect(after.summary.attempts).toBe(before.summary.attempts);
    after.slots.forEach((slot, i) => {
      expect(slot.n).toBe(before.slots[i]!.n);
      expect(Math.abs((slot.facility ?? 0) - (before.slots[i]!.facility ?? 0))).toBeLessThan(1e-9);
    });
  });

  it("stores what mergeRows computes: the writer's upsert is the same sum, in SQL", async () => {
    const slotId = (await db.quizSlot.findFirstOrThrow({ where: { quizId }, orderBy: { position: "asc" } })).id;
    const a = addAnswer(emptyRow(slotId, ""), { mark: 1, total: 3, chosenOptionKeys: ["zz-a"], timeSpentMs: 1000 });
    const b = addAnswer(emptyRow(slotId, ""), { mark: 0.5, total: 1.5, chosenOptionKeys: ["zz-a", "zz-b"], timeSpentMs: 500 });
    const stored = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) =>
      Promise.all([
        tx.questionStat.findUniqueOrThrow({ where: { slotId_variantKey_scope: { slotId, variantKey: "", scope: "ALL" } } }),
        tx.quizStat.findUniqueOrThrow({ where: { quizId_scope: { quizId, scope: "ALL" } } }),
      ]).then(([q, t]): [StatRow, typeof t] => [
        {
          slotId,
          variantKey: "",
          sums: { n: q.n, sumX: q.sumX, sumX2: q.sumX2, sumT: q.sumT, sumT2: q.sumT2, sumXT: q.sumXT },
          sumTimeMs: q.sumTimeMs,
          options: q.optionSums as unknown as StatRow["options"],
          xHist: q.xHist as unknown as StatRow["xHist"],
          rHist: q.rHist as unknown as StatRow["rHist"],
        },
        t,
      ]);
    const rollback = new Error("rollback");
    await expect(
      db.$transaction(async (tx) => {
        const [before, totalsBefore] = await stored(tx);
        await addStatistics(tx, quizId, "ALL", [a], addAttempt(emptyTotals(), 3));
        await addStatistics(tx, quizId, "ALL", [b], addAttempt(emptyTotals(), 1.5));
        const [after, totalsAfter] = await stored(tx);
        const expected = mergeRows(mergeRows(before, a), b);
        expect(after.sums.n).toBe(expected.sums.n);
        for (const k of ["sumX", "sumX2", "sumT", "sumT2", "sumXT"] as const) expect(after.sums[k]).toBeCloseTo(expected.sums[k], 9);
        expect(after.sumTimeMs).toBe(expected.sumTimeMs);
        expect(after.options).toEqual(expected.options);
        expect(after.xHist).toEqual(expected.xHist);
        expect(after.rHist).toEqual(expected.rHist);
        const totals = mergeTotals(mergeTotals(totalsBefore, addAttempt(emptyTotals(), 3)), addAttempt(emptyTotals(), 1.5));
        for (const k of ["n", "sumT", "sumT2", "sumT3", "sumT4"] as const) expect(totalsAfter[k]).toBeCloseTo(totals[k], 9);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it("is for instructors and admins only", async () => {
    await expect(getQuizDashboard(await createUser(), quizId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getQuizDashboard(null as never, quizId)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const slotId = (await db.quizSlot.findFirstOrThrow({ where: { quizId } })).id;
    await expect(getSlotStatistics(await createUser(), quizId, slotId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
