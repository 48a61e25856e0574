// Measured retention and calibration, from review logs. Pure: the student's page tallies its own rows
// here (tallyReviews), the class view gets the same tallies grouped by PostgreSQL (./data.ts), and both
// are turned into figures by summarizeRetention (which, for a class, withholds what too few students
// stand behind and leaves it out of every sum).
//
// Definitions (as Anki's "true retention"): a review is a rating of a card in REVIEW state (learning
// and relearning steps are not reviews); it is recalled unless rated Again; it is mature when the
// interval the card had been given (scheduled_days) was at least 21 days, else young. Weeks are ISO
// weeks in UTC: each starts on Monday 00:00 UTC and is named by that day ("2026-05-04").
import { computeDecayFactor, default_w, forgetting_curve } from "ts-fsrs";
import type { CardState, Rating } from "../fsrs";
import { calibrationBin, mergeSparseBins, sumBins, type BinCount, type Calibration } from "./calibration";
import { addCount, ratePoint, withheld, type Count, type RatePoint } from "./proportion";

export type { Calibration, CalibrationBin } from "./calibration";
export { wilsonInterval, type Count, type RatePoint } from "./proportion";

export const CARD_KINDS = ["FLASHCARD", "MISTAKE", "OWN"] as const;
export type CardKind = (typeof CARD_KINDS)[number];
/** A deck, or all of them together. */
export type DeckKey = CardKind | "ALL";
export const DECK_KEYS = ["ALL", ...CARD_KINDS] as const satisfies readonly DeckKey[];
export type Maturity = "mature" | "young";

/** The interval (days) from which a review counts as mature, as in Anki. */
export const MATURE_INTERVAL_DAYS = 21;
/** The retention a rating asked for when the log does not say (FSRS's default). */
export const DEFAULT_DESIRED_RETENTION = 0.9;
/** Mature reviews needed before the mature figure is the headline. */
export const HEADLINE_MIN_REVIEWS = 30;

/** FSRS's default forgetting curve R(t, S) = (1 + factor·t/S)^decay, for SQL that computes the same (./data.ts). */
export const DEFAULT_FORGETTING_CURVE: { decay: number; factor: number } = computeDecayFactor(default_w);

/** One rating, as review_logs keeps it (the card's state before the rating) with its card's kind. */
export interface ReviewRow {
  kind: CardKind;
  state: CardState;
  rating: Rating;
  scheduledDays: number;
  elapsedDays: number;
  stability: number;
  retrievability: number | null;
  desiredRetention: number | null;
  reviewedAt: Date;
  undoneAt?: Date | null;
}

/** Mature or young for a review of a learned card; null for a learning step (or an undone rating). */
export function maturityOf(row: Pick<ReviewRow, "state" | "scheduledDays" | "undoneAt">): Maturity | null {
  if (row.undoneAt || row.state !== "REVIEW") return null;
  return row.scheduledDays >= MATURE_INTERVAL_DAYS ? "mature" : "young";
}

/**
 * The recall FSRS predicted just before the rating: as logged, or (older rows) from the row's
 * stability and elapsed days on the default parameters' forgetting curve. Null without a stability.
 */
export function predictedRecall(row: Pick<ReviewRow, "retrievability" | "stability" | "elapsedDays">): number | null {
  if (row.retrievability !== null) return row.retrievability;
  return row.stability > 0 ? forgetting_curve(default_w, Math.max(row.elapsedDays, 0), row.stability) : null;
}

