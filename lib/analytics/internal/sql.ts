import "server-only";
// Every raw SQL statement that reads class statistics, with the row type it returns (the writes, the
// fold's, are in write-sql.ts). The rest of lib/analytics builds on these; nothing outside
// lib/analytics runs them.
import { Prisma } from "../../generated/prisma/client";
import type { StatsView } from "../view";

export type StatScope = "FIRST" | "ALL";

// ─── the selected attempts of a view ───

/** The selected attempts of a view, as SQL (a CTE body yielding id and score). */
export function selectedAttemptsSql(quizId: string, view: StatsView): Prisma.Sql {
  const order =
    view.attempts === "last"
      ? Prisma.sql`a.attempt_number DESC`
      : view.attempts === "best"
        ? Prisma.sql`a.score DESC, a.attempt_number ASC`
        : Prisma.sql`a.attempt_number ASC`;
  const cohort = view.cohortId ? Prisma.sql`AND u.cohort_id = ${view.cohortId}` : Prisma.empty;
  const from = view.from ? Prisma.sql`AND ranked.submitted_at >= ${view.from}::timestamp` : Prisma.empty;
  const to = view.to ? Prisma.sql`AND ranked.submitted_at < ${view.to}::timestamp` : Prisma.empty;
  const which = view.attempts === "all" ? Prisma.empty : Prisma.sql`AND ranked.rn = 1`;
  // The student's first / last / best attempt is chosen among all their submitted attempts, then
  // kept if it falls in the date range.
  return Prisma.sql`
    SELECT ranked.id, ranked.score FROM (
      SELECT a.id, a.score, a.submitted_at, row_number() OVER (PARTITION BY a.user_id ORDER BY ${order}) AS rn
      FROM attempts a JOIN users u ON u.id = a.user_id
      WHERE a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.score IS NOT NULL ${cohort}
    ) ranked WHERE TRUE ${which} ${from} ${to}`;
}

/**
 * The submitted attempts not yet added to the running sums (see fold.ts), as a CTE body like
 * selectedAttemptsSql: of scope FIRST (first attempts) or ALL. The partial index
 * attempts_stats_pending_idx keeps it cheap whatever the number of attempts.
 */
export function pendingAttemptsSql(quizId: string, scope: StatScope): Prisma.Sql {
  const first = scope === "FIRST" ? Prisma.sql`AND a.attempt_number = 1` : Prisma.empty;
  return Prisma.sql`SELECT a.id, a.score FROM attempts a WHERE ${isPending(quizId)} ${first}`;
}

/** The condition of a waiting attempt (alias a), for the fold's batch too. */
export function isPending(quizId: string): Prisma.Sql {
  return Prisma.sql`a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.score IS NOT NULL AND a.stats_counted_at IS NULL`;
}

/** The given attempts (a batch the fold holds), as a CTE body like selectedAttemptsSql. */
export function attemptsByIdSql(attemptIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT a.id, a.score FROM attempts a WHERE a.id IN (${Prisma.join(attemptIds)})`;
}

// ─── the exact recompute ───

/** Answers grouped at the finest level: variant, mark x, rest score R, chosen keys; with n, ΣT, ΣT², Σ ms. */
export interface AnswerGroupRow {
  slot_id: string;
  vid: string;
  x: number;
  r: number;
  keys: string[];
  n: number;
  st: number;
  st2: number;
  ms: number;
}

/** The answers of the attempts a CTE body selects (selectedAttemptsSql, pendingAttemptsSql, …), grouped; of the given slots only, or all. */
export function answerGroupsSql(selection: Prisma.Sql, slotIds?: readonly string[]): Prisma.Sql {
  const slots = slotIds ? Prisma.sql`AND r.slot_id IN (${Prisma.join(slotIds)})` : Prisma.empty;
  return Prisma.sql`
    WITH sel AS (${selection})
    SELECT r.slot_id, r.question_version_id AS vid, r.mark::float8 AS x, (sel.score - r.mark)::float8 AS r, r.chosen_option_keys AS keys,
      count(*)::int AS n, sum(sel.score)::float8 AS st, sum(sel.score * sel.score)::float8 AS st2, sum(r.time_spent_ms)::float8 AS ms
    FROM responses r JOIN sel ON sel.id = r.attempt_id
    WHERE r.mark IS NOT NULL ${slots}
    GROUP BY 1, 2, 3, 4, 5`;
}

/** answerGroupsSql split by whether the answer is in a first attempt (the selection yields id, score, first): both scopes in one pass. */
export function answerGroupsByFirstSql(selection: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selection})
    SELECT r.slot_id, r.question_version_id AS vid, r.mark::float8 AS x, (sel.score - r.mark)::float8 AS r, r.chosen_option_keys AS keys, sel.first,
      count(*)::int AS n, sum(sel.score)::float8 AS st, sum(sel.score * sel.score)::float8 AS st2, sum(r.time_spent_ms)::float8 AS ms
    FROM responses r JOIN sel ON sel.id = r.attempt_id
    WHERE r.mark IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6`;
}

