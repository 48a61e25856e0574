import "server-only";

import { liveSessionSql } from "../../auth/session-claims";
import type { AttemptStatus, QuestionType } from "../../generated/prisma/enums";

// The quiz's raw SQL, each statement with the row type it returns: the save (the benchmarked hot
// path), starting an attempt, the attempt page's read and the submission's steps, written by hand to
// keep their round trips few. Statements only:
// who may run them is checked by the callers, which always pass the attempt's owner (user_id).
// Timestamps are `timestamp without time zone` columns holding UTC, as Prisma writes them: values
// are passed as ISO strings (the cast drops the "Z") and read back as UTC instants.

// One statement on the hot path. The attempt row is share-locked, so a submission in progress is
// waited for and none can start mid-save. Every rule is a condition of the update:
// - the student's own attempt, still open, within its time; the question in it; for a choice, the
//   chosen keys among its options (one key unless it is a multiple-answer question) and no text;
//   for any other type, no keys (its answer is the text);
// - when a session id is given, that session of the student is live (liveSessionSql): the action
//   checks the session here rather than in a round trip of its own;
// - optimistic concurrency: the answer must still be at the revision the page based its change on
//   (save_seq is a revision counter the server bumps), and the request must not be one already
//   applied (same idempotency key);
// - time spent is the page's claim capped by the server's clock: no more than has passed since the
//   attempt's previous save of any question (or its start). Two saves of one attempt running at the
//   same instant (two devices) each see the same previous save; the page itself sends one at a time.
// $1 attempt id, $2 user id, $3 chosen keys, $4 flagged, $5 idempotency key, $6 base revision,
// $7 time spent claimed (ms), $8 position, $9 session id (null: the caller checked the session),
// $10 the answer's text (short answer, numerical, essay; a JSON list for matching and cloze) or null.
export const SAVE_ANSWER_SQL = `
WITH attempt AS (
  SELECT a.id,
    now() AT TIME ZONE 'UTC' AS now_utc,
    greatest(a.started_at, (SELECT max(s.saved_at) FROM responses AS s WHERE s.attempt_id = a.id)) AS since
  FROM attempts AS a
  WHERE a.id = $1 AND a.user_id = $2 AND a.status = 'IN_PROGRESS'
    AND (a.deadline_at IS NULL OR a.deadline_at > now() AT TIME ZONE 'UTC')
    AND ($9::text IS NULL OR EXISTS (SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE ${liveSessionSql("$9", "$2")}))
  FOR SHARE OF a
)
UPDATE responses AS r SET
  chosen_option_keys = $3::text[],
  answer_text = $10::text,
  flagged = $4,
  saved_at = attempt.now_utc,
  last_save_key = $5,
  save_seq = r.save_seq + 1,
  time_spent_ms = r.time_spent_ms + greatest(0, least($7::int, floor(extract(epoch FROM attempt.now_utc - attempt.since) * 1000)))::int
FROM attempt, question_versions AS qv
WHERE r.attempt_id = attempt.id AND r.position = $8 AND qv.id = r.question_version_id
  AND r.save_seq = $6::bigint AND r.last_save_key IS DISTINCT FROM $5
  AND CASE WHEN qv.type IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE')
    THEN $10::text IS NULL AND $3::text[] <@ r.option_order AND (cardinality($3::text[]) <= 1 OR qv.type = 'MULTIPLE_CHOICE')
    ELSE cardinality($3::text[]) = 0 END
RETURNING r.save_seq::text AS revision, r.saved_at AT TIME ZONE 'UTC' AS saved_at`;

export interface SavedAnswerRow extends Record<string, unknown> {
  revision: string;
  saved_at: Date;
}

// Flips the owner's attempt to SUBMITTED, only while it is in progress: the update takes the row
// lock, so of two concurrent submissions (or a save finding it overdue, and the sweep) one flips and
// the others find nothing to do. It is recorded as submitted when it was, but never after its
// deadline: an attempt closed late counts as of its deadline (attemptState reads that as
// TIMED_OUT). $1 attempt id, $2 user id, $3 now (ISO), $4 submission key or null.
export const FLIP_TO_SUBMITTED_SQL = `
UPDATE attempts AS a SET
  status = 'SUBMITTED',
  submitted_at = least($3::timestamp, coalesce(a.deadline_at, $3::timestamp)),
  submission_key = coalesce($4::text, a.submission_key)
FROM quizzes AS q, lectures AS l
WHERE a.id = $1 AND a.user_id = $2 AND a.status = 'IN_PROGRESS' AND q.id = a.quiz_id AND l.id = q.lecture_id
RETURNING a.quiz_id AS "quizId", a.attempt_number AS "attemptNumber", a.max_score AS "maxScore",
  (extract(epoch FROM a.submitted_at) * 1000)::float8 AS "submittedMs", q.lecture_id AS "lectureId", l.slug AS "lectureSlug"`;

export interface FlippedAttemptRow {
  quizId: string;
  attemptNumber: number;
  maxScore: number;
  submittedMs: number;
  lectureId: string;
  lectureSlug: string;
}

