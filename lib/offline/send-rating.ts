// Sends one flashcard rating kept on the device (the outbox's sender for ratings).
import { rateCardAction } from "@/lib/review/actions";
import type { OutboxEntry, SendOutcome } from "./outbox-entry";

/** Worth sending again later: no connection, the server is busy, or the student must sign in again. */
const LATER_CODES = new Set(["BUSY", "RATE_LIMITED", "UNAUTHENTICATED"]);

export async function sendKeptRating(entry: OutboxEntry): Promise<SendOutcome> {
  try {
    const result = await rateCardAction(null, entry.input);
    if (result.ok) return { kind: "stored" };
    return LATER_CODES.has(result.code) ? { kind: "later" } : { kind: "refused", message: result.message };
  } catch {
    return { kind: "later" };
  }
}
