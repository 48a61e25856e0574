// The workload forecast: how many reviews a day the next 30 days bring at a given retention, from
// the student's own cards and parameters (pure and seeded, so a forecast is the same on every load).
// Each day, every card due that day is reviewed: recalled with FSRS's predicted probability (rated
// Good) or forgotten (Again, then relearned the same day), and new cards start at the daily limit.
// Averaged over several simulated runs.
import { MAX_RETENTION, MIN_RETENTION, newCard, rate, type CardSnapshot, type SchedulingProfile, recallAt } from "./fsrs";
import { DAY_MS, dayStart } from "./due-plan";
import { seededRandom } from "../random";

export const FORECAST_DAYS = 30;
/** Simulated runs averaged: 6 keep each day's figure within about ±1 review for a few hundred cards, in ~0.2 s. */
const RUNS = 6;
/** A relearning card reviewed again within the day counts once more; beyond this, the day ends. */
const MAX_STEPS_PER_DAY = 3;

export interface ForecastInput {
  /** Reviewed cards (not NEW), with their state. */
  cards: readonly CardSnapshot[];
  /** Cards never reviewed, per deck, and how many new cards each deck introduces a day. */
  newDecks: readonly { unseen: number; perDay: number; leftToday: number }[];
}

export interface ForecastSeries {
  retention: number;
  /** Reviews expected on each of the next FORECAST_DAYS days (day 0 = today), rounded to 0.1. */
  perDay: number[];
  total: number;
}

/** The retentions shown beside the student's choice: one step below and above, within bounds. */
export function neighbourRetentions(retention: number, step = 0.05): number[] {
  const round = (value: number) => Math.round(value * 100) / 100;
  const values = [round(Math.max(MIN_RETENTION, retention - step)), round(retention), round(Math.min(MAX_RETENTION, retention + step))];
  return [...new Set(values)];
}

function simulateRun(input: ForecastInput, profile: SchedulingProfile, now: Date, random: () => number): number[] {
  const perDay = new Array<number>(FORECAST_DAYS).fill(0);
  const cards = input.cards.map((card) => ({ ...card }));
  const today = dayStart(now);
  const unseen = input.newDecks.map((deck) => deck.unseen);
  for (let day = 0; day < FORECAST_DAYS; day++) {
    const dayEnd = today + (day + 1) * DAY_MS;
    // Reviews happen at midday of their day (or now, today), in due order.
    const at = new Date(day === 0 ? now.getTime() : today + day * DAY_MS + DAY_MS / 2);
    input.newDecks.forEach((deck, i) => {
      const count = Math.min(unseen[i]!, day === 0 ? deck.leftToday : deck.perDay);
      unseen[i]! -= count;
      for (let n = 0; n < count; n++) cards.push(newCard(at));
    });
    for (let i = 0; i < cards.length; i++) {
      let card = cards[i]!;
      for (let step = 0; step < MAX_STEPS_PER_DAY && card.due.getTime() < dayEnd; step++) {
        const reviewAt = new Date(Math.max(at.getTime(), card.due.getTime()));
        const recalled = card.state === "NEW" ? random() < 0.7 : random() < recallAt(card, reviewAt, profile);
        card = rate(card, recalled ? "GOOD" : "AGAIN", reviewAt, profile).card;
        perDay[day]! += 1;
      }
      cards[i] = card;
    }
  }
  return perDay;
}

/** The forecast at each of `retentions`, for the student's profile otherwise. */
export function forecastWorkload(input: ForecastInput, profile: SchedulingProfile, retentions: readonly number[], now: Date): ForecastSeries[] {
  return retentions.map((retention) => {
    const sums = new Array<number>(FORECAST_DAYS).fill(0);
    const atRetention = { ...profile, desiredRetention: retention };
    for (let run = 0; run < RUNS; run++) {
      const perDay = simulateRun(input, atRetention, now, seededRandom(1_000 + run));
      perDay.forEach((count, day) => (sums[day]! += count));
    }
    const perDay = sums.map((sum) => Math.round((sum / RUNS) * 10) / 10);
    return { retention, perDay, total: Math.round(perDay.reduce((a, b) => a + b, 0)) };
  });
}
