// When a learned card comes back, beyond FSRS's own interval (pure, so every rule is tested on fixed
// fixtures). Two rules act on a card that FSRS has just scheduled days ahead:
// - Exams: a card whose next review would fall on or after an exam day must still be recalled with at
//   least the desired retention until that day ends; otherwise its review moves to just before the exam.
// - Load balancing (as Anki's load balancer): among the days whose predicted recall is nearly the
//   same as FSRS's choice, the lightest day of the student's whole schedule is taken.
import { recallAfter, type CardSnapshot, type SchedulingProfile } from "./fsrs";

export const DAY_MS = 86_400_000;
/** Days whose predicted recall at review differs from FSRS's choice by at most this count as "nearly the same". */
export const RECALL_TOLERANCE = 0.01;
/** A review moved before an exam goes to one of the last this many days before it (the lightest, latest first). */
export const EXAM_RUN_UP_DAYS = 4;
/** No day before an exam takes more than this share of the reviews an exam moves (rescheduling a deck). */
export const MAX_EXAM_DAY_SHARE = 0.35;

export interface DuePlanContext {
  profile: SchedulingProfile;
  /** The exam days (00:00 UTC) of the card's lecture that have not ended, in any order. */
  exams: readonly Date[];
  /** The student's cards due per UTC day (key: the day's start in ms), this card left out. */
  load: ReadonlyMap<number, number>;
}

export const dayStart = (at: Date | number): number => Math.floor(new Date(at).getTime() / DAY_MS) * DAY_MS;

/** Through the whole exam day, or (the guarantee, when a review comes too late for more) at its start. */
export type ExamHorizon = "day" | "start";

/**
 * Whether a card reviewed at `lastReview` and next at `due` is recalled with at least the desired
 * retention on `exam`'s day: a review before the day keeps it; otherwise recall must hold until the
 * day ends (`horizon` "day", what is planned for) or at least at its start ("start", what is guaranteed).
 */
export function meetsExam(stability: number, lastReview: Date, due: Date, exam: Date, profile: SchedulingProfile, horizon: ExamHorizon = "day"): boolean {
  if (due.getTime() < exam.getTime()) return true;
  const until = exam.getTime() + (horizon === "day" ? DAY_MS : 0);
  if (until <= lastReview.getTime()) return true;
  return recallAfter(stability, (until - lastReview.getTime()) / DAY_MS, profile) >= profile.desiredRetention - 1e-9;
}

const meetsExams = (stability: number, lastReview: Date, due: Date, ctx: DuePlanContext, horizon: ExamHorizon) =>
  ctx.exams.every((exam) => meetsExam(stability, lastReview, due, exam, ctx.profile, horizon));

const loadOn = (ctx: DuePlanContext, at: Date) => ctx.load.get(dayStart(at)) ?? 0;

/** The lightest of `candidates` (in preference order: the first wins a tie). */
function lightest(candidates: readonly Date[], ctx: DuePlanContext): Date {
  let best = candidates[0]!;
  for (const candidate of candidates) if (loadOn(ctx, candidate) < loadOn(ctx, best)) best = candidate;
  return best;
}

/** Whole-day intervals around `days` whose recall at review is within the tolerance of `days`' own, nearest first. */
export function balancingWindow(stability: number, days: number, profile: SchedulingProfile): number[] {
  const target = recallAfter(stability, days, profile);
  const window = [days];
  for (let offset = 1; offset <= days; offset++) {
    const near = [days - offset, days + offset].filter((d) => d >= 1 && Math.abs(recallAfter(stability, d, profile) - target) <= RECALL_TOLERANCE);
    if (near.length === 0) break;
    window.push(...near);
  }
  return window;
}

/** The last EXAM_RUN_UP_DAYS whole days before `exam`, at `now`'s time of day, that are still ahead. */
function runUpDays(now: Date, exam: Date): Date[] {
  const days: Date[] = [];
  for (let k = 1; k <= EXAM_RUN_UP_DAYS; k++) {
    const at = new Date(exam.getTime() - k * DAY_MS + (now.getTime() % DAY_MS));
    if (at.getTime() > now.getTime()) days.push(at);
  }
  return days;
}

/**
 * The due date of `card`, just rated at `now` (its lastReview), after the exam and load rules. A card
 * in a learning step (due in minutes) keeps FSRS's due.
 */
export function planDue(card: CardSnapshot, now: Date, ctx: DuePlanContext): Date {
  if (card.state !== "REVIEW" || card.scheduledDays < 1) return card.due;
  const window = balancingWindow(card.stability, card.scheduledDays, ctx.profile).map((days) => new Date(now.getTime() + days * DAY_MS));
  const holding = window.filter((due) => meetsExams(card.stability, now, due, ctx, "day"));
  if (holding.length > 0) return lightest(holding, ctx);
  // The review would leave recall too low on an exam day: do it on one of the days before that exam.
  const first = ctx.exams.filter((exam) => !meetsExam(card.stability, now, card.due, exam, ctx.profile)).reduce((a, b) => (a.getTime() <= b.getTime() ? a : b));
  const runUp = runUpDays(now, first);
  if (runUp.length > 0) return lightest(runUp, ctx);
  // Less than a day before the exam: recall must at least hold when the exam day starts.
  const atStart = window.filter((due) => meetsExams(card.stability, now, due, ctx, "start"));
  if (atStart.length > 0) return lightest(atStart, ctx);
  return new Date(Math.max(now.getTime() + 10 * 60_000, first.getTime() - 60 * 60_000));
}

/** A card's due date planned, as the scheduling fields that change with it. */
export function withPlannedDue(card: CardSnapshot, now: Date, ctx: DuePlanContext): CardSnapshot {
  const due = planDue(card, now, ctx);
  if (due.getTime() === card.due.getTime()) return card;
  return { ...card, due, scheduledDays: Math.max(0, Math.round((due.getTime() - now.getTime()) / DAY_MS)) };
}
