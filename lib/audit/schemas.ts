// The audit page's filters, read from the URL (user input: validated, and a bad value is dropped
// rather than an error page).
import { z } from "zod";
import { recordIdWith } from "../ids";
import { firstSearchParam, type SearchParams } from "../search-params";
import type { AuditEntity } from "./internal/record";

/** Every kind of thing the audit trail records, with its name on the page (a Record: a new kind must be named here). */
export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  question: "Questions",
  quiz: "Quiz settings",
  slot: "Quiz slots",
  response: "Grades",
  regrade: "Regrades",
  generated: "Generated items",
};

export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_ENTITY_LABELS) as AuditEntity[];

export const auditFilterInput = z.object({
  lectureId: recordIdWith("Not a valid lecture.").optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPES as [AuditEntity, ...AuditEntity[]]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export type AuditFilter = z.output<typeof auditFilterInput>;

/** The filters in a query string (?lecture=…&type=…&page=…); each invalid one is left out. */
export function parseAuditQuery(query: SearchParams): AuditFilter {
  const raw = {
    lectureId: firstSearchParam(query.lecture) || undefined,
    entityType: firstSearchParam(query.type) || undefined,
    page: firstSearchParam(query.page),
  };
  const field = <K extends keyof AuditFilter>(key: K): AuditFilter[K] | undefined => {
    const parsed = auditFilterInput.shape[key].safeParse(raw[key]);
    return parsed.success ? (parsed.data as AuditFilter[K]) : undefined;
  };
  return { lectureId: field("lectureId"), entityType: field("entityType"), page: field("page") ?? 1 };
}

/** The query string of a filter (page 1 and unset filters left out). */
export function auditQueryString(filter: Partial<AuditFilter>): string {
  const params = new URLSearchParams();
  if (filter.lectureId) params.set("lecture", filter.lectureId);
  if (filter.entityType) params.set("type", filter.entityType);
  if (filter.page && filter.page > 1) params.set("page", String(filter.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
