"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { OwnCardView } from "@/lib/review/own-cards/data";
import { BACK_MAX_CHARS, FRONT_MAX_CHARS } from "@/lib/review/own-cards/limits";

export interface OwnCardDraft {
  front: string;
  back: string;
  sectionKey: string | null;
  reversible: boolean;
}

export const EMPTY_DRAFT: OwnCardDraft = { front: "", back: "", sectionKey: null, reversible: false };

const TEXTAREA =
  "block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-indigo-500";

function TextArea(props: {
  autoFocus?: boolean;
  id: string;
  name: "front" | "back";
  label: string;
  hint: string;
  max: number;
  value: string;
  errors?: string[];
  rows: number;
  onChange: (value: string) => void;
}) {
  const { autoFocus, id, name, label, hint, max, value, errors, rows, onChange } = props;
  const invalid = !!errors?.length;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        autoFocus={autoFocus}
        id={id}
        name={name}
        rows={rows}
        maxLength={max}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ""}`}
        className={`${TEXTAREA} ${invalid ? "border-red-500" : "border-slate-300"}`}
      />
      <p id={`${id}-hint`} className="flex justify-between gap-2 text-xs text-slate-600">
        <span>{hint}</span>
        <span className="tabular-nums">
          {value.length.toLocaleString("en-US")} / {max.toLocaleString("en-US")}
        </span>
      </p>
      {invalid ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A card's front, back, section and direction, saved with `save` (a server action taking the form's
 * fields). Field errors show under their field; anything else above the buttons. A section may be
 * fixed (a card made from a passage): it is then sent, and named, but not offered.
 */
export function OwnCardForm({
  draft,
  hidden,
  sections,
  fixedSection,
  submitLabel,
  save,
  onSaved,
  onCancel,
  resetOnSave = false,
  autoFocus = false,
}: {
  draft: OwnCardDraft;
  hidden: Record<string, string>;
  sections: { key: string; title: string }[];
  fixedSection?: { key: string; title: string };
  submitLabel: string;
  save: (data: FormData) => Promise<ActionResult<OwnCardView>>;
  onSaved: (card: OwnCardView) => void;
  onCancel?: () => void;
  resetOnSave?: boolean;
  /** Focus the front when the form appears (an edit opened in place of the card). */
  autoFocus?: boolean;
}) {
  const id = useId();
  const [values, setValues] = useState(draft);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const frontRef = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setMessage(null);
    try {
      const result = await save(data);
      if (result.ok) {
        setErrors({});
        if (resetOnSave) {
          // Ready for the next card: the same section and direction, the text fields empty.
          setValues({ ...draft, sectionKey: values.sectionKey, reversible: values.reversible });
          frontRef.current?.querySelector("textarea")?.focus();
        }
        onSaved(result.data);
      } else {
        const fields = result.fieldErrors ?? {};
        setErrors(fields);
        // Errors of the fields shown sit under them; any other (the lecture, the card) above the buttons.
        const fieldsShown = fixedSection ? ["front", "back"] : ["front", "back", "sectionKey"];
        const shown = fieldsShown.filter((key) => fields[key]);
        const other = Object.entries(fields).find(([key]) => !fieldsShown.includes(key));
        setMessage(other ? other[1][0]! : shown.length === 0 ? result.message : null);
        if (shown[0]) (form.elements.namedItem(shown[0]) as HTMLElement | null)?.focus();
      }
    } catch {
      setMessage(NETWORK_ERROR_MESSAGE);
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-3" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div ref={frontRef}>
        <TextArea
          autoFocus={autoFocus}
          id={`${id}-front`}
          name="front"
          label="Front"
          hint="The question or term you want to be asked."
          max={FRONT_MAX_CHARS}
          rows={2}
          value={values.front}
          errors={errors.front}
          onChange={(front) => setValues((v) => ({ ...v, front }))}
        />
      </div>
      <TextArea
        id={`${id}-back`}
        name="back"
        label="Back"
        hint="The answer you expect."
        max={BACK_MAX_CHARS}
        rows={4}
        value={values.back}
        errors={errors.back}
        onChange={(back) => setValues((v) => ({ ...v, back }))}
      />
      {fixedSection ? (
        <>
          <input type="hidden" name="sectionKey" value={fixedSection.key} />
          <p className="text-sm text-slate-700">
            Links back to the notes section <span className="font-medium">“{fixedSection.title}”</span>.
          </p>
        </>
      ) : (
        <div className="space-y-1">
          <label htmlFor={`${id}-section`} className="block text-sm font-medium text-slate-800">
            Notes section <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <select
            id={`${id}-section`}
            name="sectionKey"
            value={values.sectionKey ?? ""}
            onChange={(event) => setValues((v) => ({ ...v, sectionKey: event.target.value || null }))}
            aria-invalid={errors.sectionKey ? true : undefined}
            aria-describedby={errors.sectionKey ? `${id}-section-error` : undefined}
            className={`${TEXTAREA} ${errors.sectionKey ? "border-red-500" : "border-slate-300"}`}
          >
            <option value="">None</option>
            {sections.map((s) => (
              <option key={s.key} value={s.key}>
                {s.title}
              </option>
            ))}
          </select>
          {errors.sectionKey ? (
            <p id={`${id}-section-error`} className="text-sm text-red-700">
              {errors.sectionKey.join(" ")}
            </p>
          ) : null}
        </div>
      )}
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          name="reversible"
          checked={values.reversible}
          onChange={(event) => setValues((v) => ({ ...v, reversible: event.target.checked }))}
          className="mt-0.5 size-4 rounded border-slate-300"
          aria-describedby={`${id}-reversible-hint`}
        />
        <span>
          Also ask it the other way round
          <span id={`${id}-reversible-hint`} className="block text-xs text-slate-600">
            For a term and its definition: you are also shown the back and asked for the front.
          </span>
        </span>
      </label>
      {message ? (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
