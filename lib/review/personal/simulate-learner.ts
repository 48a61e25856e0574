// A simulated student for judging personal FSRS parameters: their TRUE memory follows given FSRS-6
// weights, while the app schedules them as it schedules everyone (lib/review/fsrs.ts: ts-fsrs's
// defaults, 90 % retention, no fuzz). Seeded, so a test or a benchmark replays the same log.
//
// The true memory is tracked with ts-fsrs's own FSRS-6 algorithm on whole UTC days, the way fsrs-rs
// reads a log (same-day reviews change stability through the short-term weights w17–w19). So the truth
// is a model the optimizer can represent exactly, and whatever it gets wrong is the data's fault.
import { FSRSAlgorithm, Rating as FsrsRating, clipParameters, default_w, generatorParameters, type FSRSState, type Grade } from "ts-fsrs";
import { seededRandom } from "../../random";
import { newCard, rate, type CardSnapshot, type Rating } from "../fsrs";
import { utcDaysBetween, type LoggedReview } from "./fit";

export interface LearnerOptions {
  /** The learner's true FSRS-6 weights (21). */
  parameters: readonly number[];
  /** How many reviews to log. */
  reviews: number;
  seed: number;
  /** New cards introduced on each study day (the app allows 20 per lecture; 10 is a steady pace). */
  newCardsPerDay?: number;
  /** The first study day (its date; the time of day is ignored). */
  start?: Date;
  /** The chance of skipping a day: missed days give overdue reviews, which show the forgetting curve's shape. */
  skipDayChance?: number;
}

/** A new card's first rating: there is no memory yet to recall, so it is drawn from fixed shares. */
const FIRST_RATING: [Rating, number][] = [
  ["AGAIN", 0.25],
  ["HARD", 0.1],
  ["GOOD", 0.5],
  ["EASY", 0.15],
];
/** The rating of a card that was recalled (a forgotten card is always Again). */
const RECALLED_RATING: [Rating, number][] = [
  ["HARD", 0.2],
  ["GOOD", 0.65],
  ["EASY", 0.15],
];
const GRADE: Record<Rating, Grade> = { AGAIN: FsrsRating.Again, HARD: FsrsRating.Hard, GOOD: FsrsRating.Good, EASY: FsrsRating.Easy };
const DAY_MS = 86_400_000;
/** As lib/review/queue.ts: a learning card due within 20 minutes is shown when nothing else is due. */
const LEARN_AHEAD_MS = 20 * 60_000;

interface SimulatedCard {
  id: string;
  card: CardSnapshot;
  /** The true memory state, null before the first review. */
  truth: FSRSState | null;
  lastReview: number;
}

function draw(shares: [Rating, number][], u: number): Rating {
  let sum = 0;
  for (const [rating, share] of shares) {
    sum += share;
    if (u < sum) return rating;
  }
  return shares[shares.length - 1]![0];
}

/** The learner's review log, oldest first: exactly `options.reviews` ratings. */
export function simulateLearner(options: LearnerOptions): LoggedReview[] {
  const random = seededRandom(options.seed);
  const truth = new FSRSAlgorithm(generatorParameters({ w: [...options.parameters], enable_short_term: true }));
  const newPerDay = options.newCardsPerDay ?? 10;
  const skipChance = options.skipDayChance ?? 0.15;
  const start = options.start ?? new Date("2026-01-05T00:00:00.000Z");
  let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const cards: SimulatedCard[] = [];
  const log: LoggedReview[] = [];

  const review = (entry: SimulatedCard, now: number) => {
    const elapsed = entry.truth ? utcDaysBetween(entry.lastReview, now) : 0;
    let rating: Rating;
    if (!entry.truth) rating = draw(FIRST_RATING, random());
    else rating = random() < truth.forgetting_curve(elapsed, entry.truth.stability) ? draw(RECALLED_RATING, random()) : "AGAIN";
    entry.truth = truth.next_state(entry.truth, elapsed, GRADE[rating]);
    entry.card = rate(entry.card, rating, new Date(now)).card;
    entry.lastReview = now;
    log.push({ cardId: entry.id, rating, reviewedAt: new Date(now) });
  };

  while (log.length < options.reviews) {
    if (random() < skipChance) {
      day += DAY_MS;
      continue;
    }
    // One evening session (17:00–21:00 UTC): a card due later than the session waits for the next one,
    // as it would for a student who studies once a day.
    let now = day + 17 * 3_600_000 + Math.floor(random() * 4 * 3_600_000);
    let newLeft = newPerDay;
    while (log.length < options.reviews) {
      let next: SimulatedCard | undefined;
      for (const entry of cards) if (entry.card.due.getTime() <= now && (!next || entry.card.due < next.card.due)) next = entry;
      if (!next && newLeft > 0) {
        newLeft -= 1;
        next = { id: `card-${cards.length + 1}`, card: newCard(new Date(now)), truth: null, lastReview: now };
        cards.push(next);
      }
      if (!next) {
        for (const entry of cards) {
          const learning = entry.card.state === "LEARNING" || entry.card.state === "RELEARNING";
          if (learning && entry.card.due.getTime() <= now + LEARN_AHEAD_MS && (!next || entry.card.due < next.card.due)) next = entry;
        }
      }
      if (!next) break;
      review(next, now);
      now += 8_000 + Math.floor(random() * 12_000);
    }
    day += DAY_MS;
  }
  return log;
}

/**
 * Plausible true weights unlike the defaults: initial stabilities scaled together by 0.3–3× (log-uniform,
 * a little jitter each, kept ascending as fsrs-rs keeps them), the decay w20 anywhere in ts-fsrs's range
 * 0.1–0.8, the recall-growth weight w8 shifted by up to ±0.4 and the difficulty weights w4–w6 by a little.
 * Clipped to ts-fsrs's ranges, so the scheduler would accept them as they are.
 */
export function perturbParameters(seed: number): number[] {
  const random = seededRandom(seed ^ 0x5eed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const w = [...default_w];
  const scale = Math.exp(between(Math.log(0.3), Math.log(3)));
  const initial = [0, 1, 2, 3].map((i) => Math.max(0.1, w[i]! * scale * between(0.8, 1.25))).sort((a, b) => a - b);
  initial.forEach((s, i) => (w[i] = s));
  w[20] = between(0.1, 0.8);
  w[8] = w[8]! + between(-0.4, 0.4);
  w[4] = w[4]! + between(-1, 1);
  w[5] = w[5]! * between(0.8, 1.2);
  w[6] = w[6]! * between(0.8, 1.2);
  return clipParameters(w, 1, true);
}
