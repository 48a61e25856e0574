import "server-only";
// Measured retention and calibration from the review logs. A student's figures come from their own
// rows only (user_id = the viewer, in the query), tallied in Node by ./measures.ts; the class's come
// from one grouped statement per lecture, so no student's rows leave the database, and figures that
// fewer than CLASS_MIN_STUDENTS students stand behind are withheld (and left out of every total).
import { db } from "../../db";
import { assertRole, ROLES, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { Prisma } from "../../generated/prisma/client";
import {
  DEFAULT_DESIRED_RETENTION,
  DEFAULT_FORGETTING_CURVE,
  MATURE_INTERVAL_DAYS,
  summarizeRetention,
  tallyReviews,
  type CardKind,
  type DeckKey,
  type DeckRetention,
  type Maturity,
  type ReviewRow,
  type Tallies,
} from "./measures";

/** A class figure is shown only when at least this many students' reviews make it. */
export const CLASS_MIN_STUDENTS = 5;

export interface RetentionLecture {
  id: string;
  slug: string;
  number: number;
  title: string;
}

/** The lectures a retention page can be narrowed to (the selector needs their names only). */
export async function getRetentionLectures(viewer: Viewer): Promise<RetentionLecture[]> {
  assertRole(viewer, ROLES);
  return db.lecture.findMany({ orderBy: { number: "asc" }, select: { id: true, slug: true, number: true, title: true } });
}

export interface MyRetention {
  /** The retention the viewer asks for now (their review settings, else 90 %). */
  desiredRetention: number;
  decks: Record<DeckKey, DeckRetention>;
}

/** The viewer's own retention and calibration, in every lecture or in one, per deck and for all decks. */
export async function getMyRetention(viewer: Viewer, options: { lectureId?: string } = {}): Promise<MyRetention> {
  assertRole(viewer, ROLES);
  const lecture = options.lectureId ? Prisma.sql`AND c.lecture_id = ${options.lectureId}` : Prisma.empty;
  // Only reviews of learned cards (REVIEW state) are read: learning steps never count. The card's
  // owner is checked too, although a log's user is always its card's.
  const [rows, settings] = await Promise.all([
    db.$queryRaw<ReviewRow[]>`
      SELECT c.kind::text AS kind, l.state::text AS state, l.rating::text AS rating, l.scheduled_days AS "scheduledDays",
        l.elapsed_days AS "elapsedDays", l.stability, l.retrievability, l.desired_retention AS "desiredRetention", l.reviewed_at AS "reviewedAt"
      FROM review_logs l JOIN review_cards c ON c.id = l.review_card_id
      WHERE l.user_id = ${viewer.id} AND c.user_id = ${viewer.id} AND l.state = 'REVIEW' AND l.undone_at IS NULL ${lecture}`,
    db.reviewSettings.findUnique({ where: { userId: viewer.id }, select: { desiredRetention: true } }),
  ]);
  return {
    desiredRetention: settings?.desiredRetention ?? DEFAULT_DESIRED_RETENTION,
    decks: summarizeRetention(tallyReviews(rows)),
  };
}

export interface ClassRetention {
  lectureId: string;
  /** Distinct students whose reviews of the lecture's cards count. */
  students: number;
  /** Figures backed by fewer students are withheld. */
  minStudents: number;
  decks: Record<DeckKey, DeckRetention>;
}

interface ClassTallyRow {
  tally: "week" | "bin" | "students";
  deck: CardKind | null;
  maturity: Maturity | null;
  week: string | null;
  bin: number | null;
  reviews: number;
  recalled: number;
  /** Desired retentions (weeks) or predicted recalls (bins), summed. */
  valueSum: number;
  students: number;
}

/**
 * The class's reviews of one lecture's cards, grouped in the database into the finest tallies — per
 * deck, maturity and ISO week, and per deck and 10 % bin of predicted recall, each with its distinct
 * students — and the distinct students in all. Students only: staff's own reviews are not the class's.
 * A log without a stored prediction gets the default forgetting curve's (ts-fsrs's forgetting_curve,
 * its constants from DEFAULT_FORGETTING_CURVE; the integration tests check the two agree).
 */
function selectClassTallies(lectureId: string): Prisma.Sql {
  const { decay, factor } = DEFAULT_FORGETTING_CURVE;
  return Prisma.sql`
    WITH r AS MATERIALIZED (
      SELECT l.user_id, c.kind::text AS deck,
        CASE WHEN l.scheduled_days >= ${MATURE_INTERVAL_DAYS}::int THEN 'mature' ELSE 'young' END AS maturity,
        to_char(date_trunc('week', l.reviewed_at), 'YYYY-MM-DD') AS week,
        (l.rating <> 'AGAIN')::int AS recalled,
        coalesce(l.desired_retention, ${DEFAULT_DESIRED_RETENTION}::float8) AS desired,
        coalesce(l.retrievability, CASE WHEN l.stability > 0
          THEN power(1 + ${factor}::float8 * greatest(l.elapsed_days, 0) / l.stability, ${decay}::float8) END) AS predicted
      FROM review_cards c
        JOIN review_logs l ON l.review_card_id = c.id
        JOIN users u ON u.id = l.user_id
      WHERE c.lecture_id = ${lectureId} AND l.state = 'REVIEW' AND l.undone_at IS NULL AND u.role = 'STUDENT'
    )
    SELECT 'week' AS tally, deck, maturity, week, NULL::int AS bin,
      count(*)::int AS reviews, sum(recalled)::int AS recalled, sum(desired)::float8 AS "valueSum", count(DISTINCT user_id)::int AS students
    FROM r GROUP BY deck, maturity, week
    UNION ALL
    SELECT 'bin', deck, NULL, NULL, least(greatest(floor(predicted * 10)::int, 0), 9) AS bin,
      count(*)::int, sum(recalled)::int, sum(predicted)::float8, count(DISTINCT user_id)::int
    FROM r WHERE predicted IS NOT NULL GROUP BY deck, bin
    UNION ALL
    SELECT 'students', NULL, NULL, NULL, NULL, 0, 0, 0, count(DISTINCT user_id)::int FROM r`;
}

function talliesOf(rows: readonly ClassTallyRow[]): Tallies & { students: number } {
  const tallies: Tallies & { students: number } = { weeks: [], bins: [], students: 0 };
  for (const { tally, deck, maturity, week, bin, valueSum, ...count } of rows) {
    if (tally === "students") tallies.students = count.students;
    else if (tally === "bin") tallies.bins.push({ deck: deck!, bin: bin!, predictedSum: valueSum, ...count });
    else tallies.weeks.push({ deck: deck!, maturity: maturity!, week: week!, desiredSum: valueSum, ...count });
  }
  return tallies;
}

/** The class's retention and calibration for one lecture: aggregate figures only, no student's. Staff only. */
export async function getClassRetention(viewer: Viewer, lectureId: string): Promise<ClassRetention> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.$queryRaw<ClassTallyRow[]>(selectClassTallies(lectureId));
  const { students, ...tallies } = talliesOf(rows);
  return { lectureId, students, minStudents: CLASS_MIN_STUDENTS, decks: summarizeRetention(tallies, { minStudents: CLASS_MIN_STUDENTS }) };
}
