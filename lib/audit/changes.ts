// An audit entry's before and after, as the compact "field: from → to" lines of the audit page. Pure.

export interface AuditChangeLine {
  field: string;
  from: string;
  to: string;
}

const MAX_VALUE = 80;

function compact(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "none";
  const text =
    typeof value === "string"
      ? value
      : Array.isArray(value)
        ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")
        : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text || "(empty)";
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** One line per field that either side names, in the order they first appear; a whole value when a side is not a record. */
export function auditChangeLines(before: unknown, after: unknown): AuditChangeLine[] {
  if ((before === null || before === undefined) && (after === null || after === undefined)) return [];
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) return [{ field: "value", from: compact(before ?? undefined), to: compact(after ?? undefined) }];
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields.map((field) => ({ field, from: compact(from[field]), to: compact(to[field]) }));
}
