import { describe, expect, it } from "vitest";
import { attemptState, closedReason, isOpen, type AttemptState, type AttemptTiming } from "@/lib/quiz/submission/attempt-state";

const at = (iso: string) => new Date(`2026-12-01T${iso}Z`);
const NOW = at("10:00:00.000");

describe("attemptState", () => {
  const cases: [string, AttemptTiming, AttemptState][] = [
    ["in progress, no time limit", { status: "IN_PROGRESS", deadlineAt: null, submittedAt: null }, "OPEN"],
    ["in progress, a millisecond before its deadline", { status: "IN_PROGRESS", deadlineAt: at("10:00:00.001"), submittedAt: null }, "OPEN"],
    // As the save statement decides (open while deadline > now): at the deadline it is over.
    ["in progress, exactly at its deadline", { status: "IN_PROGRESS", deadlineAt: NOW, submittedAt: null }, "OVERDUE"],
    ["in progress, an hour past its deadline", { status: "IN_PROGRESS", deadlineAt: at("09:00:00.000"), submittedAt: null }, "OVERDUE"],
    ["submitted, no time limit", { status: "SUBMITTED", deadlineAt: null, submittedAt: at("09:30:00.000") }, "SUBMITTED"],
    ["submitted by the student before the deadline", { status: "SUBMITTED", deadlineAt: at("09:45:00.000"), submittedAt: at("09:44:59.999") }, "SUBMITTED"],
    ["submitted as of its deadline (closed late)", { status: "SUBMITTED", deadlineAt: at("09:45:00.000"), submittedAt: at("09:45:00.000") }, "TIMED_OUT"],
    // A deadline still ahead does not reopen a submitted attempt.
    ["submitted early, deadline still ahead", { status: "SUBMITTED", deadlineAt: at("11:00:00.000"), submittedAt: at("09:59:00.000") }, "SUBMITTED"],
    ["submitted, submission time unknown", { status: "SUBMITTED", deadlineAt: at("09:45:00.000"), submittedAt: null }, "SUBMITTED"],
  ];
  it.each(cases)("%s → %s", (_name, attempt, expected) => {
    expect(attemptState(attempt, NOW)).toBe(expected);
  });

  it("never changes its input", () => {
    const attempt: AttemptTiming = { status: "IN_PROGRESS", deadlineAt: at("09:00:00.000"), submittedAt: null };
    const copy = structuredClone(attempt);
    attemptState(attempt, NOW);
    expect(attempt).toEqual(copy);
  });
});

describe("what a state means for the page", () => {
  const cases: [AttemptState, boolean, ReturnType<typeof closedReason>][] = [
    ["OPEN", true, null],
    ["OVERDUE", false, "TIME_UP"],
    ["SUBMITTED", false, "SUBMITTED"],
    ["TIMED_OUT", false, "TIME_UP"],
  ];
  it.each(cases)("%s: open %s, closed because %s", (state, open, reason) => {
    expect(isOpen(state)).toBe(open);
    expect(closedReason(state)).toBe(reason);
  });
});
