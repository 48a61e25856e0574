import { z } from "zod";
import { ATTEMPT_SELECTIONS, type StatsView } from "./data-types";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The dashboard's view from the page's query: unknown or malformed values fall back to the default. */
export function parseView(query: Record<string, string | string[] | undefined>): StatsView {
  const one = (k: string) => (Array.isArray(query[k]) ? query[k]![0] : query[k]) ?? "";
  const attempts = z.enum(ATTEMPT_SELECTIONS).catch("first").parse(one("attempts"));
  const cohortId = z.string().min(1).max(64).safeParse(one("cohort"));
  const from = day.safeParse(one("from"));
  const to = day.safeParse(one("to"));
  return {
    attempts,
    cohortId: cohortId.success ? cohortId.data : null,
    from: from.success ? new Date(`${from.data}T00:00:00.000Z`) : null,
    // "to" is inclusive for people: up to the end of that day.
    to: to.success ? new Date(new Date(`${to.data}T00:00:00.000Z`).getTime() + 86_400_000) : null,
  };
}

/** The query string of a view (for links that keep it). */
export function viewQuery(view: StatsView): string {
  const params = new URLSearchParams();
  if (view.attempts !== "first") params.set("attempts", view.attempts);
  if (view.cohortId) params.set("cohort", view.cohortId);
  if (view.from) params.set("from", view.from.toISOString().slice(0, 10));
  if (view.to) params.set("to", new Date(view.to.getTime() - 86_400_000).toISOString().slice(0, 10));
  const text = params.toString();
  return text ? `?${text}` : "";
}
