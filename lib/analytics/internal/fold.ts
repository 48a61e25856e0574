import "server-only";
// Counting submitted attempts into the running class statistics, after their submissions commit. A
// submission writes nothing that other students share: the submitted attempt (its status, score and
// marks) is the delta. Readers add the answers of the attempts still waiting to the stored sums
// (bundles.ts), so the statistics are exact the moment a submission commits; the fold then moves
// the waiting attempts into the stored sums in batches, so that readers' share stays small. One
// transaction at a time folds a quiz (an advisory lock), so the stored rows have one writer and no
// submission ever waits on their locks. No role check: it reads and writes no one's data but the
// sums, and callers are the submission, the sweep, the rebuild and the dashboard.
import { after } from "next/server";
import { allowLongStatements, db } from "../../db";
import { log, serializeError } from "../../log";
import { sumsOfSelection } from "./bundles";
import { createCoalescer } from "./coalesce";
import { attemptsByIdSql } from "./sql";
import { markCountedSql, PENDING_QUIZZES_SQL, pendingBatchSql, waitFoldLockSql, type PendingAttemptRow, type QuizIdRow } from "./write-sql";
import { addStatistics } from "./writer";

/** Attempts per fold transaction: a class's worth (about 0.1 s of work), so no lock is held for long. */
export const FOLD_BATCH = 500;

interface FoldOptions {
  batchSize?: number;
  /** Stop after this many batches (the rest waits for the next fold). */
  maxBatches?: number;
}

/**
 * Counts the quiz's waiting attempts into the stored sums, a batch per transaction, oldest first,
 * until none waits (or `maxBatches`). Waits for another fold of the quiz to finish first (bounded by
 * the lock timeout). Returns how many attempts it counted. Safe to run at any time, from anywhere,
 * any number of times: each attempt is counted once, with its mark of counted in the same transaction.
 */
export async function foldPendingStatistics(
  quizId: string,
  { batchSize = FOLD_BATCH, maxBatches = Number.POSITIVE_INFINITY }: FoldOptions = {},
): Promise<number> {
  let counted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await db.$transaction(
      async (tx) => {
        if (batchSize > FOLD_BATCH) await allowLongStatements(tx, 60_000);
        await tx.$queryRaw(waitFoldLockSql(quizId));
        const pending = await tx.$queryRaw<PendingAttemptRow[]>(pendingBatchSql(quizId, batchSize));
        if (pending.length === 0) return 0;
        const all = pending.map((a) => a.id);
        const firsts = pending.filter((a) => a.first).map((a) => a.id);
        const sums = await sumsOfSelection(tx, attemptsByIdSql(all));
        await addStatistics(tx, quizId, "ALL", sums.rows, sums.totals);
        if (firsts.length > 0) {
          const first = await sumsOfSelection(tx, attemptsByIdSql(firsts));
          await addStatistics(tx, quizId, "FIRST", first.rows, first.totals);
        }
        await tx.$executeRaw(markCountedSql(all));
        return pending.length;
      },
      { timeout: batchSize > FOLD_BATCH ? 65_000 : undefined },
    );
    counted += n;
    if (n < batchSize) break;
  }
  return counted;
}

/** Folds every quiz's waiting attempts (`npm run quiz:sweep`). Returns how many it counted. */
export async function foldAllPendingStatistics(): Promise<number> {
  let counted = 0;
  for (const { quiz_id } of await db.$queryRaw<QuizIdRow[]>(PENDING_QUIZZES_SQL)) counted += await foldPendingStatistics(quiz_id);
  return counted;
}

/**
 * When a process folds after submissions: once none has come for a second, or at the latest ten
 * seconds after the first waiting one. During a burst (the end of a timed exam) the fold then runs
 * after it, in one batch, instead of competing with the submissions for the CPU; under a steady
 * stream it runs every ten seconds. Readers are exact meanwhile (they add what waits), and what
 * waits stays small enough for them: a class's worth.
 */
const FOLD_TIMING = { quietMs: 1_000, maxWaitMs: 10_000 };

const folds = createCoalescer(FOLD_TIMING, async (quizId) => {
  try {
    await foldPendingStatistics(quizId);
  } catch (error) {
    log.warn("class statistics not folded yet", { quizId, error: serializeError(error) });
  }
});

/**
 * Folds the quiz's waiting attempts after the current response is sent (Next.js's after()), once
 * the asks have paused (FOLD_TIMING). Within a process, requests that ask while a fold waits are
 * served by it, and those that ask while it works by one more pass: a burst of submissions is folded
 * in a batch or two. Outside a request (a script, a test) it does nothing: those call
 * foldPendingStatistics themselves, and readers are exact either way. A fold that fails (a busy
 * database) is logged and left to the next one.
 */
export function foldStatisticsSoon(quizId: string): void {
  try {
    folds.ask(quizId, (run) => after(run));
  } catch {
    // not in a request
  }
}
