import type { RetentionLecture } from "@/lib/review/retention/data";
import type { DeckParam } from "@/lib/review/retention/schemas";

/**
 * The lecture and deck selectors of a retention page (a GET form: the choice is in the URL, and the
 * page works without JavaScript). `allLectures` offers "All lectures" (a student's own page).
 */
export function RetentionFilter({
  action,
  lectures,
  lecture,
  deck,
  deckLabels,
  allLectures,
}: {
  action: string;
  lectures: RetentionLecture[];
  lecture: string | undefined;
  deck: DeckParam;
  deckLabels: Record<DeckParam, string>;
  allLectures: boolean;
}) {
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5";
  return (
    <form
      action={action}
      method="get"
      aria-label="Which reviews count"
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Lecture</span>
        <select name="lecture" defaultValue={lecture ?? ""} className={select}>
          {allLectures ? <option value="">All lectures</option> : null}
          {lectures.map((l) => (
            <option key={l.id} value={l.slug}>
              {l.number}. {l.title}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Deck</span>
        <select name="deck" defaultValue={deck} className={select}>
          {(Object.keys(deckLabels) as DeckParam[]).map((value) => (
            <option key={value} value={value}>
              {deckLabels[value]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
        Show
      </button>
    </form>
  );
}
