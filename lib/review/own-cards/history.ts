import "server-only";
// Writes own cards with their ratings as a review session would have left them: the CSV import and
// the undo of a delete build one plan (cards, review cards, their states and logs, from
// ./replay.ts), then write it in a few statements inside the caller's transaction. Ratings get keys
// derived from the card, the direction and the moment, so writing the same history twice is refused
// by the log's unique key rather than counted twice.
import type { DbTransaction } from "../../db-client";
import type { Prisma } from "../../generated/prisma/client";
import { DEFAULT_PROFILE, snapshotToJson, type CardSnapshot, type SchedulingProfile } from "../fsrs";
import { snapshotOf } from "../internal/sql";
import { ownReviewCardId } from "./item-id";
import { replayRatings, type TimedRating } from "./replay";

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest row (a log). */
const CHUNK = 1_000;

export interface HistoryPlan {
  cards: Prisma.StudentCardCreateManyInput[];
  reviewCards: Prisma.ReviewCardCreateManyInput[];
  /** Review cards that exist and get more ratings: their state after them. */
  updates: { id: string; userId: string; snapshot: CardSnapshot }[];
  logs: Prisma.ReviewLogCreateManyInput[];
  /** The student's scheduling profile: ratings are replayed as their sessions rate today. */
  profile: SchedulingProfile;
}

export const emptyPlan = (profile: SchedulingProfile = DEFAULT_PROFILE): HistoryPlan => ({ cards: [], reviewCards: [], updates: [], logs: [], profile });

/** The key of one rating of one direction of a card, the same however often the history is written. */
export function ownRatingKey(userId: string, cardId: string, reversed: boolean, reviewedAt: Date): string {
  return `${userId}:own:${cardId}:${reversed ? "r" : "f"}:${reviewedAt.getTime()}`;
}

/**
 * Adds one direction's ratings to the plan: a new review card (`existing` null) replayed from its
 * first rating, or an existing one from its current state (the ratings must all be later than its
 * last). Nothing is added without ratings: a direction never rated has no review card yet.
 */
export function planRatings(
  plan: HistoryPlan,
  target: { userId: string; lectureId: string; cardId: string; reversed: boolean },
  existing: CardSnapshot | null,
  ratings: readonly TimedRating[],
): void {
  if (ratings.length === 0) return;
  const id = ownReviewCardId(target.userId, target.cardId, target.reversed);
  const replay = replayRatings(existing, ratings, plan.profile);
  if (existing) plan.updates.push({ id, userId: target.userId, snapshot: replay.card });
  else
    plan.reviewCards.push({
      id,
      userId: target.userId,
      kind: "OWN",
      studentCardId: target.cardId,
      reversed: target.reversed,
      lectureId: target.lectureId,
      ...snapshotOf(replay.card),
    });
  for (const { before, log } of replay.ratings)
    plan.logs.push({
      userId: target.userId,
      reviewCardId: id,
      ...log,
      previousCard: snapshotToJson(before),
      idempotencyKey: ownRatingKey(target.userId, target.cardId, target.reversed, log.reviewedAt),
    });
}

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Writes the plan: cards, then their review cards and new states, then the ratings. */
export async function writeHistory(tx: DbTransaction, plan: HistoryPlan): Promise<void> {
  await inChunks(plan.cards, (data) => tx.studentCard.createMany({ data }));
  await inChunks(plan.reviewCards, (data) => tx.reviewCard.createMany({ data }));
  for (const { id, userId, snapshot } of plan.updates) await tx.reviewCard.update({ where: { id, userId }, data: snapshotOf(snapshot) });
  await inChunks(plan.logs, (data) => tx.reviewLog.createMany({ data }));
}
