import "server-only";
// The review feature's raw SQL, with its row types, in one place. The FSRS state of a card is spelled
// out once (SNAPSHOT_COLUMNS): the Prisma select, the row mapping, the SELECT, INSERT, VALUES and
// ON CONFLICT lists are all derived from it. Only lib/review/** imports this file, and it checks
// nothing: its callers have checked the viewer.
import type { db } from "../../db";
import type { DbTransaction } from "../../db-client";
import type { RawTransaction } from "../../db-pool-transaction";
import { Prisma } from "../../generated/prisma/client";
import type { CardKind } from "../../generated/prisma/enums";
import type { CardSnapshot, CardState, RatingLog } from "../fsrs";
import type { Deck } from "../queue";

type Reader = typeof db | DbTransaction;
export const CARD_KIND = { flashcards: "FLASHCARD", mistakes: "MISTAKE", own: "OWN" } as const satisfies Record<Deck, CardKind>;
/** The deck a review card is reviewed in, by its kind. */
export const DECK_OF_KIND = { FLASHCARD: "flashcards", MISTAKE: "mistakes", OWN: "own" } as const satisfies Record<CardKind, Deck>;

interface Column<F extends string> {
  field: F;
  column: string;
  /** The PostgreSQL type a value is cast to in VALUES. */
  type: string;
}

/** A card's FSRS state: field, column, type. Every list of these columns below comes from this one. */
const SNAPSHOT_COLUMNS = [
  { field: "due", column: "due", type: "timestamp" },
  { field: "stability", column: "stability", type: "float8" },
  { field: "difficulty", column: "difficulty", type: "float8" },
  { field: "elapsedDays", column: "elapsed_days", type: "int" },
  { field: "scheduledDays", column: "scheduled_days", type: "int" },
  { field: "learningSteps", column: "learning_steps", type: "int" },
  { field: "reps", column: "reps", type: "int" },
  { field: "lapses", column: "lapses", type: "int" },
  { field: "state", column: "state", type: `"CardState"` },
  { field: "lastReview", column: "last_review", type: "timestamp" },
] as const satisfies readonly Column<keyof CardSnapshot>[];

/** A rating's log: the card before it (review_logs' FSRS columns, besides reviewed_at). */
const LOG_COLUMNS = [
  { field: "rating", column: "rating", type: `"Rating"` },
  { field: "state", column: "state", type: `"CardState"` },
  { field: "due", column: "due", type: "timestamp" },
  { field: "stability", column: "stability", type: "float8" },
  { field: "difficulty", column: "difficulty", type: "float8" },
  { field: "elapsedDays", column: "elapsed_days", type: "int" },
  { field: "lastElapsedDays", column: "last_elapsed_days", type: "int" },
  { field: "scheduledDays", column: "scheduled_days", type: "int" },
  { field: "learningSteps", column: "learning_steps", type: "int" },
  { field: "retrievability", column: "retrievability", type: "float8" },
  { field: "parameterSetId", column: "parameter_set_id", type: "text" },
  { field: "desiredRetention", column: "desired_retention", type: "float8" },
] as const satisfies readonly Column<keyof RatingLog>[];

// Identifiers only, from the constant lists above: never user input.
const columnList = (columns: readonly Column<string>[], prefix = "") => Prisma.raw(columns.map((c) => prefix + c.column).join(", "));
const typedValues = <F extends string>(columns: readonly Column<F>[], values: Record<F, unknown>) =>
  Prisma.join(columns.map((c) => Prisma.sql`${values[c.field]}::${Prisma.raw(c.type)}`));
/** The snapshot's columns named as CardSnapshot's fields (the state as text). */
const SNAPSHOT_FIELDS_SQL = Prisma.raw(SNAPSHOT_COLUMNS.map((c) => `${c.column}${c.field === "state" ? "::text" : ""} AS "${c.field}"`).join(", "));
const SNAPSHOT_FROM_EXCLUDED = Prisma.raw(SNAPSHOT_COLUMNS.map((c) => `${c.column} = excluded.${c.column}`).join(", "));

/** The review card columns that make up its FSRS state (and its id), for Prisma queries. */
export const snapshotSelect = {
  id: true,
  ...(Object.fromEntries(SNAPSHOT_COLUMNS.map((c) => [c.field, true])) as Record<keyof CardSnapshot, true>),
} satisfies Prisma.ReviewCardSelect;

/** The FSRS state out of a row that has (at least) its columns: also the data of an update. */
export function snapshotOf(row: CardSnapshot): CardSnapshot {
  return Object.fromEntries(SNAPSHOT_COLUMNS.map((c) => [c.field, row[c.field]])) as unknown as CardSnapshot;
}

/** A card row read with raw SQL: its id and its FSRS state. */
export type CardRow = CardSnapshot & { id: string };

