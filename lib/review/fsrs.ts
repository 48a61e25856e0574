// The only door to ts-fsrs: cards and ratings in the project's own terms (the database's enums and
// column names). Each student is scheduled by their profile: FSRS's default parameters or their own
// fitted ones, at the retention they chose (90% by default); learning steps 1 min and 10 min,
// relearning 10 min, no fuzz so intervals are predictable and testable (load balancing spreads them).
import {
  Rating as FsrsRating,
  State as FsrsState,
  default_w,
  forgetting_curve,
  fsrs,
  generatorParameters,
  type Card as FsrsCard,
  type FSRS,
  type Grade,
} from "ts-fsrs";

export const CARD_STATES = ["NEW", "LEARNING", "REVIEW", "RELEARNING"] as const;
export type CardState = (typeof CARD_STATES)[number];
export const RATINGS = ["AGAIN", "HARD", "GOOD", "EASY"] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, string> = { AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy" };
/** Keys 1-4, in the order of RATINGS. */
export const RATING_KEYS: Record<Rating, string> = { AGAIN: "1", HARD: "2", GOOD: "3", EASY: "4" };

/** A card's scheduling state, as stored in review_cards. Dates are Date objects. */
export interface CardSnapshot {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  lastReview: Date | null;
}

/** How a student is scheduled: whose parameters, and the recall probability asked for. */
export interface SchedulingProfile {
  /** FSRS-6's 21 weights fitted to the student's reviews; null for FSRS's defaults. */
  parameters: readonly number[] | null;
  /** The fit those weights come from (fsrs_parameter_sets), logged with every rating. */
  parameterSetId: string | null;
  desiredRetention: number;
}

export const DEFAULT_RETENTION = 0.9;
export const MIN_RETENTION = 0.7;
export const MAX_RETENTION = 0.97;
export const DEFAULT_PROFILE: SchedulingProfile = Object.freeze({ parameters: null, parameterSetId: null, desiredRetention: DEFAULT_RETENTION });
export const DEFAULT_PARAMETERS: readonly number[] = default_w;

/** The review log's fields for one rating: the card's state before it. */
export interface RatingLog {
  rating: Rating;
  state: CardState;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reviewedAt: Date;
  /** The predicted recall just before the rating (null for a card never reviewed). */
  retrievability: number | null;
  parameterSetId: string | null;
  desiredRetention: number;
}

/** Schedulers by profile: building one validates 21 weights, so the few profiles in use are kept. */
const schedulers = new Map<string, FSRS>();
const MAX_SCHEDULERS = 500;

function schedulerFor(profile: SchedulingProfile): FSRS {
  const key = `${profile.desiredRetention}|${profile.parameters?.join(",") ?? "default"}`;
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = fsrs(
      generatorParameters({
        enable_fuzz: false,
        enable_short_term: true,
        request_retention: profile.desiredRetention,
        ...(profile.parameters ? { w: [...profile.parameters] } : {}),
      }),
    );
    if (schedulers.size >= MAX_SCHEDULERS) schedulers.delete(schedulers.keys().next().value!);
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/** FSRS's predicted recall `days` (fractional) after the last review of a card of `stability`. */
export function recallAfter(stability: number, days: number, profile: SchedulingProfile = DEFAULT_PROFILE): number {
  if (stability <= 0) return 0;
  return forgetting_curve([...(profile.parameters ?? DEFAULT_PARAMETERS)], Math.max(0, days), stability);
}

/** The predicted recall of a reviewed card at `at` (0 for a card never reviewed). */
export function recallAt(card: Pick<CardSnapshot, "state" | "stability" | "lastReview">, at: Date, profile: SchedulingProfile = DEFAULT_PROFILE): number {
  if (card.state === "NEW" || !card.lastReview) return 0;
  return recallAfter(card.stability, (at.getTime() - card.lastReview.getTime()) / 86_400_000, profile);
}

const STATE_TO_FSRS: Record<CardState, FsrsState> = {
  NEW: FsrsState.New,
  LEARNING: FsrsState.Learning,
  REVIEW: FsrsState.Review,
  RELEARNING: FsrsState.Relearning,
};
const FSRS_TO_STATE: Record<FsrsState, CardState> = {
  [FsrsState.New]: "NEW",
  [FsrsState.Learning]: "LEARNING",
  [FsrsState.Review]: "REVIEW",
  [FsrsState.Relearning]: "RELEARNING",
};
const RATING_TO_FSRS: Record<Rating, Grade> = { AGAIN: FsrsRating.Again, HARD: FsrsRating.Hard, GOOD: FsrsRating.Good, EASY: FsrsRating.Easy };
const FSRS_TO_RATING: Record<number, Rating> = { [FsrsRating.Again]: "AGAIN", [FsrsRating.Hard]: "HARD", [FsrsRating.Good]: "GOOD", [FsrsRating.Easy]: "EASY" };

function toFsrs(card: CardSnapshot): FsrsCard {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_TO_FSRS[card.state],
    last_review: card.lastReview ?? undefined,
  };
}

function fromFsrs(card: FsrsCard): CardSnapshot {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: FSRS_TO_STATE[card.state],
    lastReview: card.last_review ? new Date(card.last_review) : null,
  };
}

