import { describe, expect, it } from "vitest";
import { DAY_MS, EXAM_RUN_UP_DAYS, MAX_EXAM_DAY_SHARE, balancingWindow, dayStart, meetsExam, planDue } from "@/lib/review/due-plan";
import { DEFAULT_PROFILE, intervalForRetention, newCard, rate, recallAfter, type CardSnapshot } from "@/lib/review/fsrs";
import { planReschedule } from "@/lib/review/reschedule-plan";
import { forecastWorkload, neighbourRetentions } from "@/lib/review/forecast";

const NOW = new Date("2027-03-01T10:00:00Z");

/** A learned card reviewed at `lastReview` with `stability` days, due when FSRS says. */
function learned(stability: number, lastReview = NOW, profile = DEFAULT_PROFILE): CardSnapshot {
  const days = intervalForRetention(stability, profile);
  return {
    ...newCard(lastReview),
    state: "REVIEW",
    stability,
    difficulty: 5,
    reps: 4,
    lastReview,
    scheduledDays: days,
    due: new Date(lastReview.getTime() + days * DAY_MS),
  };
}

describe("load balancing", () => {
  it("keeps FSRS's day when nothing else is due, and takes the lightest near day otherwise", () => {
    const card = learned(40);
    const plain = planDue(card, NOW, { profile: DEFAULT_PROFILE, exams: [], load: new Map() });
    expect(plain.getTime()).toBe(card.due.getTime());
    const window = balancingWindow(40, card.scheduledDays, DEFAULT_PROFILE);
    expect(window.length).toBeGreaterThan(2);
    for (const days of window) expect(Math.abs(recallAfter(40, days) - recallAfter(40, card.scheduledDays))).toBeLessThanOrEqual(0.01);
    // FSRS's day is busy; one day later is free.
    const busy = new Map<number, number>();
    for (const days of window) busy.set(dayStart(NOW.getTime() + days * DAY_MS), 10);
    busy.set(dayStart(NOW.getTime() + (card.scheduledDays + 1) * DAY_MS), 0);
    const balanced = planDue(card, NOW, { profile: DEFAULT_PROFILE, exams: [], load: busy });
    expect((balanced.getTime() - NOW.getTime()) / DAY_MS).toBe(card.scheduledDays + 1);
  });

  it("never balances a one-day interval or a learning step", () => {
    const step = rate(newCard(NOW), "GOOD", NOW).card;
    expect(planDue(step, NOW, { profile: DEFAULT_PROFILE, exams: [], load: new Map([[dayStart(step.due), 99]]) })).toEqual(step.due);
    expect(balancingWindow(0.5, 1, DEFAULT_PROFILE)).toEqual([1]);
  });
});

describe("exam dates", () => {
  const exam = new Date("2027-03-20T00:00:00Z");

  it("a review that jumps over the exam keeps its day only while recall holds through the exam day", () => {
    expect(meetsExam(100, NOW, new Date("2027-03-25T00:00:00Z"), exam, DEFAULT_PROFILE)).toBe(true);
    expect(meetsExam(5, NOW, new Date("2027-03-25T00:00:00Z"), exam, DEFAULT_PROFILE)).toBe(false);
    // Reviewed before the exam day: the review itself keeps recall up.
    expect(meetsExam(5, NOW, new Date("2027-03-19T10:00:00Z"), exam, DEFAULT_PROFILE)).toBe(true);
  });

  it("a review that jumps over the whole exam day keeps its day: FSRS's recall is above the retention until it is due", () => {
    const card = learned(30);
    expect(card.due.getTime()).toBeGreaterThan(exam.getTime() + DAY_MS);
    expect(planDue(card, NOW, { profile: DEFAULT_PROFILE, exams: [exam], load: new Map() })).toEqual(card.due);
  });

  it("a review due during the exam day moves to the lightest run-up day, latest first on ties", () => {
    // Stability 6: FSRS's 6 days from 14 March 10:00 end on the exam day, when recall would fall below 90 %.
    const now = new Date("2027-03-14T10:00:00Z");
    const card = learned(6, now);
    expect(card.due.toISOString()).toBe("2027-03-20T10:00:00.000Z");
    expect(meetsExam(6, now, card.due, exam, DEFAULT_PROFILE)).toBe(false);
    const free = planDue(card, now, { profile: DEFAULT_PROFILE, exams: [exam], load: new Map() });
    expect(free.toISOString()).toBe("2027-03-19T10:00:00.000Z");
    const load = new Map([
      [dayStart(new Date("2027-03-19T00:00:00Z")), 5],
      [dayStart(new Date("2027-03-18T00:00:00Z")), 1],
    ]);
    expect(planDue(card, now, { profile: DEFAULT_PROFILE, exams: [exam], load }).toISOString()).toBe("2027-03-17T10:00:00.000Z");
    expect(EXAM_RUN_UP_DAYS).toBe(4);
  });

  it("with a higher retention than the one a card was scheduled at, the exam rule brings it forward", () => {
    const card = learned(10);
    const strict = { ...DEFAULT_PROFILE, desiredRetention: 0.97 };
    const examDay = new Date(dayStart(card.due) - DAY_MS);
    expect(meetsExam(10, NOW, card.due, examDay, strict)).toBe(false);
    const due = planDue(card, NOW, { profile: strict, exams: [examDay], load: new Map() });
    expect(due.getTime()).toBeLessThan(examDay.getTime());
  });
});

