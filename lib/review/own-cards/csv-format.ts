// The own-cards CSV: a student's cards with their review history, in one file they can keep, open in
// a spreadsheet and import again (pure: the writer and the columns; the reader is ./csv-read.ts).
//
// UTF-8 with a byte-order mark (so spreadsheets read the accents), comma separated, one header line,
// then a "card" row for each card followed by a "review" row for each of its ratings (undone ones
// left out), oldest first:
//
//   record       card | review
//   card_id      the card's id; a review row names the card it rates
//   lecture      card rows: the lecture's slug (as in its address, /lectures/<slug>)
//   section      card rows: the key of the notes section it belongs to, or empty
//   reversible   card rows: yes (also asked the other way round) or no
//   created_at   card rows: when it was written, ISO 8601 in UTC; empty on import means now
//   front, back  card rows: the card's text
//   direction    review rows: forward (front asked) or reverse (back asked)
//   rating       review rows: again, hard, good or easy
//   reviewed_at  review rows: when, ISO 8601 in UTC with milliseconds
//
// A text cell a spreadsheet could run as a formula (starting with = + - @, a tab or a line break) is
// written with a leading ' (lib/csv/cells.ts), which the import removes again.
import { csvLine } from "../../csv/cells";
import type { Rating } from "../fsrs";

export const OWN_CARDS_CSV_COLUMNS = [
  "record",
  "card_id",
  "lecture",
  "section",
  "reversible",
  "created_at",
  "front",
  "back",
  "direction",
  "rating",
  "reviewed_at",
] as const;
export type OwnCardsCsvColumn = (typeof OWN_CARDS_CSV_COLUMNS)[number];

/** Each column in words, for the page that offers the download (the comment above, for people). */
export const OWN_CARDS_CSV_GLOSSARY: Record<OwnCardsCsvColumn, string> = {
  record: "card or review",
  card_id: "the card's id; a review row names the card it rates",
  lecture: "the lecture's slug (card rows)",
  section: "the notes section's key, or empty (card rows)",
  reversible: "yes or no: also asked the other way round (card rows)",
  created_at: "when the card was written, ISO 8601 UTC (card rows)",
  front: "the card's front (card rows)",
  back: "the card's back (card rows)",
  direction: "forward or reverse (review rows)",
  rating: "again, hard, good or easy (review rows)",
  reviewed_at: "when you rated it, ISO 8601 UTC (review rows)",
};

/** What one import may hold (the upload route refuses a larger body before reading it). */
export const IMPORT_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  /** Rows besides the header: cards and reviews together. */
  maxRows: 20_000,
  maxCards: 5_000,
  /** One row's characters: a front and a back at their longest, quoted, fit several times over. */
  maxRecordChars: 32_000,
  /** Problems reported at most (the rest are counted). */
  maxProblems: 50,
} as const;

export const DIRECTIONS = { forward: false, reverse: true } as const;
export const directionOf = (reversed: boolean) => (reversed ? "reverse" : "forward");

export interface CsvReview {
  reversed: boolean;
  rating: Rating;
  reviewedAt: Date;
}

export interface CsvCard {
  id: string;
  lectureSlug: string;
  sectionKey: string | null;
  reversible: boolean;
  createdAt: Date;
  front: string;
  back: string;
  reviews: CsvReview[];
}

type Row = Record<OwnCardsCsvColumn, string>;
const EMPTY_ROW: Row = Object.fromEntries(OWN_CARDS_CSV_COLUMNS.map((c) => [c, ""])) as Row;

/** One card's rows: the card, then its reviews by time (forward before reverse at the same instant). */
export function cardRows(card: CsvCard): Row[] {
  const reviews = [...card.reviews].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || Number(a.reversed) - Number(b.reversed));
  return [
    {
      ...EMPTY_ROW,
      record: "card",
      card_id: card.id,
      lecture: card.lectureSlug,
      section: card.sectionKey ?? "",
      reversible: card.reversible ? "yes" : "no",
      created_at: card.createdAt.toISOString(),
      front: card.front,
      back: card.back,
    },
    ...reviews.map((review) => ({
      ...EMPTY_ROW,
      record: "review",
      card_id: card.id,
      direction: directionOf(review.reversed),
      rating: review.rating.toLowerCase(),
      reviewed_at: review.reviewedAt.toISOString(),
    })),
  ];
}

/** The whole file, header first, formulas neutralised. */
export function writeOwnCardsCsv(cards: readonly CsvCard[]): string {
  const lines = [csvLine(OWN_CARDS_CSV_COLUMNS), ...cards.flatMap(cardRows).map((row) => csvLine(OWN_CARDS_CSV_COLUMNS.map((c) => row[c])))];
  return `\uFEFF${lines.map((line) => `${line}\n`).join("")}`;
}
