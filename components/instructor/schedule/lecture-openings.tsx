"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import { setLectureOpeningAction } from "@/lib/lectures/actions";
import type { LectureOpening } from "@/lib/lectures/opening";

type Action = (p: ActionResult<unknown> | null, f: FormData) => Promise<ActionResult<unknown>>;

function OpeningRow({ lecture }: { lecture: LectureOpening }) {
  const [result, formAction, pending] = useActionState(resilient(setLectureOpeningAction as Action), null);
  const id = `opens-${lecture.id}`;
  return (
    <li className="flex flex-wrap items-end justify-between gap-3 px-4 py-3">
      <div>
        <p className="font-medium">
          Lecture {lecture.number}: {lecture.title}
        </p>
        <p className="text-sm text-slate-600">{lecture.opensOn ? `Opens on ${lecture.opensOn}` : "Open to students"}</p>
      </div>
      <form action={formAction} className="flex items-end gap-2">
        <input type="hidden" name="lectureId" value={lecture.id} />
        <div className="space-y-1">
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            Opens on (empty: now)
          </label>
          <input id={id} name="opensOn" type="date" defaultValue={lecture.opensOn ?? ""} className="rounded-lg border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <Button type="submit" variant="secondary" pending={pending}>
          Save
        </Button>
        <span aria-live="polite" className="text-sm">
          {result?.ok ? <span className="text-emerald-700">Saved.</span> : null}
          {result && !result.ok ? <span className="text-red-700">{result.message}</span> : null}
        </span>
      </form>
    </li>
  );
}

/** Each lecture's opening day: its flashcards join students' decks from then on. */
export function LectureOpenings({ lectures }: { lectures: LectureOpening[] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {lectures.map((lecture) => (
        <OpeningRow key={lecture.id} lecture={lecture} />
      ))}
    </ul>
  );
}
