import "server-only";
// The audit trail as staff read it: who changed what, when, from what to what. Admins and instructors
// see every entry (the course is one: there are no per-lecture instructors yet); students never.
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { auditChangeLines } from "./changes";
import type { AuditFilter } from "./schemas";

export const AUDIT_PAGE_SIZE = 50;

const auditEntrySelect = {
  id: true,
  createdAt: true,
  entityType: true,
  entityId: true,
  action: true,
  summary: true,
  before: true,
  after: true,
  actor: { select: { name: true } },
  lectureId: true,
} as const satisfies Prisma.AuditEntrySelect;

/** A page of audit entries, newest first, with the actor's name and the changes as lines. Staff only. */
export async function getAuditEntries(viewer: Viewer, filter: Partial<AuditFilter> = {}) {
  assertRole(viewer, STAFF_ROLES);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  // Only set filters go into the where: an undefined value would be dropped by Prisma anyway, but say so.
  const where: Prisma.AuditEntryWhereInput = {
    ...(filter.lectureId ? { lectureId: filter.lectureId } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditEntry.findMany({
      where,
      select: auditEntrySelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditEntry.count({ where }),
  ]);
  return {
    entries: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      actorName: row.actor?.name ?? "A deleted user",
      entityType: row.entityType,
      entityId: row.entityId,
      lectureId: row.lectureId,
      action: row.action,
      summary: row.summary,
      changes: auditChangeLines(row.before, row.after),
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

export type AuditEntryRow = Awaited<ReturnType<typeof getAuditEntries>>["entries"][number];

/** The lectures the audit page can filter by. Staff only. */
export async function getAuditLectures(viewer: Viewer) {
  assertRole(viewer, STAFF_ROLES);
  return db.lecture.findMany({ select: { id: true, number: true, title: true }, orderBy: { number: "asc" } });
}
