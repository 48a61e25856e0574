import { Button } from "@/components/ui/button";
import { isAnswered, type Answer } from "./answer-sync";

/** The side panel: one button per question (answered, flagged, current) and the way to the review. */
export function QuestionNav({
  answers,
  current,
  pending,
  onGo,
}: {
  answers: Answer[];
  /** Index of the question shown, or null while reviewing. */
  current: number | null;
  pending: boolean;
  onGo: (next: number | "review") => void;
}) {
  const answered = answers.filter(isAnswered).length;
  return (
    <nav aria-label="Questions" className="h-fit rounded-2xl border border-slate-200 bg-white p-4 lg:sticky lg:top-6">
      <h2 className="text-sm font-semibold text-slate-800">Questions</h2>
      <p className="mt-1 text-xs text-slate-600" data-testid="answered-count">
        {answered} of {answers.length} answered
      </p>
      <ol className="mt-3 grid grid-cols-6 gap-1.5 lg:grid-cols-5">
        {answers.map((a, i) => {
          const done = isAnswered(a);
          const label = `Question ${i + 1}, ${done ? "answered" : "not answered"}${a.flagged ? ", flagged" : ""}`;
          return (
            <li key={i}>
              <button
                type="button"
                aria-label={label}
                aria-current={i === current ? "step" : undefined}
                onClick={() => onGo(i)}
                className={`relative grid h-11 w-full place-items-center rounded-md border text-sm font-medium lg:h-9 ${
                  i === current ? "ring-2 ring-indigo-600 ring-offset-1" : ""
                } ${done ? "border-indigo-200 bg-indigo-50 text-indigo-800" : "border-slate-200 bg-white text-slate-700"}`}
              >
                {i + 1}
                {a.flagged ? <span aria-hidden="true" className="absolute -right-1 -top-1 size-2.5 rounded-full bg-amber-500" /> : null}
              </button>
            </li>
          );
        })}
      </ol>
      <Button type="button" variant="secondary" className="mt-4 w-full" onClick={() => onGo("review")} disabled={pending}>
        Review and submit
      </Button>
    </nav>
  );
}
