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
 * A fold waits this long before each pass, and requests that ask meanwhile join it: submissions are
 * counted at most about once a second per quiz and process, in one batch, not one small fold each
 * (each fold rewrites every row of the quiz's sums). Readers are exact meanwhile.
 */
const FOLD_GATHER_MS = 1_000;

/** Quizzes this process is folding, and whether another fold was asked for meanwhile. */
const folding = new Map<string, { again: boolean }>();

/**
 * Folds the quiz's waiting attempts shortly after the current response is sent (Next.js's after()).
 * Within a process, requests that ask while a fold waits or runs are served by it (or by one more
 * pass), not by folds of their own: a burst of submissions is folded in a few batches. Outside a request (a script, a test)
 * it does nothing: those call foldPendingStatistics themselves, and readers are exact either way. A
 * fold that fails (a busy database) is logged and left to the next one.
 */
export function foldStatisticsSoon(quizId: string): void {
  const running = folding.get(quizId);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false };
  folding.set(quizId, state);
  const run = async () => {
    try {
      do {
        state.again = false;
        await new Promise((resolve) => setTimeout(resolve, FOLD_GATHER_MS));
        await foldPendingStatistics(quizId);
      } while (state.again);
    } catch (error) {
      log.warn("class statistics not folded yet", { quizId, error: serializeError(error) });
    } finally {
      folding.delete(quizId);
    }
  };
  try {
    after(run);
  } catch {
    folding.delete(quizId); // not in a request
  }
}
