// The running sums (lib/analytics/sums.ts): what one attempt adds, and how rows merge. Hand-checked.
import { describe, expect, it } from "vitest";
import { addAnswer, addAnswers, addAttempt, attemptSums, emptyRow, emptyTotals, histogramKey, mergeRows, mergeTotals, RowSet } from "@/lib/analytics/sums";

describe("attemptSums (what one submitted attempt adds)", () => {
  it("adds n, sums, squares and cross-products for each slot and variant, and the quiz's moments", () => {
    const { rows, totals } = attemptSums([
      { slotId: "s1", questionVersionId: "v1", mark: 1, chosenOptionKeys: ["b"], timeSpentMs: 1000 },
      { slotId: "s2", questionVersionId: "v9", mark: 0.5, chosenOptionKeys: ["a", "c"], timeSpentMs: 500 },
    ]);
    expect(totals).toEqual({ n: 1, sumT: 1.5, sumT2: 2.25, sumT3: 3.375, sumT4: 5.0625 });
    expect(rows.map((q) => [q.slotId, q.variantKey])).toEqual([
      ["s1", ""],
      ["s1", "v1"],
      ["s2", ""],
      ["s2", "v9"],
    ]);
    expect(rows[3]).toEqual({
      slotId: "s2",
      variantKey: "v9",
      sums: { n: 1, sumX: 0.5, sumX2: 0.25, sumT: 1.5, sumT2: 2.25, sumXT: 0.75 },
      sumTimeMs: 500,
      options: { a: { count: 1, sumX: 0.5, sumT: 1.5 }, c: { count: 1, sumX: 0.5, sumT: 1.5 } },
      xHist: { "0.5": 1 },
      rHist: { "1": 1 },
    });
    // The slot row holds the same answer as its variant row.
    expect({ ...rows[2], variantKey: "v9" }).toEqual(rows[3]);
  });

  it("records an unanswered question (no keys, mark 0) as a 0 with no option chosen", () => {
    const { rows } = attemptSums([
      { slotId: "s1", questionVersionId: "v1", mark: 0, chosenOptionKeys: [], timeSpentMs: 0 },
      { slotId: "s2", questionVersionId: "v2", mark: 2, chosenOptionKeys: ["a"], timeSpentMs: 0 },
    ]);
    expect(rows[0]).toEqual({
      slotId: "s1",
      variantKey: "",
      sums: { n: 1, sumX: 0, sumX2: 0, sumT: 2, sumT2: 4, sumXT: 0 },
      sumTimeMs: 0,
      options: {},
      xHist: { "0": 1 },
      rHist: { "2": 1 },
    });
  });

  it("keys histogram values as the SQL backfill does: 9 decimals, no trailing zeros", () => {
    expect([1, 0.5, 1 / 3, 2 - 1 / 3, -0.25, 0].map(histogramKey)).toEqual(["1", "0.5", "0.333333333", "1.666666667", "-0.25", "0"]);
  });
});

describe("adding and merging sums", () => {
  // Two answers on one question: x = 1 of T = 3 choosing b; x = 0 of T = 1 choosing a and c (and a again).
  const first = { mark: 1, total: 3, chosenOptionKeys: ["b"], timeSpentMs: 2000 };
  const second = { mark: 0, total: 1, chosenOptionKeys: ["a", "c", "a"], timeSpentMs: 4000 };

  it("adds answers one by one: Σx = 1, Σx² = 1, ΣT = 4, ΣT² = 10, ΣxT = 3; duplicate keys count once", () => {
    const row = addAnswer(addAnswer(emptyRow("s", ""), first), second);
    expect(row.sums).toEqual({ n: 2, sumX: 1, sumX2: 1, sumT: 4, sumT2: 10, sumXT: 3 });
    expect(row.sumTimeMs).toBe(6000);
    expect(row.options).toEqual({ b: { count: 1, sumX: 1, sumT: 3 }, a: { count: 1, sumX: 0, sumT: 1 }, c: { count: 1, sumX: 0, sumT: 1 } });
    expect(row.xHist).toEqual({ "1": 1, "0": 1 });
    expect(row.rHist).toEqual({ "2": 1, "1": 1 });
  });

  it("a group of n identical answers adds what n single answers add", () => {
    // Three answers x = 0.5 with R = 1, totals T = 1.5, 1.5, 1.5: ΣT = 4.5, ΣT² = 6.75.
    const grouped = addAnswers(emptyRow("s", "v"), { n: 3, x: 0.5, rest: 1, sumT: 4.5, sumT2: 6.75, sumTimeMs: 900, chosenOptionKeys: ["a"] });
    const single = { mark: 0.5, total: 1.5, chosenOptionKeys: ["a"], timeSpentMs: 300 };
    expect(addAnswer(addAnswer(addAnswer(emptyRow("s", "v"), single), single), single)).toEqual(grouped);
    expect(grouped.sums).toEqual({ n: 3, sumX: 1.5, sumX2: 0.75, sumT: 4.5, sumT2: 6.75, sumXT: 2.25 });
  });

  it("merging two rows equals adding both answers to one row", () => {
    const merged = mergeRows(addAnswer(emptyRow("s", ""), first), addAnswer(emptyRow("s", ""), second));
    expect(merged).toEqual(addAnswer(addAnswer(emptyRow("s", ""), first), second));
  });

  it("adds attempt totals as power sums, and merges them", () => {
    const a = addAttempt(addAttempt(emptyTotals(), 1), 2);
    expect(a).toEqual({ n: 2, sumT: 3, sumT2: 5, sumT3: 9, sumT4: 17 });
    expect(mergeTotals(a, addAttempt(emptyTotals(), 3))).toEqual({ n: 3, sumT: 6, sumT2: 14, sumT3: 36, sumT4: 98 });
  });

  it("a row set counts each answer in its slot row and its variant row, ordered by slot then variant", () => {
    const set = new RowSet();
    set.addAnswers("s2", "v2", { n: 1, x: 1, rest: 0, sumT: 1, sumT2: 1, sumTimeMs: 0, chosenOptionKeys: [] });
    set.addAnswers("s1", "vb", { n: 2, x: 0, rest: 1, sumT: 2, sumT2: 2, sumTimeMs: 0, chosenOptionKeys: [] });
    set.addAnswers("s1", "va", { n: 1, x: 1, rest: 1, sumT: 2, sumT2: 4, sumTimeMs: 0, chosenOptionKeys: [] });
    const rows = set.toArray();
    expect(rows.map((r) => [r.slotId, r.variantKey, r.sums.n])).toEqual([
      ["s1", "", 3],
      ["s1", "va", 1],
      ["s1", "vb", 2],
      ["s2", "", 1],
      ["s2", "v2", 1],
    ]);
  });
});
