// Every quiz action parses its input with these schemas before anything reaches SQL: a value they
// let through with a NUL byte makes PostgreSQL fail the statement, an unexpected error (a 500).
import { describe, expect, it } from "vitest";
import { answerPracticeInput, attemptId, saveAnswerInput, startAttemptInput, submitAttemptInput } from "@/lib/quiz/schemas";

const ID = "cmid4k2x90000a1b2c3d4e5f6"; // a cuid, as Prisma makes them
const save = {
  attemptId: ID,
  position: 0,
  chosen: ["a"],
  flagged: false,
  timeSpentMs: 1000,
  idempotencyKey: "6f1c2b1e-8c1d-4c7e-9a55-0d1e2f3a4b5c",
  baseRevision: 0,
};

describe("quiz action inputs", () => {
  it("accept what the page sends", () => {
    expect(saveAnswerInput.parse(save)).toEqual({ ...save, text: null });
    expect(saveAnswerInput.parse({ ...save, chosen: [], text: "Parquet\n\tand ORC" }).text).toBe("Parquet\n\tand ORC");
    for (const text of ["a\u0000b", "bell\u0007", "x".repeat(20_001)]) expect(saveAnswerInput.safeParse({ ...save, text }).success).toBe(false);
    expect(saveAnswerInput.parse({ ...save, chosen: ["a", "ab"], baseRevision: "1764000000000" }).baseRevision).toBe(1_764_000_000_000);
    expect(submitAttemptInput.parse({ attemptId: ID, idempotencyKey: save.idempotencyKey })).toEqual({ attemptId: ID, idempotencyKey: save.idempotencyKey });
    expect(startAttemptInput.parse({ quizId: ID })).toEqual({ quizId: ID });
    expect(answerPracticeInput.parse({ sessionId: ID, questionVersionId: ID, chosen: ["b"] })).toEqual({
      sessionId: ID,
      questionVersionId: ID,
      chosen: ["b"],
      text: null,
    });
  });

  it.each([
    ["a NUL byte in the attempt id", { attemptId: `${ID}\u0000` }],
    ["a NUL byte in an option key", { chosen: ["a\u0000"] }],
    ["a NUL byte in the idempotency key", { idempotencyKey: "abcdefgh\u0000" }],
    ["an id with other characters", { attemptId: "../../etc" }],
    ["an upper-case option key", { chosen: ["A"] }],
    ["an option key with a quote", { chosen: ["a'"] }],
    ["a key with a space", { idempotencyKey: "abcd efgh" }],
    ["a negative revision", { baseRevision: -1 }],
    ["a fractional revision", { baseRevision: 1.5 }],
    ["no revision", { baseRevision: undefined }],
    ["a revision that is not a number", { baseRevision: "latest" }],
    ["a position that is not a number", { position: "first" }],
    ["flagged as a string", { flagged: "yes" }],
    ["a claim of more than six hours", { timeSpentMs: 6 * 60 * 60 * 1000 + 1 }],
  ])("reject %s", (_name, change) => {
    expect(saveAnswerInput.safeParse({ ...save, ...change }).success).toBe(false);
  });

  it.each([
    ["start", () => startAttemptInput.safeParse({ quizId: "quiz\u0000" })],
    ["submit", () => submitAttemptInput.safeParse({ attemptId: `${ID}\u0000`, idempotencyKey: save.idempotencyKey })],
    ["practice", () => answerPracticeInput.safeParse({ sessionId: ID, questionVersionId: "v\u0000", chosen: [] })],
    ["the attempt page's id", () => attemptId.safeParse("abc\u0000")],
  ])("reject a NUL byte in the %s input", (_name, parse) => {
    expect(parse().success).toBe(false);
  });
});
