// The answers of a quiz attempt not yet stored on the server, mirrored on the device so that a reload
// or a closed tab without a connection loses none of them: the save in flight (sent again unchanged,
// with the same idempotency key and base revision, so the server applies it once) and the answers
// waiting behind it, in the order the student left them. Only the student's own answers: no key.
import { deviceStore } from "./device-store";
import { announceOutboxChange } from "./outbox";

export interface PendingAnswer {
  chosen: string[];
  text?: string | null;
  flagged: boolean;
}

export interface PendingSave extends PendingAnswer {
  position: number;
  timeSpentMs: number;
  idempotencyKey: string;
  baseRevision: number;
}

export interface PendingAnswers {
  attemptId: string;
  lectureSlug: string;
  sending: PendingSave | null;
  waiting: { position: number; answer: PendingAnswer; timeSpentMs: number }[];
}

export const pendingCount = (pending: Pick<PendingAnswers, "sending" | "waiting">) => (pending.sending ? 1 : 0) + pending.waiting.length;

export async function readPendingAnswers(attemptId: string): Promise<PendingAnswers | null> {
  const database = await deviceStore();
  return (await database?.get("answers", attemptId)) ?? null;
}

/** Writes the attempt's mirror (or removes it once nothing waits). */
export async function writePendingAnswers(pending: PendingAnswers): Promise<void> {
  const database = await deviceStore();
  if (!database) return;
  if (pendingCount(pending) === 0) await database.delete("answers", pending.attemptId);
  else await database.put("answers", pending);
  announceOutboxChange();
}

export async function allPendingAnswers(): Promise<PendingAnswers[]> {
  const database = await deviceStore();
  return database ? database.getAll("answers") : [];
}
