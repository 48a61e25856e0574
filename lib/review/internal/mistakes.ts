import "server-only";
// The mistakes queue: quiz questions a student got wrong, scheduled by the same FSRS model as the
// flashcards. Fed by quiz submissions and practice answers (in their transactions, for the student
// whose answers they are: this write checks no viewer itself); reviewed through lib/review/data.ts.
import type { RawTransaction } from "../../db-pool-transaction";
import { withPlannedDue } from "../due-plan";
import { DEFAULT_PROFILE, newCard, rate, snapshotToJson } from "../fsrs";
import { loadPlanContext, loadProfile, loadProfiles } from "./context";
import { selectMistakeCards, selectMistakeCardsOf, snapshotOf, upsertMistakes, type RatedMistake } from "./sql";

/**
 * Feeds a submitted attempt's results into the student's mistakes queue, in the submission's
 * transaction: a wrong answer adds the question (rated Again), a right answer to a question already in
 * the queue rates it Good. Two statements whatever the number of questions (it runs on every submission).
 */
export async function recordQuizOutcomes(
  tx: RawTransaction,
  userId: string,
  lectureId: string,
  outcomes: { questionId: string; correct: boolean }[],
  now: Date,
  keyPrefix: string,
): Promise<void> {
  if (outcomes.length === 0) return;
  const existing = await selectMistakeCards(
    tx,
    userId,
    outcomes.map((o) => o.questionId),
  );
  const byQuestion = new Map(existing.map((row) => [row.questionId, row]));
  if (!outcomes.some((o) => !o.correct || byQuestion.has(o.questionId))) return;
  const profile = await loadProfile(tx, userId);
  const rated: RatedMistake[] = [];
  for (const outcome of outcomes) {
    const row = byQuestion.get(outcome.questionId);
    if (!row && outcome.correct) continue;
    const before = row ? snapshotOf(row) : newCard(now);
    const { card, log } = rate(before, outcome.correct ? "GOOD" : "AGAIN", now, profile);
    rated.push({
      id: row?.id ?? `rm_${userId}_${outcome.questionId}`,
      userId,
      lectureId,
      questionId: outcome.questionId,
      card,
      log,
      previous: snapshotToJson(before),
      idempotencyKey: `${userId}:${keyPrefix}:${outcome.questionId}`,
    });
  }
  if (rated.length === 0) return;
  // A question answered right again may graduate to days ahead: exams and the daily load decide its day.
  if (rated.some((r) => r.card.state === "REVIEW")) {
    const plan = await loadPlanContext(
      tx,
      userId,
      lectureId,
      profile,
      now,
      rated.map((r) => r.id),
    );
    for (const r of rated) if (r.card.state === "REVIEW") r.card = withPlannedDue(r.card, now, plan);
  }
  await upsertMistakes(tx, rated, now);
}

/** An answer whose correctness a regrade or a teacher's mark turned around. */
export interface RegradedOutcome {
  userId: string;
  lectureId: string;
  questionId: string;
  /** The attempt the answer is in: its submission queued the question if it was wrong then. */
  attemptId: string;
  correct: boolean;
}

/**
 * Keeps the mistakes queues in step with changed marks, for any number of students in a few
 * statements: an answer now wrong adds its question (rated Again, once per key prefix); an answer
 * now right takes the question out when the queue holds it only because of that attempt (its one
 * rating not undone is the attempt's); a card the student has reviewed since keeps its history.
 */
export async function recordRegradedOutcomes(tx: RawTransaction, outcomes: readonly RegradedOutcome[], now: Date, keyPrefix: string): Promise<void> {
  const right = outcomes.filter((o) => o.correct);
  if (right.length > 0)
    await tx.$executeRawUnsafe(
      `DELETE FROM review_cards AS c
       USING unnest($1::text[], $2::text[], $3::text[]) AS p(user_id, question_id, key)
       WHERE c.user_id = p.user_id AND c.question_id = p.question_id AND c.kind = 'MISTAKE'
         AND (SELECT array_agg(l.idempotency_key) FROM review_logs l WHERE l.review_card_id = c.id AND l.undone_at IS NULL) <@ ARRAY[p.key]`,
      right.map((o) => o.userId),
      right.map((o) => o.questionId),
      right.map((o) => `${o.userId}:attempt:${o.attemptId}:${o.questionId}`),
    );
  const wrong = outcomes.filter((o) => !o.correct);
  if (wrong.length === 0) return;
  const existing = new Map((await selectMistakeCardsOf(tx, wrong)).map((row) => [`${row.userId}|${row.questionId}`, row]));
  const rated = new Map<string, RatedMistake>();
  const profiles = await loadProfiles(
    tx,
    wrong.map((o) => o.userId),
  );
  for (const o of wrong) {
    const row = existing.get(`${o.userId}|${o.questionId}`);
    const before = row ? snapshotOf(row) : newCard(now);
    // Again never schedules days ahead (a lapse relearns in minutes): no due-date rule applies.
    const { card, log } = rate(before, "AGAIN", now, profiles.get(o.userId) ?? DEFAULT_PROFILE);
    const id = row?.id ?? `rm_${o.userId}_${o.questionId}`;
    rated.set(id, {
      id,
      userId: o.userId,
      lectureId: o.lectureId,
      questionId: o.questionId,
      card,
      log,
      previous: snapshotToJson(before),
      idempotencyKey: `${o.userId}:${keyPrefix}:${o.questionId}`,
    });
  }
  await upsertMistakes(tx, [...rated.values()], now);
}