/** totalSumsSql split by first attempts and the rest. */
export function totalSumsByFirstSql(selection: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selection})
    SELECT first, count(*)::int AS n, sum(score)::float8 AS s1, sum(score ^ 2)::float8 AS s2, sum(score ^ 3)::float8 AS s3, sum(score ^ 4)::float8 AS s4
    FROM sel GROUP BY first`;
}

/** Attempts by id with their first-attempt flag, for the two-scope sums. */
export function attemptsWithFirstSql(attemptIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT a.id, a.score, (a.attempt_number = 1) AS first FROM attempts a WHERE a.id = ANY(${[...attemptIds]}::text[])`;
}

/** Every submitted attempt of the quiz with its first-attempt flag. */
export function submittedWithFirstSql(quizId: string): Prisma.Sql {
  return Prisma.sql`SELECT a.id, a.score, (a.attempt_number = 1) AS first FROM attempts a WHERE a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.score IS NOT NULL`;
}

/** The power sums of the selected attempts' totals. */
export interface TotalSumsRow {
  n: number;
  s1: number | null;
  s2: number | null;
  s3: number | null;
  s4: number | null;
}

export function totalSumsSql(selection: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selection})
    SELECT count(*)::int AS n, sum(score)::float8 AS s1, sum(score ^ 2)::float8 AS s2, sum(score ^ 3)::float8 AS s3, sum(score ^ 4)::float8 AS s4 FROM sel`;
}

// ─── one slot's answers ───

/** Per variant and fifth of the class by total (q = 0 … 4): attempts (k null), and picks of option k. */
export interface SlotQuintileRow {
  vid: string;
  q: number;
  k: string | null;
  c: number;
}

export function slotQuintilesSql(quizId: string, slotId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)}),
    grouped AS (SELECT id, ntile(5) OVER (ORDER BY score) - 1 AS q FROM sel),
    resp AS (
      SELECT r.question_version_id AS vid, g.q, r.chosen_option_keys AS keys
      FROM responses r JOIN grouped g ON g.id = r.attempt_id WHERE r.slot_id = ${slotId}
    )
    SELECT vid, q::int AS q, NULL AS k, count(*)::int AS c FROM resp GROUP BY vid, q
    UNION ALL
    SELECT vid, q::int, k, count(*)::int FROM resp, unnest(keys) AS k GROUP BY vid, q, k`;
}

export interface SlotResponseRow {
  id: string;
  name: string;
  email: string;
  vid: string;
  keys: string[];
  text: string | null;
  mark: number;
  max_mark: number;
  score: number;
  ms: number;
  submitted_at: Date;
}

