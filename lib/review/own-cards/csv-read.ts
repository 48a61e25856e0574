// Reading the own-cards CSV (the format is in ./csv-format.ts), pure: every row is checked and each
// problem names its row (the header is row 1, as a spreadsheet numbers them) and column. Whether the
// lectures and sections exist, and how the file meets the cards already in the account, is checked
// against the database in ./import.ts; nothing is written unless every row passes both.
import { parse } from "csv-parse/sync";
import { neutraliseFormulaText, restoreFormulaText } from "../../csv/cells";
import { KEY_PATTERN, RECORD_ID_PATTERN, SLUG_PATTERN } from "../../ids";
import { RATINGS, type Rating } from "../fsrs";
import { DIRECTIONS, directionOf, IMPORT_LIMITS, OWN_CARDS_CSV_COLUMNS, type OwnCardsCsvColumn } from "./csv-format";
import { cardBack, cardFront } from "./schemas";

export interface ImportProblem {
  /** The row (1 is the header); 0 for the file as a whole. */
  row: number;
  column: OwnCardsCsvColumn | null;
  message: string;
}

export interface ParsedReview {
  row: number;
  reversed: boolean;
  rating: Rating;
  reviewedAt: Date;
}

export interface ParsedCard {
  row: number;
  /** The id the file gives the card (not necessarily the id it gets in this account). */
  fileId: string;
  lectureSlug: string;
  sectionKey: string | null;
  reversible: boolean;
  createdAt: Date | null;
  front: string;
  back: string;
  reviews: ParsedReview[];
}

export type ImportProblems = { ok: false; problems: ImportProblem[] };
export type ParseResult = { ok: true; cards: ParsedCard[] } | ImportProblems;

/** "Row 4, front: …" — a problem as one sentence. */
export function describeProblem(problem: ImportProblem): string {
  const where = problem.row === 0 ? "The file" : `Row ${problem.row}${problem.column ? `, ${problem.column}` : ""}`;
  return `${where}: ${problem.message}`;
}

const fileProblem = (message: string): ImportProblems => ({ ok: false, problems: [{ row: 0, column: null, message }] });

/** The file's text: at most the size limit, and UTF-8 (a byte-order mark is dropped). */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | ImportProblems {
  if (bytes.byteLength === 0) return fileProblem("it is empty.");
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) return fileProblem(`it is larger than ${IMPORT_LIMITS.maxBytes / 1048576} MB. Split it into smaller files.`);
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return fileProblem("it is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.");
  }
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
const EARLIEST = Date.UTC(2000, 0, 1);

/** An ISO 8601 date and time with its offset ("2026-05-04T08:00:00.000Z"), or null (30 February is null too). */
export function parseTimestamp(text: string): Date | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second > 59) return null;
  const local = Date.UTC(year!, month! - 1, day!, hour!, minute!, second, match[7] ? Number(match[7].padEnd(3, "0")) : 0);
  if (new Date(local).getUTCDate() !== day) return null;
  const zone = match[8]!;
  const offsetMinutes = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return new Date(local - offsetMinutes * 60_000);
}

const BAD_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const RATING_NAMES = new Map(RATINGS.map((r) => [r.toLowerCase(), r]));

