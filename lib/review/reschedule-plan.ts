// Rescheduling a student's learned cards when what their schedule rests on changes: a new retention,
// newly fitted parameters, an exam date added or moved (pure; the job in lib/review/reschedule.ts
// reads and writes). A card keeps its memory state (stability, difficulty, history): only its due
// date is recomputed — FSRS's interval for the current profile, then the exam rule, with the reviews
// an exam brings forward spread over the days before it.
import { DAY_MS, EXAM_RUN_UP_DAYS, MAX_EXAM_DAY_SHARE, dayStart, meetsExam } from "./due-plan";
import { intervalForRetention, type CardSnapshot, type SchedulingProfile } from "./fsrs";

export interface ReschedulableCard {
  id: string;
  card: CardSnapshot;
  /** The exam days (00:00 UTC) of the card's lecture that have not ended. */
  exams: readonly Date[];
}

/** FSRS's due date for a learned card under `profile`, from its last review (never before `now` moves it later than it is overdue). */
function profileDue(card: CardSnapshot, profile: SchedulingProfile): Date {
  return new Date(card.lastReview!.getTime() + intervalForRetention(card.stability, profile) * DAY_MS);
}

/**
 * The cards whose due date changes, with the new date. Cards brought forward by an exam get one of
 * the last EXAM_RUN_UP_DAYS days before it (not before today), latest first, so that no day takes more
 * than MAX_EXAM_DAY_SHARE of them when the run-up has room; a card already due before then stays.
 */
export function planReschedule(cards: readonly ReschedulableCard[], profile: SchedulingProfile, now: Date): Map<string, Date> {
  const changes = new Map<string, Date>();
  const moved = new Map<number, { id: string; due: Date }[]>();
  for (const { id, card, exams } of cards) {
    if (card.state !== "REVIEW" || !card.lastReview) continue;
    let due = profileDue(card, profile);
    // An overdue card stays due; recomputing must not hide it in the past or push it off.
    if (card.due.getTime() <= now.getTime() && due.getTime() <= now.getTime()) due = card.due;
    const threatened = exams.filter((exam) => !meetsExam(card.stability, card.lastReview!, due, exam, profile)).sort((a, b) => a.getTime() - b.getTime())[0];
    if (threatened) {
      const list = moved.get(threatened.getTime()) ?? [];
      list.push({ id, due });
      moved.set(threatened.getTime(), list);
      continue;
    }
    if (due.getTime() !== card.due.getTime()) changes.set(id, due);
  }
  for (const [examMs, list] of moved) for (const [id, due] of spreadBeforeExam(list, examMs, now)) changes.set(id, due);
  return changes;
}

/** Assigns each moved card a day in the exam's run-up, latest day first, capped per day. */
function spreadBeforeExam(list: readonly { id: string }[], examMs: number, now: Date): Map<string, Date> {
  const today = dayStart(now);
  const days: number[] = [];
  for (let k = 1; k <= EXAM_RUN_UP_DAYS; k++) if (examMs - k * DAY_MS >= today) days.push(examMs - k * DAY_MS);
  const result = new Map<string, Date>();
  if (days.length === 0) {
    // The exam is today: nothing can move before it; review now.
    for (const { id } of list) result.set(id, now);
    return result;
  }
  const cap = Math.max(1, Math.ceil(MAX_EXAM_DAY_SHARE * list.length));
  const taken = new Map<number, number>();
  let day = 0;
  for (const { id } of list) {
    // Latest day with room; when every day is full (a short run-up), the earliest day takes the rest.
    while (day < days.length - 1 && (taken.get(days[day]!) ?? 0) >= cap) day++;
    const start = days[day]!;
    taken.set(start, (taken.get(start) ?? 0) + 1);
    // Today's reviews are due now; a later day's at its start, so they are due all that day.
    result.set(id, start === today ? now : new Date(start));
  }
  return result;
}
