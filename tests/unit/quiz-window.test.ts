// The quiz's window (opensAt, closesAt) and an attempt's deadline under it, with hand-checked instants.
import { describe, expect, it } from "vitest";
import { formatUtcLong } from "@/lib/dates";
import { attemptDeadline, quizWindowRefusal, quizWindowState } from "@/lib/quiz/window";

const at = (iso: string) => new Date(iso);

describe("the quiz's window", () => {
  it.each([
    [null, null, "2027-03-03T09:00:00Z", "OPEN"],
    ["2027-03-03T09:00:00Z", null, "2027-03-03T08:59:59.999Z", "NOT_YET_OPEN"],
    ["2027-03-03T09:00:00Z", null, "2027-03-03T09:00:00Z", "OPEN"],
    [null, "2027-03-10T17:30:00Z", "2027-03-10T17:29:59.999Z", "OPEN"],
    [null, "2027-03-10T17:30:00Z", "2027-03-10T17:30:00Z", "CLOSED"],
  ] as const)("opens %s, closes %s: at %s it is %s", (opensAt, closesAt, now, state) => {
    expect(quizWindowState({ opensAt: opensAt && at(opensAt), closesAt: closesAt && at(closesAt) }, at(now))).toBe(state);
  });

  it("says why no attempt may start, in words", () => {
    const window = { opensAt: at("2027-03-03T09:00:00Z"), closesAt: at("2027-03-10T17:30:00Z") };
    expect(quizWindowRefusal(window, at("2027-03-01T00:00:00Z"))).toBe("This quiz opens on 3 March 2027, 09:00 UTC");
    expect(quizWindowRefusal(window, at("2027-03-05T00:00:00Z"))).toBeNull();
    expect(quizWindowRefusal(window, at("2027-03-11T00:00:00Z"))).toBe("This quiz closed on 10 March 2027, 17:30 UTC");
    expect(formatUtcLong("2026-12-31T23:05:00.000Z")).toBe("31 December 2026, 23:05 UTC");
  });

  it("ends an attempt at its time limit or the closing, whichever is first", () => {
    const start = at("2027-03-10T17:00:00Z");
    expect(attemptDeadline(start, null, null)).toBeNull();
    expect(attemptDeadline(start, 600, null)).toEqual(at("2027-03-10T17:10:00Z"));
    expect(attemptDeadline(start, null, at("2027-03-10T17:30:00Z"))).toEqual(at("2027-03-10T17:30:00Z"));
    expect(attemptDeadline(start, 3600, at("2027-03-10T17:30:00Z"))).toEqual(at("2027-03-10T17:30:00Z"));
    expect(attemptDeadline(start, 600, at("2027-03-10T17:30:00Z"))).toEqual(at("2027-03-10T17:10:00Z"));
  });
});
