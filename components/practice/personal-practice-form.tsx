"use client";

import { useActionState, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { startPersonalPracticeAction } from "@/lib/practice/personal/actions";
import { DEFAULT_LENGTH, MODE_LABELS, PRACTICE_LENGTHS, PRACTICE_MODES, type PracticeMode } from "@/lib/practice/personal/options";

export interface PracticeTopicOption {
  key: string;
  name: string;
  /** "Needs work", "Not started", … */
  label: string;
  questions: number;
}

type Length = (typeof PRACTICE_LENGTHS)[number];

const RADIO = "mt-0.5 size-4 border-slate-300 text-indigo-600 focus:ring-indigo-500";
const CHECKBOX = "mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500";
const SELECT =
  "block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";

/**
 * The personal practice quiz's choices: what to practise (my weak spots, or chosen topics), how many
 * questions, how hard. Starting opens the session (the action redirects); when one is in progress,
 * starting ends it (`restart`). Errors show under their field, anything else above the button.
 */
export function PersonalPracticeForm({
  lectureSlug,
  topics,
  weakTopics,
  hasOpenSession,
}: {
  lectureSlug: string;
  topics: PracticeTopicOption[];
  /** For each length offered, the topics "my weak spots" means. */
  weakTopics: Record<Length, { key: string; name: string }[]>;
  hasOpenSession: boolean;
}) {
  const id = useId();
  const [scope, setScope] = useState<"weak" | "topics">("weak");
  const [chosen, setChosen] = useState<string[]>([]);
  const [length, setLength] = useState<Length>(DEFAULT_LENGTH as Length);
  const [mode, setMode] = useState<PracticeMode>("review");
  const [localError, setLocalError] = useState<string | null>(null);
  const [result, start, pending] = useActionState(resilient(startPersonalPracticeAction), null);
  const [, startTransition] = useTransition();
  const topicsRef = useRef<HTMLFieldSetElement>(null);

  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const topicError = localError ?? fieldErrors.topics?.join(" ") ?? null;
  const otherError = result && !result.ok && !fieldErrors.topics && !localError ? result.message : null;
  const weak = weakTopics[length] ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (scope === "topics" && chosen.length === 0) {
      setLocalError("Choose at least one topic.");
      topicsRef.current?.querySelector("input")?.focus();
      return;
    }
    setLocalError(null);
    // In the order the topics are listed, so the request reads the same whatever the clicks' order.
    const picked = topics.filter((t) => chosen.includes(t.key)).map((t) => t.key);
    startTransition(() =>
      start({ lectureSlug, topics: scope === "weak" ? "weak" : picked.join(","), length: String(length), mode, restart: hasOpenSession ? "true" : "false" }),
    );
  };
  const toggle = (key: string, on: boolean) => setChosen((current) => (on ? [...current, key] : current.filter((k) => k !== key)));

  return (
    <form onSubmit={submit} className="space-y-6" noValidate aria-describedby={otherError ? `${id}-error` : undefined}>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold text-slate-900">What to practise</legend>
        <label className="flex items-start gap-3">
          <input type="radio" name="scope" value="weak" checked={scope === "weak"} onChange={() => setScope("weak")} className={RADIO} />
          <span>
            <span className="block font-medium text-slate-900">My weak spots</span>
            <span className="block text-sm text-slate-600" data-testid="weak-topics">
              {weak.length > 0 ? `Right now: ${weak.map((t) => t.name).join(", ")}.` : "No topic has questions yet."}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-3">
          <input type="radio" name="scope" value="topics" checked={scope === "topics"} onChange={() => setScope("topics")} className={RADIO} />
          <span className="font-medium text-slate-900">Choose topics</span>
        </label>
        {scope === "topics" ? (
          <fieldset ref={topicsRef} className="ml-7 space-y-1" aria-describedby={topicError ? `${id}-topics-error` : undefined}>
            <legend className="sr-only">Topics</legend>
            <ul className="space-y-1">
              {topics.map((topic) => (
                <li key={topic.key}>
                  <label className={`flex items-start gap-2 rounded px-2 py-1 ${topic.questions === 0 ? "text-slate-400" : "hover:bg-slate-50"}`}>
                    <input
                      type="checkbox"
                      name="topics"
                      value={topic.key}
                      checked={chosen.includes(topic.key)}
                      disabled={topic.questions === 0}
                      aria-invalid={topicError ? true : undefined}
                      onChange={(event) => toggle(topic.key, event.target.checked)}
                      className={CHECKBOX}
                    />
                    <span>
                      <span className="block text-slate-900">{topic.name}</span>
                      <span className="block text-xs text-slate-600">
                        {topic.label} · {topic.questions} question{topic.questions === 1 ? "" : "s"}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        {topicError ? (
          <p id={`${id}-topics-error`} className="text-sm text-red-700">
            {topicError}
          </p>
        ) : null}
      </fieldset>

      <div className="space-y-1">
        <label htmlFor={`${id}-length`} className="block text-base font-semibold text-slate-900">
          How many questions
        </label>
        <select
          id={`${id}-length`}
          name="length"
          value={length}
          onChange={(event) => setLength(Number(event.target.value) as Length)}
          aria-invalid={fieldErrors.length ? true : undefined}
          aria-describedby={fieldErrors.length ? `${id}-length-error` : undefined}
          className={SELECT}
        >
          {PRACTICE_LENGTHS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {fieldErrors.length ? (
          <p id={`${id}-length-error`} className="text-sm text-red-700">
            {fieldErrors.length.join(" ")}
          </p>
        ) : null}
      </div>

      <fieldset className="space-y-2">
        <legend className="text-base font-semibold text-slate-900">How hard</legend>
        {PRACTICE_MODES.map((m) => (
          <label key={m} className="flex items-start gap-3">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className={RADIO} />
            <span className="text-slate-900">{MODE_LABELS[m]}</span>
          </label>
        ))}
        {fieldErrors.mode ? <p className="text-sm text-red-700">{fieldErrors.mode.join(" ")}</p> : null}
      </fieldset>

      {otherError ? (
        <div id={`${id}-error`}>
          <Alert tone="error">{otherError}</Alert>
        </div>
      ) : null}
      <div className="space-y-2">
        <Button type="submit" pending={pending}>
          {hasOpenSession ? "Start a new one" : "Start"}
        </Button>
        {hasOpenSession ? <p className="text-sm text-slate-600">Starting a new one ends the practice in progress.</p> : null}
      </div>
    </form>
  );
}
