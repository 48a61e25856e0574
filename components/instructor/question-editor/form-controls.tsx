"use client";

// The editor's labelled controls: each tied to its problems (aria-invalid, aria-describedby) so a
// screen reader says what is wrong where it is, and identified by the draft field it edits.
import type { ReactNode } from "react";
import { gradeChoices, readDraftNumber } from "@/lib/question-editor/draft";

export const fieldId = (field: string) => `qe-${field.replace(/\./g, "-")}`;

const CONTROL =
  "block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 disabled:bg-slate-100";

export function Problems({ field, errors }: { field: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${fieldId(field)}-error`} className="text-sm text-red-800">
      {errors.join(" ")}
    </p>
  );
}

interface ControlProps {
  field: string;
  label: ReactNode;
  errors?: string[];
  hint?: string;
}

function describedBy(field: string, errors?: string[], hint?: string) {
  return [errors?.length ? `${fieldId(field)}-error` : null, hint ? `${fieldId(field)}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function Frame({ field, label, errors, hint, children }: ControlProps & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={fieldId(field)} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${fieldId(field)}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <Problems field={field} errors={errors} />
    </div>
  );
}

export function TextControl({ value, onChange, rows, ...props }: ControlProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  const common = {
    id: fieldId(props.field),
    value,
    "aria-invalid": props.errors?.length ? true : undefined,
    "aria-describedby": describedBy(props.field, props.errors, props.hint),
    className: `${CONTROL} ${props.errors?.length ? "border-red-600" : "border-slate-300"}`,
  };
  return (
    <Frame {...props}>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
    </Frame>
  );
}

export function SelectControl({
  value,
  onChange,
  choices,
  ...props
}: ControlProps & { value: string; onChange: (value: string) => void; choices: { value: string; label: string }[] }) {
  return (
    <Frame {...props}>
      <select
        id={fieldId(props.field)}
        value={value}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(props.field, props.errors, props.hint)}
        onChange={(e) => onChange(e.target.value)}
        className={`${CONTROL} ${props.errors?.length ? "border-red-600" : "border-slate-300"}`}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A credit as one of Moodle's grades; a stored value that is none of them is offered as itself, marked. */
export function GradeControl({ value, negative, ...props }: ControlProps & { value: string; negative: boolean; onChange: (value: string) => void }) {
  const current = readDraftNumber(value);
  const grades = gradeChoices({ negative });
  const match = current === null ? -1 : grades.findIndex((g) => Math.abs(g.value - current) < 0.00001);
  const matched = match >= 0;
  // The matching grade keeps the draft's exact value, so an untouched stored credit reads back as itself.
  const choices = grades.map((g, i) => ({ value: i === match ? value : String(g.value), label: g.label }));
  if (!matched) choices.unshift({ value, label: `${value === "" ? "none" : `${Number(((current ?? 0) * 100).toFixed(5))}%`} (not one of Moodle's grades)` });
  return <SelectControl {...props} value={value} choices={choices} />;
}

export function RowButtons({
  what,
  index,
  count,
  onMove,
  onRemove,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const button = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:text-slate-400";
  return (
    <div className="flex gap-1">
      <button type="button" className={button} disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move ${what} ${index + 1} up`}>
        Up
      </button>
      <button type="button" className={button} disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move ${what} ${index + 1} down`}>
        Down
      </button>
      <button type="button" className={button} onClick={onRemove} aria-label={`Remove ${what} ${index + 1}`}>
        Remove
      </button>
    </div>
  );
}

/** The list with the row at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row!);
  return next;
}
