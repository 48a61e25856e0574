"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { resilient } from "@/components/ui/resilient-action";
import { SaveStatus, type SaveStatusState } from "@/components/ui/save-status";
import { updateQuizSettingsAction } from "@/lib/quiz/editor/actions";

export interface EditorSettings {
  quizId: string;
  title: string;
  attemptsAllowed: number | null;
  gradingPolicy: "FIRST" | "LAST" | "BEST";
  timeLimitMinutes: number | null;
  shuffleOptions: boolean;
  shuffleSlots: boolean;
  /** ISO strings (UTC) or null. */
  opensAt: string | null;
  closesAt: string | null;
}

const POLICIES = [
  ["BEST", "The best attempt counts"],
  ["FIRST", "The first attempt counts"],
  ["LAST", "The last attempt counts"],
] as const;

/** "2027-03-03T09:00" for `<input type="datetime-local">`, read as UTC by the action. */
const localValue = (iso: string | null) => (iso ? iso.slice(0, 16) : "");

/** The quiz's settings. Saved as one change; they apply to attempts started afterwards. */
export function SettingsForm({ settings }: { settings: EditorSettings }) {
  const [result, formAction, pending] = useActionState(resilient(updateQuizSettingsAction), null);
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const status: SaveStatusState = pending
    ? { kind: "saving" }
    : !result
      ? { kind: "idle" }
      : result.ok
        ? { kind: "saved" }
        : { kind: "failed", message: result.message };
  // Submitted by hand rather than through the form's action: React resets a form after its action,
  // which would throw away what was typed when the server refuses it.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form onSubmit={submit} className="space-y-5" aria-describedby="settings-status" noValidate>
      <input type="hidden" name="quizId" value={settings.quizId} />
      <Field label="Title" name="title" defaultValue={settings.title} errors={errors.title} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Attempts allowed"
          name="attemptsAllowed"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          defaultValue={settings.attemptsAllowed ?? ""}
          hint="Leave empty for unlimited."
          errors={errors.attemptsAllowed}
        />
        <Field
          label="Time limit (minutes)"
          name="timeLimitMinutes"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          defaultValue={settings.timeLimitMinutes ?? ""}
          hint="Leave empty for no time limit."
          errors={errors.timeLimitMinutes}
        />
        <Field
          label="Opens at (UTC)"
          name="opensAt"
          type="datetime-local"
          defaultValue={localValue(settings.opensAt)}
          hint="No attempt starts before. Empty: open now."
          errors={errors.opensAt}
        />
        <Field
          label="Closes at (UTC)"
          name="closesAt"
          type="datetime-local"
          defaultValue={localValue(settings.closesAt)}
          hint="No attempt starts after; one in progress is submitted then."
          errors={errors.closesAt}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="gradingPolicy" className="block text-sm font-medium text-slate-800">
          Grade
        </label>
        <select
          id="gradingPolicy"
          name="gradingPolicy"
          defaultValue={settings.gradingPolicy}
          aria-invalid={errors.gradingPolicy ? true : undefined}
          aria-describedby={errors.gradingPolicy ? "gradingPolicy-error" : undefined}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 sm:w-80"
        >
          {POLICIES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {errors.gradingPolicy ? (
          <p id="gradingPolicy-error" className="text-sm text-red-700">
            {errors.gradingPolicy.join(" ")}
          </p>
        ) : null}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Order</legend>
        <Checkbox name="shuffleOptions" label="Shuffle each question's options" defaultChecked={settings.shuffleOptions} />
        <Checkbox name="shuffleSlots" label="Shuffle the order of the questions" defaultChecked={settings.shuffleSlots} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-4" id="settings-status">
        <Button type="submit" pending={pending}>
          Save settings
        </Button>
        <SaveStatus status={status} />
        {result?.ok && result.message ? <p className="text-sm text-slate-600">{result.message}</p> : null}
      </div>
    </form>
  );
}

function Checkbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  return (
    <label htmlFor={name} className="flex items-center gap-2 text-sm text-slate-800">
      <input
        id={name}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
      />
      {label}
    </label>
  );
}