/** Creates the student's card for a flashcard, never reviewed (nothing when it exists). */
export async function insertFlashcardCard(
  tx: DbTransaction,
  card: { id: string; userId: string; flashcardId: string; lectureId: string; snapshot: CardSnapshot },
): Promise<void> {
  await tx.$executeRaw`INSERT INTO review_cards (id, user_id, kind, flashcard_id, lecture_id, ${columnList(SNAPSHOT_COLUMNS)}, created_at, updated_at)
    VALUES (${card.id}, ${card.userId}, 'FLASHCARD', ${card.flashcardId}, ${card.lectureId}, ${typedValues(SNAPSHOT_COLUMNS, card.snapshot)}, now(), now())
    ON CONFLICT (user_id, flashcard_id) DO NOTHING`;
}

/** Locks and reads the student's card for an item of a deck (a flashcard's id, or a mistake card's own id). */
export async function lockDeckCard(tx: DbTransaction, userId: string, lectureId: string, deck: Deck, itemId: string): Promise<CardRow | null> {
  const column = deck === "flashcards" ? Prisma.sql`flashcard_id` : Prisma.sql`id`;
  const [row] = await tx.$queryRaw<CardRow[]>`SELECT id, ${SNAPSHOT_FIELDS_SQL} FROM review_cards
    WHERE user_id = ${userId} AND lecture_id = ${lectureId} AND kind = ${CARD_KIND[deck]}::"CardKind" AND ${column} = ${itemId} FOR UPDATE`;
  return row ?? null;
}

/** Locks a card by id (undo: nothing rates it meanwhile). */
export async function lockCard(tx: DbTransaction, cardId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM review_cards WHERE id = ${cardId} FOR UPDATE`;
}

/** The mistake cards of these (student, question) pairs, with their student. */
export function selectMistakeCardsOf(
  tx: RawTransaction,
  pairs: readonly { userId: string; questionId: string }[],
): Promise<(CardRow & { userId: string; questionId: string })[]> {
  return tx.$queryRaw`SELECT c.id, c.user_id AS "userId", c.question_id AS "questionId", ${SNAPSHOT_FIELDS_SQL}
    FROM review_cards c JOIN unnest(${pairs.map((p) => p.userId)}::text[], ${pairs.map((p) => p.questionId)}::text[]) AS p(user_id, question_id)
      ON c.user_id = p.user_id AND c.question_id = p.question_id
    WHERE c.kind = 'MISTAKE'`;
}

/** The student's mistake cards for `questionIds`. */
export function selectMistakeCards(tx: RawTransaction, userId: string, questionIds: string[]): Promise<(CardRow & { questionId: string; state: CardState })[]> {
  return tx.$queryRaw`SELECT id, question_id AS "questionId", ${SNAPSHOT_FIELDS_SQL}
    FROM review_cards WHERE user_id = ${userId} AND kind = 'MISTAKE' AND question_id = ANY(${questionIds}::text[])`;
}

/** One mistake card after a rating, with the rating's log (the card before it, for undo). */
export interface RatedMistake {
  id: string;
  /** The student whose queue it is, and the question's lecture. */
  userId: string;
  lectureId: string;
  questionId: string;
  card: CardSnapshot;
  log: RatingLog;
  previous: Record<string, unknown>;
  idempotencyKey: string;
}

/** A VALUES-like record definition of the columns, for jsonb_to_recordset: "due timestamp, stability float8, …". */
const recordColumns = (columns: readonly Column<string>[], prefix = "") => columns.map((c) => `${prefix}${c.column} ${c.type}`).join(", ");

/** The rows' record type in upsertMistakes. */
const MISTAKE_RECORD = Prisma.raw(
  `id text, user_id text, lecture_id text, question_id text, ${recordColumns(SNAPSHOT_COLUMNS)}, ${recordColumns(LOG_COLUMNS, "log_")}, previous jsonb, key text`,
);

/** One rated mistake as a JSON object keyed by its record's columns (dates as ISO strings, read back as UTC). */
function mistakeRecord(r: RatedMistake): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: r.id,
    user_id: r.userId,
    lecture_id: r.lectureId,
    question_id: r.questionId,
    previous: r.previous,
    key: r.idempotencyKey,
  };
  for (const c of SNAPSHOT_COLUMNS) record[c.column] = r.card[c.field];
  for (const c of LOG_COLUMNS) record[`log_${c.column}`] = r.log[c.field];
  return record;
}

/**
 * Inserts or updates the mistake cards and inserts their logs, in one statement whose rows travel as
 * one JSON parameter (a submission rates dozens of cards: as separate parameters they cost more CPU
 * than the rest of the submission). The log rows reference cards inserted by the same statement
 * (foreign keys are checked at its end). A log whose key exists already (a retried submission) is
 * not written again. The rows may belong to several students (a regrade).
 */
export async function upsertMistakes(tx: RawTransaction, rated: RatedMistake[], now: Date): Promise<void> {
  await tx.$executeRaw`
    WITH v AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(rated.map(mistakeRecord))}::jsonb) AS r(${MISTAKE_RECORD})),
    cards AS (
      INSERT INTO review_cards (id, user_id, kind, question_id, lecture_id, ${columnList(SNAPSHOT_COLUMNS)}, created_at, updated_at)
      SELECT id, user_id, 'MISTAKE', question_id, lecture_id, ${columnList(SNAPSHOT_COLUMNS)}, now(), now() FROM v
      ON CONFLICT (id) DO UPDATE SET ${SNAPSHOT_FROM_EXCLUDED}, updated_at = now()
      RETURNING id
    )
    INSERT INTO review_logs (id, user_id, review_card_id, ${columnList(LOG_COLUMNS)}, reviewed_at, previous_card, idempotency_key)
    SELECT 'rl_' || md5(v.key), v.user_id, v.id, ${columnList(LOG_COLUMNS, "v.log_")}, ${now}::timestamp, v.previous, v.key
    FROM v JOIN cards ON cards.id = v.id
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/** One deck of one lecture, counted for a student (see deckCountsOf in ../summaries.ts). */
export interface DeckCountRow {
  lectureId: string;
  deck: Deck;
  total: number;
  dueToday: number;
  learning: number;
  learned: number;
  new: number;
  /** Ratings of the deck's new cards today that were not undone (0 for the mistakes deck). */
  newSeenToday: number;
}

