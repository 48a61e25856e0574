"use client";

// How a student answers a question of any type, with the keyboard as well as the pointer: radio
// buttons or checkboxes for a choice; a text box for a short answer, a number or an essay; for
// matching, one labelled menu per prompt (no drag and drop); for cloze, the text with a box or a
// choice in each gap. The answer is what the server stores: option keys, or text (a JSON list of one
// string per prompt or gap for matching and cloze).
import { RichText } from "@/components/ui/rich-text";
import type { ClozeGap, QuestionDisplay, RichOption } from "@/lib/quiz/question-display";
import { answerList } from "@/lib/bank/answers/answer-list";

export interface InputAnswer {
  chosen: string[];
  text?: string | null;
}

interface Props {
  display: QuestionDisplay;
  answer: InputAnswer;
  onChange: (answer: InputAnswer) => void;
  /** Unique per question on the page: the inputs' ids and names start with it. */
  idPrefix: string;
  disabled?: boolean;
}

const field =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

function OptionList({
  options,
  multiple,
  chosen,
  name,
  disabled,
  horizontal = false,
  onToggle,
}: {
  options: ({ value: string; text: string } | RichOption)[];
  multiple: boolean;
  chosen: readonly string[];
  name: string;
  disabled?: boolean;
  horizontal?: boolean;
  onToggle: (value: string, checked: boolean) => void;
}) {
  return (
    <div className={horizontal ? "flex flex-wrap gap-2" : "space-y-2"}>
      {options.map((option) => {
        const id = `${name}-${option.value}`;
        const checked = chosen.includes(option.value);
        return (
          <label
            key={option.value}
            htmlFor={id}
            className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-slate-800 transition-colors ${
              checked ? "border-indigo-500 bg-indigo-50" : "border-slate-200 hover:bg-slate-50"
            }`}
          >
            <input
              id={id}
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={option.value}
              checked={checked}
              disabled={disabled}
              onChange={(event) => onToggle(option.value, event.target.checked)}
              className="mt-1 size-4 accent-indigo-600"
            />
            {"html" in option ? <RichText as="span" html={option.html} /> : <span className="whitespace-pre-line">{option.text}</span>}
          </label>
        );
      })}
    </div>
  );
}

/** Toggles `value` in a list kept in the options' order (one value only when not `multiple`). */
function toggled(order: readonly string[], chosen: readonly string[], value: string, checked: boolean, multiple: boolean): string[] {
  if (!multiple) return [value];
  const next = checked ? new Set([...chosen, value]) : new Set(chosen.filter((v) => v !== value));
  return order.filter((v) => next.has(v));
}

function ClozeGapInput({
  gap,
  index,
  value,
  idPrefix,
  disabled,
  onChange,
}: {
  gap: ClozeGap;
  index: number;
  value: string;
  idPrefix: string;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  const label = `Gap ${index + 1}`;
  if (gap.kind !== "choice")
    return (
      <input
        type="text"
        inputMode={gap.kind === "number" ? "decimal" : "text"}
        aria-label={gap.kind === "number" ? `${label} (a number)` : label}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        className={`${field} mx-1 inline-block w-40 py-1`}
        autoComplete="off"
        spellCheck={false}
      />
    );
  if (gap.display === "dropdown" && !gap.multiple)
    return (
      <select
        aria-label={label}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        className={`${field} mx-1 inline-block py-1`}
      >
        <option value="">Choose…</option>
        {gap.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    );
  const chosen = value ? value.split(",") : [];
  return (
    <fieldset className="my-2 block rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">{label}</legend>
      <OptionList
        options={gap.options}
        multiple={gap.multiple}
        chosen={chosen}
        name={`${idPrefix}-gap${index}`}
        disabled={disabled}
        horizontal={gap.display === "horizontal"}
        onToggle={(v, checked) =>
          onChange(
            toggled(
              gap.options.map((o) => o.value),
              chosen,
              v,
              checked,
              gap.multiple,
            ).join(","),
          )
        }
      />
    </fieldset>
  );
}

/** A matching or cloze answer: one string per prompt or gap, and how to change one of them. */
function listAnswer(answer: InputAnswer, count: number, onChange: (answer: InputAnswer) => void): [string[], (i: number, value: string) => void] {
  const given = answerList(answer.text);
  const change = (i: number, value: string) =>
    onChange({ chosen: [], text: JSON.stringify(Array.from({ length: count }, (_, j) => (j === i ? value : (given[j] ?? "")))) });
  return [given, change];
}

export function QuestionInput({ display, answer, onChange, idPrefix, disabled }: Props) {
  switch (display.kind) {
    case "choice":
      return (
        <OptionList
          options={display.options}
          multiple={display.multiple}
          chosen={answer.chosen}
          name={idPrefix}
          disabled={disabled}
          onToggle={(value, checked) =>
            onChange({
              chosen: toggled(
                display.options.map((o) => o.value),
                answer.chosen,
                value,
                checked,
                display.multiple,
              ),
              text: null,
            })
          }
        />
      );
    case "text": {
      const id = `${idPrefix}-text`;
      const label = display.input === "number" ? "Your answer (a number)" : display.input === "essay" ? "Your answer (a teacher will grade it)" : "Your answer";
      const change = (text: string) => onChange({ chosen: [], text });
      return (
        <div className="space-y-1">
          <label htmlFor={id} className="block text-sm font-medium text-slate-700">
            {label}
          </label>
          {display.input === "essay" ? (
            <textarea id={id} rows={10} value={answer.text ?? ""} disabled={disabled} onChange={(e) => change(e.target.value)} className={`${field} w-full`} />
          ) : (
            <input
              id={id}
              type="text"
              inputMode={display.input === "number" ? "decimal" : "text"}
              value={answer.text ?? ""}
              disabled={disabled}
              onChange={(e) => change(e.target.value)}
              className={`${field} w-full max-w-md`}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </div>
      );
    }
    case "matching": {
      const [given, change] = listAnswer(answer, display.prompts.length, onChange);
      return (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">Choose the answer that matches each item.</p>
          {display.prompts.map((prompt, i) => {
            const id = `${idPrefix}-match${i}`;
            return (
              <div key={i} className="grid items-center gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
                <label htmlFor={id} className="whitespace-pre-line text-slate-800">
                  {prompt}
                </label>
                <select id={id} value={given[i] ?? ""} disabled={disabled} onChange={(e) => change(i, e.target.value)} className={field}>
                  <option value="">Choose…</option>
                  {display.choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.text}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
      );
    }
    case "cloze": {
      const [given, change] = listAnswer(answer, display.gaps.length, onChange);
      return (
        <div className="whitespace-pre-line leading-loose text-slate-800">
          {display.segments.map((segment, i) =>
            "text" in segment ? (
              <span key={i}>{segment.text}</span>
            ) : display.gaps[segment.gap] ? (
              <ClozeGapInput
                key={i}
                gap={display.gaps[segment.gap]!}
                index={segment.gap}
                value={given[segment.gap] ?? ""}
                idPrefix={idPrefix}
                disabled={disabled}
                onChange={(value) => change(segment.gap, value)}
              />
            ) : null,
          )}
        </div>
      );
    }
  }
}