// The next overdue attempts (in progress, deadline passed), locked for the sweep's transaction. SKIP
// LOCKED passes over an attempt whose student (or another sweep) is submitting it right now: no
// sweep waits on a student, and concurrent sweeps share the work. $1 now (ISO), $2 quiz id or null
// (every quiz), $3 how many.
export const CLAIM_OVERDUE_SQL = `
SELECT id, user_id AS "userId" FROM attempts
WHERE status = 'IN_PROGRESS' AND deadline_at <= $1::timestamp AND ($2::text IS NULL OR quiz_id = $2::text)
ORDER BY deadline_at, id LIMIT $3::int
FOR UPDATE SKIP LOCKED`;

export interface ClaimedAttemptRow {
  id: string;
  userId: string;
}

// Every response of an attempt with what scoring it needs: the answer, the options' key and the
// type's data (accepted answers, pairs, gaps). $1 attempt id.
export const SCORABLE_RESPONSES_SQL = `
SELECT r.id, r.slot_id AS "slotId", r.question_version_id AS "questionVersionId", qv.question_id AS "questionId",
  qv.type::text AS type, coalesce(r.chosen_option_keys, ARRAY[]::text[]) AS "chosenOptionKeys", r.answer_text AS "answerText",
  qv.data, r.max_mark AS "maxMark", r.time_spent_ms AS "timeSpentMs",
  (SELECT coalesce(json_agg(json_build_object('key', o.key, 'isCorrect', o.is_correct, 'fraction', o.fraction)), '[]'::json)
     FROM question_options AS o WHERE o.question_version_id = qv.id) AS options
FROM responses AS r JOIN question_versions AS qv ON qv.id = r.question_version_id
WHERE r.attempt_id = $1
ORDER BY r.position`;

export interface ScorableResponseRow {
  id: string;
  slotId: string;
  questionVersionId: string;
  questionId: string;
  type: string;
  chosenOptionKeys: string[];
  answerText: string | null;
  data: unknown;
  maxMark: number;
  timeSpentMs: number;
  options: { key: string; isCorrect: boolean; fraction: number }[];
}

// Stores every response's mark and the attempt's score in one statement.
// $1 attempt id, $2 response ids, $3 marks, $4 correctness, $5 score.
export const RECORD_MARKS_SQL = `
WITH marked AS (
  UPDATE responses AS r SET mark = v.mark, is_correct = v.ok
  FROM unnest($2::text[], $3::float8[], $4::boolean[]) AS v(id, mark, ok)
  WHERE r.id = v.id AND r.attempt_id = $1
)
UPDATE attempts SET score = $5::float8 WHERE id = $1`;

// The owner's practice session, locked for the answer being checked. $1 session id, $2 user id.
export const LOCK_PRACTICE_SESSION_SQL = `SELECT id FROM practice_sessions WHERE id = $1 AND user_id = $2 FOR UPDATE`;

export interface LockedPracticeSessionRow {
  id: string;
}

// Every student's attempts at every quiz, for the class progress table (staff only; checked by the caller).
export const CLASS_ATTEMPT_SUMMARIES_SQL = `
SELECT user_id AS "userId", quiz_id AS "quizId", count(*)::int AS attempts,
  max(CASE WHEN status = 'SUBMITTED' AND max_score > 0 THEN score / max_score END) AS best,
  max(coalesce(submitted_at, started_at)) AS "lastActiveAt"
FROM attempts GROUP BY user_id, quiz_id`;

export interface ClassAttemptSummaryRow {
  userId: string;
  quizId: string;
  attempts: number;
  best: number | null;
  lastActiveAt: Date | null;
}

// What starting an attempt needs, in one round trip: the quiz's settings (with the window in which it
// takes new attempts, as epoch milliseconds or null) and its lecture's slug, the
// student's attempt in progress (its id and deadline) if any, how many attempts they have used (and
// the last number), and the live slots in order, each with the newest version of each variant and
// that version's option keys in order. No row: no such quiz. $1 quiz id, $2 user id.
export const ATTEMPT_PLAN_SQL = `
SELECT q.attempts_allowed AS "attemptsAllowed", q.time_limit_seconds AS "timeLimitSeconds", q.shuffle_options AS "shuffleOptions",
  q.shuffle_slots AS "shuffleSlots", (extract(epoch FROM q.opens_at) * 1000)::float8 AS "opensMs", (extract(epoch FROM q.closes_at) * 1000)::float8 AS "closesMs",
  l.slug AS "lectureSlug",
  (SELECT json_build_object('id', a.id, 'deadlineMs', (extract(epoch FROM a.deadline_at) * 1000)::float8)
     FROM attempts a WHERE a.quiz_id = q.id AND a.user_id = $2 AND a.status = 'IN_PROGRESS') AS open,
  (SELECT count(*) FROM attempts a WHERE a.quiz_id = q.id AND a.user_id = $2)::int AS used,
  (SELECT max(a.attempt_number) FROM attempts a WHERE a.quiz_id = q.id AND a.user_id = $2) AS "lastNumber",
  coalesce((
    SELECT json_agg(json_build_object('id', s.id, 'maxMark', s.max_mark, 'versions', coalesce((
      SELECT json_agg(json_build_object('id', v.id, 'keys', (
        SELECT coalesce(json_agg(o.key ORDER BY o.position), '[]') FROM question_options o WHERE o.question_version_id = v.id
      )) ORDER BY sv.position)
      FROM quiz_slot_variants sv
      JOIN LATERAL (SELECT qv.id FROM question_versions qv WHERE qv.question_id = sv.question_id ORDER BY qv.version DESC LIMIT 1) v ON TRUE
      WHERE sv.slot_id = s.id
    ), '[]')) ORDER BY s.position)
    FROM quiz_slots s WHERE s.quiz_id = q.id AND s.retired_at IS NULL
  ), '[]') AS slots
FROM quizzes q JOIN lectures l ON l.id = q.lecture_id WHERE q.id = $1`;

