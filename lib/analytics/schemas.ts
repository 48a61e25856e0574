import { z } from "zod";
import { formatUtcDay } from "../dates";
import { recordIdWith } from "../ids";
import { firstSearchParam, type SearchParams } from "../search-params";
import { ATTEMPT_SELECTIONS, type StatsView } from "./view";

const DAY_MS = 86_400_000;

/** The start (UTC) of a YYYY-MM-DD day that exists: "2026-02-30" and "9999-99-99" do not. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .transform((text, ctx) => {
    const start = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(start.getTime()) || formatUtcDay(start) !== text) {
      ctx.addIssue({ code: "custom", message: "is not a real date" });
      return z.NEVER;
    }
    return start;
  });

/** Database ids are cuids; anything else (a NUL byte, a quote, 10 KB of text) names no row. */
export const recordId = recordIdWith("is not an id");

const FIELDS = {
  attempts: z.enum(ATTEMPT_SELECTIONS, { error: `must be one of ${ATTEMPT_SELECTIONS.join(", ")}` }),
  cohort: recordId,
  from: day,
  to: day,
} as const;

const one = (query: SearchParams, key: string) => firstSearchParam(query[key]) ?? "";

function toView(values: { attempts?: StatsView["attempts"]; cohort?: string; from?: Date; to?: Date }): StatsView {
  return {
    attempts: values.attempts ?? "first",
    cohortId: values.cohort ?? null,
    from: values.from ?? null,
    // "to" is inclusive for people: up to the end of that day.
    to: values.to ? new Date(values.to.getTime() + DAY_MS) : null,
  };
}

/** The dashboard's view from the page's query: unknown or malformed values fall back to the default. */
export function parseView(query: SearchParams): StatsView {
  const value = <K extends keyof typeof FIELDS>(key: K) => {
    const parsed = FIELDS[key].safeParse(one(query, key));
    return parsed.success ? (parsed.data as z.output<(typeof FIELDS)[K]>) : undefined;
  };
  return toView({ attempts: value("attempts"), cohort: value("cohort"), from: value("from"), to: value("to") });
}

/**
 * The view from a download's query, strictly: a value that is present but malformed is an error (the
 * CSV would otherwise quietly describe another view than the one asked for). Empty means default.
 */
export function parseViewStrict(query: SearchParams): { ok: true; view: StatsView } | { ok: false; message: string } {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const text = one(query, key);
    if (text === "") continue;
    const parsed = FIELDS[key].safeParse(text);
    if (!parsed.success) return { ok: false, message: `"${key}" ${parsed.error.issues[0]!.message}.` };
    values[key] = parsed.data;
  }
  return { ok: true, view: toView(values) };
}

/** The query string of a view (for links that keep it). */
export function viewQuery(view: StatsView): string {
  const params = new URLSearchParams();
  if (view.attempts !== "first") params.set("attempts", view.attempts);
  if (view.cohortId) params.set("cohort", view.cohortId);
  if (view.from) params.set("from", formatUtcDay(view.from));
  if (view.to) params.set("to", formatUtcDay(new Date(view.to.getTime() - DAY_MS)));
  const text = params.toString();
  return text ? `?${text}` : "";
}
