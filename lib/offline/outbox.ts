// The outbox: flashcard ratings made offline, kept on the device and sent in the order they were
// made once there is a connection, each with its idempotency key (a rating delivered twice counts
// once). One tab sends at a time (a Web Lock), and every change is announced to the page and to the
// other tabs, so that what waits is always shown.
import { deviceStore } from "./device-store";
import type { OutboxEntry, SendOutcome } from "./outbox-entry";

export const OUTBOX_EVENT = "course-outbox-changed";
const CHANNEL = "course-outbox";

let channel: BroadcastChannel | null = null;

/** Tells this tab and the others that what waits on the device changed. */
export function announceOutboxChange(): void {
  if (typeof window === "undefined") return;
  window.dispatchEvent(new Event(OUTBOX_EVENT));
  if (typeof BroadcastChannel !== "undefined") {
    channel ??= new BroadcastChannel(CHANNEL);
    channel.postMessage("changed");
  }
}

/** Calls `listener` whenever the outbox changes in this tab or another; returns the unsubscribe. */
export function onOutboxChange(listener: () => void): () => void {
  window.addEventListener(OUTBOX_EVENT, listener);
  const other = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(CHANNEL) : null;
  if (other) other.onmessage = listener;
  return () => {
    window.removeEventListener(OUTBOX_EVENT, listener);
    other?.close();
  };
}

export async function queueEntry(entry: Omit<OutboxEntry, "id">): Promise<number | null> {
  const database = await deviceStore();
  if (!database) return null;
  const id = await database.add("outbox", entry as OutboxEntry);
  announceOutboxChange();
  return id;
}

/** Takes a rating back before it was sent (undo offline); false when it was already sent. */
export async function unqueueEntry(id: number): Promise<boolean> {
  const database = await deviceStore();
  if (!database) return false;
  const tx = database.transaction("outbox", "readwrite");
  const found = await tx.store.get(id);
  if (found) await tx.store.delete(id);
  await tx.done;
  if (found) announceOutboxChange();
  return found !== undefined;
}

export async function outboxEntries(): Promise<OutboxEntry[]> {
  const database = await deviceStore();
  return database ? database.getAll("outbox") : [];
}

export interface FlushReport {
  sent: number;
  refused: string[];
  /** Entries still waiting (no connection, or the server asked to wait). */
  left: number;
}

async function withSenderLock<T>(work: () => Promise<T>, idle: T): Promise<T> {
  if (typeof navigator === "undefined" || !navigator.locks) return work();
  return (await navigator.locks.request(CHANNEL, { ifAvailable: true }, async (lock) => (lock ? work() : idle))) as T;
}

/**
 * Sends what waits, oldest first, one at a time: a stored or refused entry leaves the outbox, and the
 * first that must wait (no connection) stops the round, so nothing is sent out of order.
 */
export function flushOutbox(send: (entry: OutboxEntry) => Promise<SendOutcome>): Promise<FlushReport> {
  return withSenderLock(
    async () => {
      const database = await deviceStore();
      const report: FlushReport = { sent: 0, refused: [], left: 0 };
      if (!database) return report;
      for (;;) {
        const cursor = await database.transaction("outbox").store.openCursor();
        if (!cursor) break;
        const entry = cursor.value;
        const outcome = await send(entry);
        if (outcome.kind === "later") {
          report.left = await database.count("outbox");
          break;
        }
        await database.delete("outbox", entry.id!);
        if (outcome.kind === "stored") report.sent++;
        else report.refused.push(outcome.message);
        announceOutboxChange();
      }
      return report;
    },
    { sent: 0, refused: [], left: -1 },
  );
}