describe("rescheduling a deck for an exam", () => {
  it("brings every threatened card before the exam, no run-up day over its share, and recall holds after", () => {
    const exam = new Date("2027-03-12T00:00:00Z");
    // 40 cards whose FSRS due date falls during the exam day, and 10 due well after it.
    const cards = Array.from({ length: 50 }, (_, i) => {
      const stability = 4 + (i % 10);
      const days = intervalForRetention(stability, DEFAULT_PROFILE);
      const lastReview = i < 40 ? new Date(exam.getTime() + (1 + (i % 20)) * 3_600_000 - days * DAY_MS) : new Date(NOW.getTime() - DAY_MS);
      return { id: `c${i}`, card: learned(i < 40 ? stability : 60, lastReview), exams: [exam] };
    });
    const changes = planReschedule(cards, DEFAULT_PROFILE, NOW);
    const perDay = new Map<number, number>();
    let moved = 0;
    for (const { id, card } of cards) {
      const due = changes.get(id) ?? card.due;
      expect(meetsExam(card.stability, card.lastReview!, due, exam, DEFAULT_PROFILE)).toBe(true);
      if (changes.has(id) && due.getTime() < exam.getTime()) {
        moved++;
        perDay.set(dayStart(due), (perDay.get(dayStart(due)) ?? 0) + 1);
      }
    }
    expect(moved).toBe(40);
    expect([...perDay.values()]).toEqual([14, 14, 12]);
    for (const count of perDay.values()) expect(count).toBeLessThanOrEqual(Math.ceil(MAX_EXAM_DAY_SHARE * moved));
  });

  it("moves due dates to a new retention from each card's last review, and leaves overdue cards due", () => {
    const card = learned(20, new Date(NOW.getTime() - 3 * DAY_MS));
    const higher = { ...DEFAULT_PROFILE, desiredRetention: 0.95 };
    const changes = planReschedule([{ id: "a", card, exams: [] }], higher, NOW);
    expect(changes.get("a")!.getTime()).toBe(card.lastReview!.getTime() + intervalForRetention(20, higher) * DAY_MS);
    const overdue = { ...learned(2, new Date(NOW.getTime() - 10 * DAY_MS)) };
    expect(planReschedule([{ id: "b", card: overdue, exams: [] }], higher, NOW).has("b")).toBe(false);
  });
});

describe("workload forecast", () => {
  it("offers the neighbours of the chosen retention within bounds", () => {
    expect(neighbourRetentions(0.9)).toEqual([0.85, 0.9, 0.95]);
    expect(neighbourRetentions(0.97)).toEqual([0.92, 0.97]);
    expect(neighbourRetentions(0.7)).toEqual([0.7, 0.75]);
  });

  it("is the same on every call, and a higher retention costs more reviews", () => {
    const cards = Array.from({ length: 60 }, (_, i) => learned(3 + (i % 20), new Date(NOW.getTime() - (i % 5) * DAY_MS)));
    const input = { cards, newDecks: [{ unseen: 30, perDay: 10, leftToday: 5 }] };
    const a = forecastWorkload(input, DEFAULT_PROFILE, [0.8, 0.9, 0.95], NOW);
    expect(forecastWorkload(input, DEFAULT_PROFILE, [0.8, 0.9, 0.95], NOW)).toEqual(a);
    expect(a.map((s) => s.perDay.length)).toEqual([30, 30, 30]);
    expect(a[0]!.total).toBeLessThan(a[1]!.total);
    expect(a[1]!.total).toBeLessThan(a[2]!.total);
  });
});