/** The Monday (UTC) of the ISO week of `date`, as "YYYY-MM-DD". */
export function isoWeekStart(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

function nextWeek(week: string): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Reviews of one deck and maturity in one ISO week. */
export interface WeekTally extends Count {
  deck: CardKind;
  maturity: Maturity;
  week: string;
  /** The sum of the retention each review asked for (its mean is desiredSum / reviews). */
  desiredSum: number;
}

/** Reviews of one deck whose predicted recall fell in one 10 % bin (0: [0, 10 %) … 9: [90 %, 100 %]). */
export interface BinTally extends BinCount {
  deck: CardKind;
}

/** The finest counts: every figure is a sum of some of them. */
export interface Tallies {
  weeks: WeekTally[];
  bins: BinTally[];
}

/** Tallies every review of a learned card per deck, maturity and week, and per deck and bin of predicted recall. */
export function tallyReviews(rows: readonly ReviewRow[]): Tallies {
  const weeks = new Map<string, WeekTally>();
  const bins = new Map<string, BinTally>();
  for (const row of rows) {
    const maturity = maturityOf(row);
    if (!maturity) continue;
    const recalled = row.rating === "AGAIN" ? 0 : 1;
    const week = isoWeekStart(row.reviewedAt);
    const key = `${row.kind}|${maturity}|${week}`;
    const cell = weeks.get(key) ?? { deck: row.kind, maturity, week, reviews: 0, recalled: 0, desiredSum: 0 };
    addCount(cell, { reviews: 1, recalled }).desiredSum += row.desiredRetention ?? DEFAULT_DESIRED_RETENTION;
    weeks.set(key, cell);
    const predicted = predictedRecall(row);
    if (predicted === null) continue;
    const bin = calibrationBin(predicted);
    const count = bins.get(`${row.kind}|${bin}`) ?? { deck: row.kind, bin, reviews: 0, recalled: 0, predictedSum: 0 };
    addCount(count, { reviews: 1, recalled }).predictedSum += predicted;
    bins.set(`${row.kind}|${bin}`, count);
  }
  return { weeks: [...weeks.values()], bins: [...bins.values()] };
}

export interface WeekRow {
  week: string;
  mature: RatePoint;
  young: RatePoint;
  /** The mean retention the week's (shown) reviews asked for. */
  desired: number | null;
}

export type Headline =
  | { kind: "mature"; rate: number; interval: [number, number]; reviews: number }
  | { kind: "too-few-mature"; reviews: number; needed: number }
  | { kind: "withheld" };

export interface DeckRetention {
  deck: DeckKey;
  /** Every ISO week from the first review to the last (weeks without reviews included, with no rate). */
  weeks: WeekRow[];
  mature: RatePoint;
  young: RatePoint;
  headline: Headline;
  /** The mean retention the deck's (shown) reviews asked for. */
  desired: number | null;
  calibration: Calibration;
}

export interface SummaryOptions {
  /** A class view: withhold any figure backed by fewer distinct students. */
  minStudents?: number;
  headlineMinReviews?: number;
  minBinReviews?: number;
}

type Cell = Count & { desiredSum: number };
const ALL_WEEKS = "*";

/**
 * Every figure's counts, keyed "deck|maturity|week" (deck ALL, week "*": rolled up). A rollup is the
 * sum of the shown cells only: a class figure never includes a withheld cell, so none can be found by
 * subtracting one shown figure from another. A rollup of withheld cells only is withheld.
 */
function rollUp(weeks: readonly WeekTally[], minStudents: number | undefined): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const withheldParts = new Set<string>();
  const add = (key: string, part: WeekTally) => {
    const cell = cells.get(key) ?? { reviews: 0, recalled: 0, desiredSum: 0 };
    addCount(cell, part).desiredSum += part.desiredSum;
    cells.set(key, cell);
  };
  for (const tally of weeks) {
    add(`${tally.deck}|${tally.maturity}|${tally.week}`, tally);
    const rollups = [`ALL|${tally.maturity}|${tally.week}`, `${tally.deck}|${tally.maturity}|${ALL_WEEKS}`, `ALL|${tally.maturity}|${ALL_WEEKS}`];
    for (const key of rollups) {
      if (withheld(tally, minStudents)) withheldParts.add(key);
      else add(key, tally);
    }
  }
  for (const key of withheldParts) if (!cells.has(key)) cells.set(key, { reviews: 0, recalled: 0, desiredSum: 0, withheld: true });
  return cells;
}

function meanDesired(cells: (Cell | undefined)[], minStudents: number | undefined): number | null {
  const shown = cells.filter((c): c is Cell => !!c && !withheld(c, minStudents));
  const reviews = shown.reduce((n, c) => n + c.reviews, 0);
  return reviews > 0 ? shown.reduce((n, c) => n + c.desiredSum, 0) / reviews : null;
}

function headlineOf(mature: RatePoint, needed: number): Headline {
  if (mature.hidden) return { kind: "withheld" };
  if (mature.reviews < needed || mature.rate === null) return { kind: "too-few-mature", reviews: mature.reviews, needed };
  return { kind: "mature", rate: mature.rate, interval: mature.interval!, reviews: mature.reviews };
}

function summarizeDeck(deck: DeckKey, cells: Map<string, Cell>, calibration: Calibration, options: SummaryOptions): DeckRetention {
  const { minStudents } = options;
  const cell = (maturity: Maturity, week: string) => cells.get(`${deck}|${maturity}|${week}`);
  const named = [...cells.keys()]
    .map((key) => key.split("|"))
    .flatMap(([d, , week]) => (d === deck && week !== ALL_WEEKS ? [week!] : []))
    .sort();
  const weeks: WeekRow[] = [];
  for (let week = named[0]; week && week <= named.at(-1)!; week = nextWeek(week)) {
    const [m, y] = [cell("mature", week), cell("young", week)];
    weeks.push({ week, mature: ratePoint(m, minStudents), young: ratePoint(y, minStudents), desired: meanDesired([m, y], minStudents) });
  }
  const [m, y] = [cell("mature", ALL_WEEKS), cell("young", ALL_WEEKS)];
  const mature = ratePoint(m, minStudents);
  return {
    deck,
    weeks,
    mature,
    young: ratePoint(y, minStudents),
    headline: headlineOf(mature, options.headlineMinReviews ?? HEADLINE_MIN_REVIEWS),
    desired: meanDesired([m, y], minStudents),
    calibration,
  };
}

/** Every deck's figures, and all decks' together, from the finest tallies. */
export function summarizeRetention(tallies: Tallies, options: SummaryOptions = {}): Record<DeckKey, DeckRetention> {
  const cells = rollUp(tallies.weeks, options.minStudents);
  const binOptions = { minStudents: options.minStudents, minBinReviews: options.minBinReviews };
  const perDeck = new Map(
    CARD_KINDS.map((kind) => [
      kind,
      mergeSparseBins(
        tallies.bins.filter((b) => b.deck === kind),
        binOptions,
      ),
    ]),
  );
  // All decks' calibration adds up the bins each deck shows (a withheld bin stays out of it too).
  const all = mergeSparseBins(sumBins(CARD_KINDS.flatMap((kind) => perDeck.get(kind)!.shownCounts)), binOptions);
  return Object.fromEntries(
    DECK_KEYS.map((deck) => [deck, summarizeDeck(deck, cells, deck === "ALL" ? all.calibration : perDeck.get(deck)!.calibration, options)]),
  ) as Record<DeckKey, DeckRetention>;
}
