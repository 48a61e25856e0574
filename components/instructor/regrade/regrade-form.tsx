import { buttonClasses } from "@/components/ui/button";
import { MODE_LABELS, TARGET_LABELS } from "@/lib/grading/regrade";
import type { RegradeMode, RegradeTarget } from "@/lib/grading/regrade-plan";

const MODE_HELP: Record<RegradeMode, string> = {
  KEY: "Each answer is marked again by the newest version of its question (a fixed key, a changed credit). Marks given by hand stay.",
  FULL: "Everyone gets the question's full mark, whatever they answered.",
  DROP: "The question no longer counts: its mark and its maximum become 0 in every attempt.",
};

/** Which attempts and how: a plain GET form, so the dry run is a page (its URL can be shared and reloaded). */
export function RegradeForm({ mode, target }: { mode?: RegradeMode; target?: RegradeTarget }) {
  return (
    <form method="get" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6">
      <fieldset className="space-y-2">
        <legend className="font-medium">Which attempts</legend>
        {(Object.keys(TARGET_LABELS) as RegradeTarget[]).map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="target" value={value} defaultChecked={(target ?? "OLD_VERSION") === value} />
            {TARGET_LABELS[value][0]!.toUpperCase() + TARGET_LABELS[value].slice(1)}
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium">How</legend>
        {(Object.keys(MODE_LABELS) as RegradeMode[]).map((value) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input type="radio" name="mode" value={value} defaultChecked={(mode ?? "KEY") === value} className="mt-1" />
            <span>
              <span className="font-medium">{MODE_LABELS[value][0]!.toUpperCase() + MODE_LABELS[value].slice(1)}</span>
              <span className="block text-slate-600">{MODE_HELP[value]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className={buttonClasses("secondary")}>
        Preview the regrade (dry run)
      </button>
    </form>
  );
}