// Creates the attempt and its planned responses in one statement. Ids are random hex (lower-case
// letters and digits, like the cuids Prisma writes elsewhere). $1 quiz id, $2 user id, $3 attempt
// number, $4 seed, $5 started at (ISO), $6 deadline (ISO) or null, $7 max score, $8 the responses as
// JSON: [{ slot_id, version_id, position, option_order, max_mark }].
export const CREATE_ATTEMPT_SQL = `
WITH attempt AS (
  INSERT INTO attempts (id, quiz_id, user_id, attempt_number, seed, started_at, deadline_at, max_score)
  VALUES (replace(gen_random_uuid()::text, '-', ''), $1, $2, $3::int, $4::int, $5::timestamp, $6::timestamp, $7::float8)
  RETURNING id
), planned AS (
  INSERT INTO responses (id, attempt_id, slot_id, question_version_id, position, option_order, max_mark)
  SELECT replace(gen_random_uuid()::text, '-', ''), attempt.id, p.slot_id, p.version_id, p.position, p.option_order, p.max_mark
  FROM attempt, jsonb_to_recordset($8::jsonb) AS p(slot_id text, version_id text, position int, option_order text[], max_mark float8)
)
SELECT id FROM attempt`;

export interface CreatedAttemptRow extends Record<string, unknown> {
  id: string;
}

export interface AttemptPlanRow extends Record<string, unknown> {
  attemptsAllowed: number | null;
  timeLimitSeconds: number | null;
  shuffleOptions: boolean;
  shuffleSlots: boolean;
  opensMs: number | null;
  closesMs: number | null;
  lectureSlug: string;
  open: { id: string; deadlineMs: number | null } | null;
  used: number;
  lastNumber: number | null;
  slots: { id: string; maxMark: number; versions: { id: string; keys: string[] }[] }[];
}

// An attempt as its owner takes it, in one round trip: its timing, quiz and lecture, and each
// response in position order with its question's type, stem and option texts by key, and for a
// matching or cloze question its data, from which the reader (data.ts) takes only the prompts,
// choices and gaps. Never selected: correctness, fractions, feedback, explanations, accepted answers
// of the other types. $1 attempt id, $2 user id.
export const ATTEMPT_FOR_TAKING_SQL = `
SELECT a.id, a.status::text AS status, a.attempt_number AS "attemptNumber", a.seed,
  a.deadline_at AT TIME ZONE 'UTC' AS "deadlineAt", a.submitted_at AT TIME ZONE 'UTC' AS "submittedAt",
  q.title AS "quizTitle", l.slug AS "lectureSlug",
  coalesce((
    SELECT json_agg(json_build_object(
      'position', r.position, 'optionOrder', r.option_order, 'chosen', r.chosen_option_keys, 'text', r.answer_text, 'flagged', r.flagged,
      'revision', r.save_seq, 'type', qv.type, 'stem', qv.stem, 'format', coalesce(qv.data->>'format', 'plain'),
      'data', CASE WHEN qv.type IN ('MATCHING', 'CLOZE') THEN qv.data END,
      'texts', (SELECT coalesce(json_object_agg(o.key, o.text), '{}') FROM question_options o WHERE o.question_version_id = qv.id)
    ) ORDER BY r.position)
    FROM responses r JOIN question_versions qv ON qv.id = r.question_version_id WHERE r.attempt_id = a.id
  ), '[]') AS questions
FROM attempts a JOIN quizzes q ON q.id = a.quiz_id JOIN lectures l ON l.id = q.lecture_id
WHERE a.id = $1 AND a.user_id = $2`;

export interface AttemptForTakingRow extends Record<string, unknown> {
  id: string;
  status: AttemptStatus;
  attemptNumber: number;
  seed: number;
  deadlineAt: Date | null;
  submittedAt: Date | null;
  quizTitle: string;
  lectureSlug: string;
  questions: {
    position: number;
    optionOrder: string[];
    chosen: string[];
    text: string | null;
    data: unknown;
    flagged: boolean;
    revision: number;
    type: QuestionType;
    stem: string;
    format: "plain" | "html";
    texts: Record<string, string>;
  }[];
}
