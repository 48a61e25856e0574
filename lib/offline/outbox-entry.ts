import type { RateCardInput } from "@/lib/review/schemas";

/** A flashcard rating made without a connection, waiting to be sent (with the key it already carries). */
export interface OutboxEntry {
  /** Assigned by the store, in the order the ratings were made. */
  id?: number;
  kind: "rating";
  input: RateCardInput & { reviewedAt: string };
  lectureSlug: string;
}

/** What became of a sent entry: stored, refused for good (the message says why), or try later. */
export type SendOutcome = { kind: "stored" } | { kind: "refused"; message: string } | { kind: "later" };