/** A page of a slot's answers in the view, latest first. */
export function slotResponsesSql(quizId: string, slotId: string, view: StatsView, page: number, pageSize: number): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)})
    SELECT r.id, u.name, u.email, r.question_version_id AS vid, r.chosen_option_keys AS keys, r.answer_text AS text, r.mark::float8 AS mark, r.max_mark::float8 AS max_mark,
      sel.score::float8 AS score, r.time_spent_ms AS ms, a.submitted_at
    FROM responses r JOIN sel ON sel.id = r.attempt_id JOIN attempts a ON a.id = r.attempt_id JOIN users u ON u.id = a.user_id
    WHERE r.slot_id = ${slotId} ORDER BY a.submitted_at DESC, u.name LIMIT ${pageSize} OFFSET ${page * pageSize}`;
}

export interface CountRow {
  n: number;
}

export interface ResponseClassRow {
  vid: string;
  response: string;
  c: number;
  credit: number | null;
}

/** Short-answer and numerical responses of a slot in a view, grouped by what was typed (trimmed), most frequent first. */
export function slotResponseClassesSql(quizId: string, slotId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)})
    SELECT r.question_version_id AS vid, btrim(coalesce(r.answer_text, '')) AS response, count(*)::int AS c,
      avg(r.mark / nullif(r.max_mark, 0))::float8 AS credit
    FROM responses r JOIN sel ON sel.id = r.attempt_id JOIN question_versions qv ON qv.id = r.question_version_id
    WHERE r.slot_id = ${slotId} AND qv.type IN ('SHORT_ANSWER', 'NUMERICAL')
    GROUP BY 1, 2 ORDER BY c DESC, response LIMIT 500`;
}

export interface MatchingAnswerRow {
  vid: string;
  text: string | null;
}

/** A slot's matching answers in a view (JSON lists, one choice per prompt), for the per-pair figures. */
export function slotMatchingAnswersSql(quizId: string, slotId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)})
    SELECT r.question_version_id AS vid, r.answer_text AS text
    FROM responses r JOIN sel ON sel.id = r.attempt_id JOIN question_versions qv ON qv.id = r.question_version_id
    WHERE r.slot_id = ${slotId} AND qv.type = 'MATCHING'`;
}

export function slotResponseCountSql(quizId: string, slotId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)})
    SELECT count(*)::int AS n FROM responses r JOIN sel ON sel.id = r.attempt_id WHERE r.slot_id = ${slotId}`;
}

// ─── answer-level views ───

export interface ScoreRow {
  score: number;
}

export function selectedScoresSql(quizId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`WITH sel AS (${selectedAttemptsSql(quizId, view)}) SELECT score::float8 AS score FROM sel`;
}

export interface MaxScoreRow {
  max: number | null;
}

export function maxScoreSql(quizId: string): Prisma.Sql {
  return Prisma.sql`SELECT max(max_score)::float8 AS max FROM attempts WHERE quiz_id = ${quizId}`;
}

/** Quartiles of the time spent per slot, in seconds. */
export interface SlotTimeRow {
  slot_id: string;
  q1: number;
  q2: number;
  q3: number;
  n: number;
}

export function slotTimesSql(quizId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)})
    SELECT r.slot_id, percentile_cont(0.25) WITHIN GROUP (ORDER BY r.time_spent_ms)::float8 / 1000 AS q1,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.time_spent_ms)::float8 / 1000 AS q2,
      percentile_cont(0.75) WITHIN GROUP (ORDER BY r.time_spent_ms)::float8 / 1000 AS q3, count(*)::int AS n
    FROM responses r JOIN sel ON sel.id = r.attempt_id GROUP BY r.slot_id`;
}

export interface RankedAttemptRow {
  id: string;
  score: number;
  name: string;
}

/** The selected attempts with their students' names, highest total first. */
export function rankedAttemptsSql(quizId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)})
    SELECT sel.id, sel.score::float8 AS score, u.name FROM sel JOIN attempts a ON a.id = sel.id JOIN users u ON u.id = a.user_id
    ORDER BY sel.score DESC, u.name`;
}

export interface MarkFractionRow {
  attempt_id: string;
  slot_id: string;
  frac: number | null;
}

/** The attempts' marks as fractions of each question's maximum. */
export function markFractionsSql(attemptIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.attempt_id, r.slot_id, (r.mark / NULLIF(r.max_mark, 0))::float8 AS frac FROM responses r WHERE r.attempt_id IN (${Prisma.join(attemptIds)})`;
}

export interface RightAnswerRow {
  attempt_id: string;
  slot_id: string;
  right: boolean;
}

/** Whether each selected answer has full marks (for the Rasch model). */
export function rightAnswersSql(quizId: string, view: StatsView): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (${selectedAttemptsSql(quizId, view)})
    SELECT r.attempt_id, r.slot_id, (r.mark >= r.max_mark - 1e-9) AS right FROM responses r JOIN sel ON sel.id = r.attempt_id WHERE r.mark IS NOT NULL`;
}
