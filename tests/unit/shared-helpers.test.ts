import { describe, expect, it } from "vitest";
import { formatUtcDay, formatUtcMinute } from "@/lib/dates";
import { planSlot } from "@/lib/quiz/scoring";
import { seededRandom, seededShuffle } from "@/lib/random";
import { firstSearchParam } from "@/lib/search-params";

// Stored attempts replay their shuffles from their seeds: these values must never change.
describe("seededRandom (mulberry32)", () => {
  it.each([
    [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]],
    [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]],
    [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]],
    [20261130, [0.5090388669632375, 0.4547965507954359, 0.49726691213436425]],
    [2 ** 31 - 1, [0.4290980885270983, 0.12713524978607893, 0.3852774982806295]],
    [0xffffffff, [0.8964226141106337, 0.189478256739676, 0.7156526781618595]],
  ])("seed %i gives the same first three numbers", (seed, expected) => {
    const random = seededRandom(seed);
    expect([random(), random(), random()]).toEqual(expected);
  });

  it("treats a seed modulo 2^32", () => {
    expect(seededRandom(-1)()).toBe(seededRandom(0xffffffff)());
  });
});

describe("seededShuffle", () => {
  it("gives the same order for the same seed, and leaves its input alone", () => {
    const letters = ["a", "b", "c", "d", "e", "f"];
    expect(seededShuffle(letters, 7)).toEqual(["e", "b", "c", "d", "f", "a"]);
    expect(letters).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(seededShuffle([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 123456789)).toEqual([6, 10, 1, 5, 4, 8, 2, 7, 9, 3]);
  });

  it("drives each attempt's choice of variant and option order", () => {
    const keys = (v: string) => [`${v}a`, `${v}b`, `${v}c`, `${v}d`];
    expect(planSlot(12345, 0, ["v1", "v2", "v3"], keys, true)).toEqual({ variant: "v1", optionOrder: ["v1a", "v1b", "v1d", "v1c"] });
    expect(planSlot(12345, 3, ["v1", "v2", "v3"], keys, true)).toEqual({ variant: "v1", optionOrder: ["v1d", "v1b", "v1a", "v1c"] });
    expect(planSlot(2 ** 31 - 1, 10, ["v1", "v2", "v3"], keys, true)).toEqual({ variant: "v3", optionOrder: ["v3d", "v3c", "v3a", "v3b"] });
  });
});

describe("UTC dates", () => {
  const instant = new Date(Date.UTC(2025, 2, 4, 23, 59, 59, 999));

  it.each([
    [instant, "2025-03-04 23:59", "2025-03-04"],
    [instant.toISOString(), "2025-03-04 23:59", "2025-03-04"],
    [new Date(Date.UTC(2026, 0, 1, 0, 0, 30)), "2026-01-01 00:00", "2026-01-01"],
  ])("%s is written %s, on day %s", (value, minute, day) => {
    expect(formatUtcMinute(value)).toBe(minute);
    expect(formatUtcDay(value)).toBe(day);
  });
});

describe("firstSearchParam", () => {
  it.each([
    ["2", "2"],
    [["3", "4"], "3"],
    [[], undefined],
    [undefined, undefined],
    [null, undefined],
    ["", ""],
  ] as const)("%j gives %j", (value, expected) => {
    expect(firstSearchParam(value as string | string[] | null | undefined)).toBe(expected);
  });
});
