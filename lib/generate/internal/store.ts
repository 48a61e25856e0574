import "server-only";
// Writes generated drafts as items. An item's identity is its content (and, for a model's drafts, the
// student it was made for): generating the same section again adds nothing twice, and the offline
// generator's items are one shared set per lecture. Internal: callers have checked the viewer.
import { createHash } from "node:crypto";
import type { DbTransaction } from "../../db-client";
import { db } from "../../db";
import type { GeneratorSource } from "../../generated/prisma/enums";
import type { GeneratedDraft } from "../types";

type Writer = typeof db | DbTransaction;

export function itemHash(draft: GeneratedDraft, ownerId: string | null): string {
  const identity = [draft.kind, draft.section, draft.source, draft.front, draft.back, draft.stem, draft.options, draft.answer, ownerId];
  return createHash("sha256").update(JSON.stringify(identity)).digest("hex");
}

export interface DraftOwner {
  lectureId: string;
  generator: GeneratorSource;
  /** The student a model's drafts were made for; null for the offline generator's shared items. */
  createdById: string | null;
  runId: string | null;
}

/** What one item may hold (the table's CHECK constraint generated_items_text_check). */
export const ITEM_TEXT_MAX_CHARS = 2_000;
export const ITEM_MAX_OPTIONS = 8;

const fits = (d: GeneratedDraft) =>
  [d.source, d.front, d.back, d.stem, d.answer, ...d.options].every((text) => text.length <= ITEM_TEXT_MAX_CHARS) && d.options.length <= ITEM_MAX_OPTIONS;

/** Saves the drafts that are not there yet (one too long to be a study item is left out); returns how many were new. */
export async function saveDrafts(writer: Writer, owner: DraftOwner, all: readonly GeneratedDraft[]): Promise<number> {
  const drafts = all.filter(fits);
  if (drafts.length === 0) return 0;
  const { count } = await writer.generatedItem.createMany({
    data: drafts.map((d) => ({
      lectureId: owner.lectureId,
      sectionKey: d.section,
      kind: d.kind,
      generator: owner.generator,
      source: d.source,
      front: d.front,
      back: d.back,
      stem: d.stem,
      options: d.options,
      answer: d.answer,
      lint: d.lint,
      contentHash: itemHash(d, owner.createdById),
      createdById: owner.createdById,
      runId: owner.runId,
    })),
    skipDuplicates: true,
  });
  return count;
}
