import "server-only";
// The mistakes queue: quiz questions a student got wrong, scheduled by the same FSRS model as the
// flashcards. Fed by quiz submissions and practice answers (in their transactions); reviewed through
// the deck functions in data.ts.
import { db } from "../db";
import type { DbTransaction } from "../db-client";
import { assertRole, ROLES, type SessionUser } from "../auth/roles";
import { Prisma } from "../generated/prisma/client";
import { rowSnapshot } from "./data";
import { newCard, rate, snapshotToJson, type CardSnapshot, type CardState } from "./fsrs";

/**
 * Feeds a submitted attempt's results into the student's mistakes queue, in the submission's
 * transaction: a wrong answer adds the question (rated Again), a right answer to a question already in
 * the queue rates it Good. Two statements whatever the number of questions (it runs on every submission).
 */
export async function recordQuizOutcomes(tx: DbTransaction, userId: string, lectureId: string, outcomes: { questionId: string; correct: boolean }[], now: Date, keyPrefix: string): Promise<void> {
  if (outcomes.length === 0) return;
  const existing = await tx.$queryRaw<(Omit<CardSnapshot, "state"> & { id: string; questionId: string; state: CardState })[]>`
    SELECT id, question_id AS "questionId", due, stability, difficulty, elapsed_days AS "elapsedDays", scheduled_days AS "scheduledDays",
      learning_steps AS "learningSteps", reps, lapses, state::text AS state, last_review AS "lastReview"
    FROM review_cards WHERE user_id = ${userId} AND kind = 'MISTAKE' AND question_id IN (${Prisma.join(outcomes.map((o) => o.questionId))})`;
  const byQuestion = new Map(existing.map((row) => [row.questionId, row]));
  const rows: Prisma.Sql[] = [];
  for (const outcome of outcomes) {
    const row = byQuestion.get(outcome.questionId);
    if (!row && outcome.correct) continue;
    const before = row ? rowSnapshot(row) : newCard(now);
    const { card, log } = rate(before, outcome.correct ? "GOOD" : "AGAIN", now);
    rows.push(
      Prisma.sql`(${row?.id ?? `rm_${userId}_${outcome.questionId}`}, ${outcome.questionId}, ${card.due}::timestamp, ${card.stability}::float8, ${card.difficulty}::float8,
        ${card.elapsedDays}::int, ${card.scheduledDays}::int, ${card.learningSteps}::int, ${card.reps}::int, ${card.lapses}::int, ${card.state}::"CardState", ${card.lastReview}::timestamp,
        ${log.rating}::"Rating", ${log.state}::"CardState", ${log.due}::timestamp, ${log.stability}::float8, ${log.difficulty}::float8, ${log.elapsedDays}::int, ${log.lastElapsedDays}::int,
        ${log.scheduledDays}::int, ${log.learningSteps}::int, ${JSON.stringify(snapshotToJson(before))}::jsonb, ${`${userId}:${keyPrefix}:${outcome.questionId}`})`,
    );
  }
  if (rows.length === 0) return;
  // Cards and their logs in one statement: the log rows reference cards inserted by the same statement
  // (foreign keys are checked at its end).
  await tx.$executeRaw`
    WITH v (id, question_id, due, s, d, e, sd, ls, reps, lapses, state, lr, rating, log_state, log_due, log_s, log_d, log_e, log_le, log_sd, log_ls, previous, key) AS (VALUES ${Prisma.join(rows)}),
    cards AS (
      INSERT INTO review_cards (id, user_id, kind, question_id, lecture_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at, updated_at)
      SELECT id, ${userId}, 'MISTAKE', question_id, ${lectureId}, due, s, d, e, sd, ls, reps, lapses, state, lr, now(), now() FROM v
      ON CONFLICT (id) DO UPDATE SET due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
        scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses, state = excluded.state,
        last_review = excluded.last_review, updated_at = now()
      RETURNING id
    )
    INSERT INTO review_logs (id, user_id, review_card_id, rating, state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, previous_card, idempotency_key)
    SELECT 'rl_' || md5(v.key), ${userId}, v.id, v.rating, v.log_state, v.log_due, v.log_s, v.log_d, v.log_e, v.log_le, v.log_sd, v.log_ls, ${now}::timestamp, v.previous, v.key
    FROM v JOIN cards ON cards.id = v.id
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/** How many questions are in the student's mistakes queue for a lecture (for the deck switcher). */
export async function countMistakes(user: SessionUser, lectureId: string): Promise<number> {
  assertRole(user, ROLES);
  return db.reviewCard.count({ where: { userId: user.id, lectureId, kind: "MISTAKE", questionId: { not: null } } });
}
