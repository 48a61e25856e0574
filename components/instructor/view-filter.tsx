import type { StatsView } from "@/lib/analytics/view";
import { formatUtcDay } from "@/lib/dates";

const LABELS = { first: "First attempts", last: "Last attempts", best: "Best attempts", all: "All attempts" } as const;

/** The labelled selector of which attempts count, and the cohort and date filters (a GET form: the view is in the URL). */
export function ViewFilter({ action, view, cohorts }: { action: string; view: StatsView; cohorts: { id: string; name: string }[] }) {
  const day = (d: Date | null | undefined, shift = 0) => (d ? formatUtcDay(new Date(d.getTime() - shift)) : "");
  return (
    <form
      action={action}
      method="get"
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
      aria-label="Which attempts count"
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Attempts that count</span>
        <select name="attempts" defaultValue={view.attempts} className="rounded-md border border-slate-300 px-2 py-1.5">
          {Object.entries(LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Cohort</span>
        <select name="cohort" defaultValue={view.cohortId ?? ""} className="rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">Whole class</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Submitted from</span>
        <input type="date" name="from" defaultValue={day(view.from)} className="rounded-md border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">to (inclusive)</span>
        <input type="date" name="to" defaultValue={day(view.to, 86_400_000)} className="rounded-md border border-slate-300 px-2 py-1" />
      </label>
      <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
        Apply
      </button>
      <a href={action} className="px-2 py-2 text-sm text-indigo-700 underline underline-offset-2">
        Reset to first attempts, whole class
      </a>
    </form>
  );
}
