import "server-only";
// The one writer of the audit trail: who changed which question, quiz setting or mark, when, from what
// to what. Called inside the transaction that makes the change, so an entry exists exactly when the
// change does. Internal: it checks no viewer (its callers have).
import type { DbTransaction } from "../../db-client";
import type { Prisma } from "../../generated/prisma/client";

export type AuditEntity = "question" | "quiz" | "slot" | "response" | "regrade" | "generated";

export interface AuditChange {
  actorId: string;
  /** The lecture the change belongs to, so instructors of the course see it. */
  lectureId: string | null;
  entityType: AuditEntity;
  entityId: string;
  /** "question.edit", "quiz.settings", "slot.add", "response.grade", "regrade.apply", … */
  action: string;
  /** One line in words, shown in the audit list. */
  summary: string;
  before?: unknown;
  after?: unknown;
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

export async function recordAudit(tx: DbTransaction, change: AuditChange): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: change.actorId,
      lectureId: change.lectureId,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      summary: change.summary,
      before: json(change.before),
      after: json(change.after),
    },
  });
}
