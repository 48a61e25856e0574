import "server-only";
// The frame of every quiz editor change: one transaction that locks the quiz row (two editors of the
// same quiz take turns, so positions stay unique and dense), runs the change, marks the quiz as edited
// in the app (editedAt: the content loader reads it) and records the audit entry. Internal: its callers
// check the viewer first.
import { recordAudit, type AuditEntity } from "../../../audit/internal/record";
import type { Viewer } from "../../../auth/viewer";
import { db } from "../../../db";
import type { DbTransaction } from "../../../db-client";
import { NotFoundError } from "../../../errors";

export interface EditedQuiz {
  id: string;
  title: string;
  lectureId: string;
}

/** What a change reports for the audit trail; null when it changed nothing (no entry, no editedAt). */
export interface EditOutcome<T> {
  result: T;
  audit: {
    entityType: Extract<AuditEntity, "quiz" | "slot">;
    entityId: string;
    action: string;
    summary: string;
    before?: unknown;
    after?: unknown;
  } | null;
}

export async function editQuiz<T>(
  viewer: Viewer,
  quizId: string,
  change: (tx: DbTransaction, quiz: EditedQuiz, now: Date) => Promise<EditOutcome<T>>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const [quiz] = await tx.$queryRaw<EditedQuiz[]>`SELECT id, title, lecture_id AS "lectureId" FROM quizzes WHERE id = ${quizId} FOR UPDATE`;
    if (!quiz) throw new NotFoundError("That quiz does not exist.");
    const now = new Date();
    const { result, audit } = await change(tx, quiz, now);
    if (audit) {
      await tx.quiz.update({ where: { id: quiz.id }, data: { editedAt: now } });
      await recordAudit(tx, { actorId: viewer.id, lectureId: quiz.lectureId, ...audit });
    }
    return result;
  });
}

/** The quiz a slot belongs to (for the lock), or NotFoundError. Read before the transaction; the change reads the slot again under the lock. */
export async function quizIdOfSlot(slotId: string): Promise<string> {
  const slot = await db.quizSlot.findUnique({ where: { id: slotId }, select: { quizId: true } });
  if (!slot) throw new NotFoundError("That question slot does not exist.");
  return slot.quizId;
}
