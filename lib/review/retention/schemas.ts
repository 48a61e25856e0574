import { z } from "zod";
import { lectureSlug } from "../../lectures/schemas";
import { firstSearchParam, type SearchParams } from "../../search-params";
import type { DeckKey } from "./measures";

/** The deck selector's values in the URL, and the decks they name. */
export const DECK_PARAMS = { all: "ALL", flashcards: "FLASHCARD", mistakes: "MISTAKE", own: "OWN" } as const satisfies Record<string, DeckKey>;
export type DeckParam = keyof typeof DECK_PARAMS;

const retentionQuery = z.object({
  lecture: lectureSlug.optional().catch(undefined),
  deck: z.enum(Object.keys(DECK_PARAMS) as [DeckParam, ...DeckParam[]]).catch("all"),
});

/** A retention page's query (`?lecture=<slug>&deck=<deck>`): an invalid value falls back to the default. */
export function parseRetentionQuery(params: SearchParams): z.output<typeof retentionQuery> {
  return retentionQuery.parse({ lecture: firstSearchParam(params.lecture) || undefined, deck: firstSearchParam(params.deck) ?? "all" });
}
