import "server-only";
// Which generated items a viewer may see, in one place: the offline generator's items (one shared set,
// made from the notes everyone reads) and the model drafts made for them, while they are drafts or
// proposed. Another student's drafts, rejected items and approved ones are "not found": an approved
// item is a bank question now, which a quiz may hold, and its key must not be one click away before
// that quiz is submitted. Internal: the exported loaders check the role first.
import { db } from "../../db";
import type { DbTransaction } from "../../db-client";
import { NotFoundError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";

type Reader = typeof db | DbTransaction;

/** The one visibility rule: a draft or proposed, and shared (offline) or made for this viewer. */
const visibleTo = (userId: string) =>
  ({ status: { in: ["DRAFT", "PROPOSED"] }, OR: [{ createdById: userId }, { createdById: null }] }) satisfies Prisma.GeneratedItemWhereInput;

/** Items the viewer may see in a lecture. */
export function visibleItemsWhere(userId: string, lectureId: string): Prisma.GeneratedItemWhereInput {
  return { lectureId, ...visibleTo(userId) };
}

/** An item's content, as the generators made it (GeneratedDraft's fields, the section as `sectionKey`). */
export const draftContentSelect = {
  kind: true,
  sectionKey: true,
  source: true,
  front: true,
  back: true,
  stem: true,
  options: true,
  answer: true,
  generator: true,
} satisfies Prisma.GeneratedItemSelect;

export const studentItemSelect = { ...draftContentSelect, id: true, lectureId: true, status: true, createdById: true } satisfies Prisma.GeneratedItemSelect;

export type StudentItemRow = Prisma.GeneratedItemGetPayload<{ select: typeof studentItemSelect }>;

/** One item the viewer may see, or not found. */
export async function loadVisibleItem(reader: Reader, userId: string, itemId: string): Promise<StudentItemRow> {
  const item = await reader.generatedItem.findFirst({
    where: { id: itemId, ...visibleTo(userId) },
    select: studentItemSelect,
  });
  if (!item) throw new NotFoundError("That item does not exist.");
  return item;
}
