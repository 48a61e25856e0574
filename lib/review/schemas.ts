import { z } from "zod";
import { RATINGS } from "./fsrs";
import type { Deck } from "./queue";

export const deckInput = z.enum(["flashcards", "mistakes", "own"]) satisfies z.ZodType<Deck>;

export const rateCardInput = z.strictObject({
  lectureId: z.string().min(1).max(64),
  deck: deckInput,
  itemId: z.string().min(1).max(128),
  rating: z.enum(RATINGS),
  /** One per rating the student made: a retried request carries the same key and counts once. */
  idempotencyKey: z.string().min(8).max(100),
  /** When the student rated, for a rating made offline and sent later (lib/review/data.ts ratingTime). */
  reviewedAt: z.iso.datetime({ offset: true }).optional(),
});

export type RateCardInput = z.output<typeof rateCardInput>;

export const undoRatingInput = z.strictObject({ logId: z.string().min(1).max(64) });