/** Reads and checks every row; the cards with their reviews, or every problem found (up to the limit). */
export function parseOwnCardsCsv(text: string, now: Date): ParseResult {
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      max_record_size: IMPORT_LIMITS.maxRecordChars,
      to: IMPORT_LIMITS.maxRows + 2,
    }) as unknown as typeof records; // with `info`, each record comes with its position
  } catch (error) {
    const e = error as { code?: string; records?: number };
    const row = (e.records ?? 0) + 1;
    if (e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH")
      return { ok: false, problems: [{ row, column: null, message: "it has a different number of cells than the header." }] };
    if (e.code === "CSV_MAX_RECORD_SIZE") return { ok: false, problems: [{ row, column: null, message: "it is too long for one card." }] };
    if (e.code === "CSV_QUOTE_NOT_CLOSED") return { ok: false, problems: [{ row, column: null, message: "a quoted cell is never closed." }] };
    return { ok: false, problems: [{ row, column: null, message: "it cannot be read as CSV." }] };
  }
  if (records.length === 0) return fileProblem("it has no header. The first row names the columns: " + OWN_CARDS_CSV_COLUMNS.join(", ") + ".");
  if (records.length > IMPORT_LIMITS.maxRows + 1) return fileProblem(`it has more than ${IMPORT_LIMITS.maxRows.toLocaleString("en-US")} rows. Split it.`);

  const header = records[0]!.record.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(OWN_CARDS_CSV_COLUMNS as readonly string[]).includes(h));
  const missing = OWN_CARDS_CSV_COLUMNS.filter((c) => !header.includes(c));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      unknown.length ? `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `“${u}”`).join(", ")}` : "",
      missing.length ? `missing ${missing.join(", ")}` : "",
      repeated.length ? `repeated ${repeated.join(", ")}` : "",
    ].filter(Boolean);
    return { ok: false, problems: [{ row: 1, column: null, message: `${parts.join("; ")}. The columns are ${OWN_CARDS_CSV_COLUMNS.join(", ")}.` }] };
  }
  const index = new Map(header.map((h, i) => [h as OwnCardsCsvColumn, i]));

  const problems: ImportProblem[] = [];
  let more = 0;
  const fail = (row: number, column: OwnCardsCsvColumn | null, message: string) => {
    if (problems.length < IMPORT_LIMITS.maxProblems) problems.push({ row, column, message });
    else more += 1;
  };
  const cards = new Map<string, ParsedCard>();
  /** Cards whose row has a problem: their reviews are not checked against them (the row's problem says enough). */
  const refused = new Set<string>();
  const reviewRows: { row: number; cell: (c: OwnCardsCsvColumn) => string }[] = [];

  for (const { record, info } of records.slice(1)) {
    const row = info.records;
    const raw = (column: OwnCardsCsvColumn) => record[index.get(column)!] ?? "";
    const badColumn = OWN_CARDS_CSV_COLUMNS.find((c) => BAD_CHARACTER.test(raw(c)));
    if (badColumn) {
      fail(row, badColumn, "it holds a character that cannot be stored (a NUL byte or broken Unicode).");
      continue;
    }
    const cell = (column: OwnCardsCsvColumn) => raw(column).trim();
    const kind = cell("record").toLowerCase();
    if (kind === "review") reviewRows.push({ row, cell });
    else if (kind === "card") {
      if (!readCard(row, raw, cell, now, cards, fail)) refused.add(cell("card_id"));
    } else fail(row, "record", `must be card or review, not “${cell("record").slice(0, 40)}”.`);
  }
  if (cards.size > IMPORT_LIMITS.maxCards) fail(0, null, `it has more than ${IMPORT_LIMITS.maxCards.toLocaleString("en-US")} cards. Split it.`);
  if (cards.size === 0 && problems.length === 0) fail(0, null, "it has no card rows.");

  const seen = new Map<string, number>();
  for (const { row, cell } of reviewRows) {
    const card = cards.get(cell("card_id"));
    if (!card && refused.has(cell("card_id"))) continue;
    if (!card) {
      fail(row, "card_id", `names card “${cell("card_id").slice(0, 64)}”, which has no card row in this file.`);
      continue;
    }
    const direction = cell("direction").toLowerCase();
    const rating = RATING_NAMES.get(cell("rating").toLowerCase());
    const reviewedAt = parseTimestamp(cell("reviewed_at"));
    if (direction !== "forward" && direction !== "reverse") fail(row, "direction", "must be forward or reverse.");
    else if (direction === "reverse" && !card.reversible)
      fail(row, "direction", `is reverse, but card ${card.fileId} is not reversible (its card row, row ${card.row}, says no).`);
    if (!rating) fail(row, "rating", "must be again, hard, good or easy.");
    if (!reviewedAt) fail(row, "reviewed_at", "must be a date and time such as 2026-05-04T08:00:00.000Z.");
    else if (reviewedAt.getTime() > now.getTime() || reviewedAt.getTime() < EARLIEST) fail(row, "reviewed_at", "is in the future or before the year 2000.");
    if ((direction !== "forward" && direction !== "reverse") || !rating || !reviewedAt) continue;
    const reversed = DIRECTIONS[direction];
    const key = `${card.fileId}|${reversed}|${reviewedAt.getTime()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(row, "reviewed_at", `repeats row ${earlier}: card ${card.fileId} has one ${directionOf(reversed)} rating at that moment.`);
      continue;
    }
    seen.set(key, row);
    card.reviews.push({ row, reversed, rating, reviewedAt });
  }
  // In row order, as the file reads (the whole file's problems last).
  problems.sort((a, b) => (a.row || Infinity) - (b.row || Infinity));
  if (more > 0) problems.push({ row: 0, column: null, message: `and ${more} more problem${more > 1 ? "s" : ""}.` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cards: [...cards.values()] };
}

/** A text cell: a formula a spreadsheet would run is refused; our own neutralising quote is removed. */
function textCell(raw: string): { ok: true; text: string } | { ok: false } {
  if (neutraliseFormulaText(raw) !== raw && !raw.startsWith("'")) return { ok: false };
  return { ok: true, text: restoreFormulaText(raw) };
}

function readCard(
  row: number,
  raw: (column: OwnCardsCsvColumn) => string,
  cell: (column: OwnCardsCsvColumn) => string,
  now: Date,
  cards: Map<string, ParsedCard>,
  fail: (row: number, column: OwnCardsCsvColumn | null, message: string) => void,
): boolean {
  let failed = false;
  const check = (ok: boolean, column: OwnCardsCsvColumn, message: string) => {
    if (!ok) {
      failed = true;
      fail(row, column, message);
    }
  };
  const fileId = cell("card_id");
  const duplicate = cards.get(fileId);
  check(RECORD_ID_PATTERN.test(fileId), "card_id", "must be lower-case letters and digits, at most 64.");
  check(!duplicate, "card_id", `repeats the card of row ${duplicate?.row}.`);
  check(SLUG_PATTERN.test(cell("lecture")), "lecture", "must be a lecture's slug, as in its address /lectures/<slug>.");
  const section = cell("section");
  check(section === "" || (section.length <= 120 && KEY_PATTERN.test(section)), "section", "must be the key of a section of the lecture's notes, or empty.");
  const reversible = cell("reversible").toLowerCase();
  check(["yes", "no", "true", "false"].includes(reversible), "reversible", "must be yes or no.");
  const createdAt = cell("created_at") === "" ? null : parseTimestamp(cell("created_at"));
  check(
    cell("created_at") === "" || (createdAt !== null && createdAt.getTime() <= now.getTime()),
    "created_at",
    "must be a past date and time such as 2026-05-04T08:00:00.000Z, or empty.",
  );
  const texts = { front: cardFront, back: cardBack } as const;
  const values: Partial<Record<keyof typeof texts, string>> = {};
  for (const column of ["front", "back"] as const) {
    const text = textCell(raw(column));
    if (!text.ok) {
      check(false, column, "starts with = + - @ or a control character, which a spreadsheet runs as a formula. Start it with ' to keep it as text.");
      continue;
    }
    const parsed = texts[column].safeParse(text.text);
    if (parsed.success) values[column] = parsed.data;
    else check(false, column, parsed.error.issues[0]!.message);
  }
  if (failed) return false;
  cards.set(fileId, {
    row,
    fileId,
    lectureSlug: cell("lecture"),
    sectionKey: section === "" ? null : section,
    reversible: reversible === "yes" || reversible === "true",
    createdAt,
    front: values.front!,
    back: values.back!,
    reviews: [],
  });
  return true;
}