/**
 * Every lecture's decks counted for a student in one grouped statement. The decks are those the
 * review session shows (lib/review/data.ts loadDeck): a lecture's current flashcards (NEW without a
 * card of the student's), the student's mistake cards whose question has a version, and the
 * student's own cards, one item per direction asked (lib/review/own-cards/deck.ts).
 */
export function selectDeckCounts(reader: Reader, userId: string, dayStart: Date, dayEnd: Date): Promise<DeckCountRow[]> {
  return reader.$queryRaw<DeckCountRow[]>`
    WITH deck_cards AS (
      SELECT 'flashcards' AS deck, f.lecture_id, coalesce(c.state, 'NEW') AS state, c.due
      FROM flashcards f JOIN lectures l ON l.id = f.lecture_id LEFT JOIN review_cards c ON c.flashcard_id = f.id AND c.user_id = ${userId}
      WHERE f.retired_at IS NULL AND (l.opens_at IS NULL OR l.opens_at <= ${dayEnd}::timestamp - interval '1 day')
      UNION ALL
      SELECT 'mistakes', c.lecture_id, c.state, c.due FROM review_cards c
      WHERE c.user_id = ${userId} AND c.kind = 'MISTAKE' AND c.question_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM question_versions v WHERE v.question_id = c.question_id)
      UNION ALL
      SELECT 'own', s.lecture_id, coalesce(c.state, 'NEW'), c.due
      FROM student_cards s CROSS JOIN (VALUES (false), (true)) AS d(reversed)
        LEFT JOIN review_cards c ON c.student_card_id = s.id AND c.reversed = d.reversed AND c.user_id = ${userId} AND c.kind = 'OWN'
      WHERE s.user_id = ${userId} AND (s.reversible OR NOT d.reversed)
    ),
    new_seen AS (
      SELECT c.lecture_id, CASE c.kind WHEN 'FLASHCARD' THEN 'flashcards' ELSE 'own' END AS deck, count(*)::int AS n
      FROM review_logs l JOIN review_cards c ON c.id = l.review_card_id
      WHERE l.user_id = ${userId} AND l.state = 'NEW' AND l.undone_at IS NULL AND l.reviewed_at >= ${dayStart}::timestamp AND c.kind IN ('FLASHCARD', 'OWN')
      GROUP BY 1, 2
    )
    SELECT d.lecture_id AS "lectureId", d.deck,
      count(*)::int AS total,
      (count(*) FILTER (WHERE d.state <> 'NEW' AND d.due < ${dayEnd}::timestamp))::int AS "dueToday",
      (count(*) FILTER (WHERE d.state IN ('LEARNING', 'RELEARNING')))::int AS learning,
      (count(*) FILTER (WHERE d.state = 'REVIEW'))::int AS learned,
      (count(*) FILTER (WHERE d.state = 'NEW'))::int AS new,
      coalesce(max(s.n), 0)::int AS "newSeenToday"
    FROM deck_cards d LEFT JOIN new_seen s ON s.lecture_id = d.lecture_id AND s.deck = d.deck
    GROUP BY d.lecture_id, d.deck`;
}

/** Flashcard reviews (not undone) per student and lecture, for the class progress page. */
export interface ReviewCountRow {
  userId: string;
  lectureId: string;
  reviews: number;
  lastReviewedAt: Date;
}

export function selectFlashcardReviewCounts(reader: Reader): Promise<ReviewCountRow[]> {
  return reader.$queryRaw<ReviewCountRow[]>`
    SELECT l.user_id AS "userId", c.lecture_id AS "lectureId", count(*)::int AS reviews, max(l.reviewed_at) AS "lastReviewedAt"
    FROM review_logs l JOIN review_cards c ON c.id = l.review_card_id
    WHERE l.undone_at IS NULL AND c.kind = 'FLASHCARD' GROUP BY l.user_id, c.lecture_id`;
}