/** A card never reviewed, due now. */
export function newCard(now: Date): CardSnapshot {
  return { due: now, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: "NEW", lastReview: null };
}

/**
 * Schedules `card` after `rating` at `now` by the student's profile: the card after, and the log of
 * the card before (with the recall FSRS predicted for it, for calibration).
 */
export function rate(card: CardSnapshot, rating: Rating, now: Date, profile: SchedulingProfile = DEFAULT_PROFILE): { card: CardSnapshot; log: RatingLog } {
  const { card: next, log } = schedulerFor(profile).next(toFsrs(card), now, RATING_TO_FSRS[rating]);
  return {
    card: fromFsrs(next),
    log: {
      rating: FSRS_TO_RATING[log.rating]!,
      state: FSRS_TO_STATE[log.state],
      due: new Date(log.due),
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      reviewedAt: new Date(log.review),
      retrievability: card.state === "NEW" || !card.lastReview ? null : recallAt(card, now, profile),
      parameterSetId: profile.parameterSetId,
      desiredRetention: profile.desiredRetention,
    },
  };
}

/** When each rating would bring the card back, as a date and a short label ("1m", "10m", "3d", "2mo"). */
export function previewRatings(
  card: CardSnapshot,
  now: Date,
  profile: SchedulingProfile = DEFAULT_PROFILE,
  plan: (rated: CardSnapshot) => Date = (rated) => rated.due,
): Record<Rating, { due: Date; label: string }> {
  const result = {} as Record<Rating, { due: Date; label: string }>;
  for (const rating of RATINGS) {
    const due = plan(rate(card, rating, now, profile).card);
    result[rating] = { due, label: formatInterval(due.getTime() - now.getTime()) };
  }
  return result;
}

/** The probability of recalling the card at `now` (0 for a card never reviewed). */
export function retrievability(card: CardSnapshot, now: Date, profile: SchedulingProfile = DEFAULT_PROFILE): number {
  return recallAt(card, now, profile);
}

/** The whole days after a review at which a card of `stability` falls to `retention` (at least 1). */
export function intervalForRetention(stability: number, profile: SchedulingProfile = DEFAULT_PROFILE): number {
  return schedulerFor(profile).next_interval(stability, 0);
}

/** "<1m", "1m", "10m", "3h", "1d", "12d", "1.5mo", "2y" — the interval's size at a glance. */
export function formatInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return "<1m";
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  const months = days / 30;
  if (months < 12) return `${Number(months.toFixed(months < 10 ? 1 : 0))}mo`;
  return `${Number((days / 365).toFixed(1))}y`;
}

/** The same interval in words, for screen readers and titles. */
export function describeInterval(ms: number): string {
  const label = formatInterval(ms);
  if (label === "<1m") return "in less than a minute";
  const match = label.match(/^([\d.]+)(m|h|d|mo|y)$/)!;
  const unit = { m: "minute", h: "hour", d: "day", mo: "month", y: "year" }[match[2] as "m" | "h" | "d" | "mo" | "y"];
  return `in ${match[1]} ${unit}${match[1] === "1" ? "" : "s"}`;
}

/** A snapshot as JSON (dates as ISO strings), for the review log's `previous_card`. */
export function snapshotToJson(card: CardSnapshot): Record<string, string | number | null> {
  return { ...card, due: card.due.toISOString(), lastReview: card.lastReview?.toISOString() ?? null };
}

export function snapshotFromJson(json: unknown): CardSnapshot {
  const value = json as Record<string, unknown>;
  return {
    due: new Date(String(value.due)),
    stability: Number(value.stability),
    difficulty: Number(value.difficulty),
    elapsedDays: Number(value.elapsedDays),
    scheduledDays: Number(value.scheduledDays),
    learningSteps: Number(value.learningSteps),
    reps: Number(value.reps),
    lapses: Number(value.lapses),
    state: value.state as CardState,
    lastReview: value.lastReview ? new Date(String(value.lastReview)) : null,
  };
}
