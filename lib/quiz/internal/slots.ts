// The quiz's slots that the bank importer adds: one per newly imported gradable question, after the
// quiz's last slot, in the file's order. They are marked IMPORT, so the content loader (which owns
// the CONTENT slots listed in quiz.json) leaves them alone. Runs inside the importer's transaction,
// which has checked the viewer.
import type { DbTransaction } from "../../db-client";

/** Imported slots' keys start with this (kept from before the source column; nothing reads it back). */
const IMPORTED_SLOT_KEY_PREFIX = "import-";

export interface ImportedSlotEntry {
  /** The question's key in the bank (its external key). */
  questionKey: string;
  questionId: string;
  maxMark: number;
  note: string;
}

/** Adds one slot per entry to the quiz, each holding its one question. Returns how many were added. */
export async function addImportedSlots(tx: DbTransaction, quizId: string, entries: readonly ImportedSlotEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const last = await tx.quizSlot.aggregate({ where: { quizId }, _max: { position: true } });
  let position = (last._max.position ?? -1) + 1;
  for (const entry of entries) {
    const slot = await tx.quizSlot.create({
      data: {
        quizId,
        source: "IMPORT",
        key: `${IMPORTED_SLOT_KEY_PREFIX}${entry.questionKey}`.slice(0, 120),
        position: position++,
        note: entry.note,
        maxMark: entry.maxMark,
      },
      select: { id: true },
    });
    await tx.quizSlotVariant.create({ data: { slotId: slot.id, questionId: entry.questionId, position: 0 } });
  }
  return entries.length;
}
