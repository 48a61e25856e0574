import "server-only";
// The mistakes queue: quiz questions a student got wrong, scheduled by the same FSRS model as the
// flashcards. Fed by quiz submissions and practice answers (in their transactions, for the student
// whose answers they are: this write checks no viewer itself); reviewed through lib/review/data.ts.
import type { RawTransaction } from "../../db-pool-transaction";
import { newCard, rate, snapshotToJson } from "../fsrs";
import { selectMistakeCards, snapshotOf, upsertMistakes, type RatedMistake } from "./sql";

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
  const rated: RatedMistake[] = [];
  for (const outcome of outcomes) {
    const row = byQuestion.get(outcome.questionId);
    if (!row && outcome.correct) continue;
    const before = row ? snapshotOf(row) : newCard(now);
    const { card, log } = rate(before, outcome.correct ? "GOOD" : "AGAIN", now);
    rated.push({
      id: row?.id ?? `rm_${userId}_${outcome.questionId}`,
      questionId: outcome.questionId,
      card,
      log,
      previous: snapshotToJson(before),
      idempotencyKey: `${userId}:${keyPrefix}:${outcome.questionId}`,
    });
  }
  if (rated.length > 0) await upsertMistakes(tx, userId, lectureId, rated, now);
}

/**
 * A regrade found these answers right after all: each question whose mistake card exists only because
 * of that attempt (its one rating not undone is the attempt's) leaves the queue; a card the student
 * has reviewed since keeps its history. Returns how many cards left.
 */
export async function withdrawQuizMistakes(tx: RawTransaction, userId: string, questionIds: readonly string[], keyPrefix: string): Promise<number> {
  if (questionIds.length === 0) return 0;
  const keys = questionIds.map((id) => `${userId}:${keyPrefix}:${id}`);
  return tx.$executeRawUnsafe(
    `DELETE FROM review_cards AS c
     WHERE c.user_id = $1 AND c.kind = 'MISTAKE' AND c.question_id = ANY($2::text[])
       AND (SELECT array_agg(l.idempotency_key) FROM review_logs l WHERE l.review_card_id = c.id AND l.undone_at IS NULL) <@ $3::text[]`,
    userId,
    [...questionIds],
    keys,
  );
}
