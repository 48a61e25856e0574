"use client";

// What each type adds to the common fields: choice options (text, credit, feedback; added, removed,
// reordered), true/false's answer and its two feedbacks, accepted short answers, numerical answers,
// matching pairs and extra distractors, and for cloze a note on Moodle's gap syntax (its gaps are
// written in its text).
import { Button } from "@/components/ui/button";
import { emptyAnswer, emptyOption, emptyPair } from "@/lib/question-editor/draft";
import type { QuestionDraft } from "@/lib/question-editor/schemas";
import { fieldId, GradeControl, moved, Problems, RowButtons, SelectControl, TextControl } from "./form-controls";

interface Props {
  draft: QuestionDraft;
  errors: Record<string, string[]>;
  onChange: (draft: QuestionDraft) => void;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ROW = "space-y-3 rounded-lg border border-slate-200 p-4";

function ListFrame({ title, field, errors, children }: { title: string; field: string; errors: Props["errors"]; children: React.ReactNode }) {
  return (
    <fieldset id={fieldId(field)} className="space-y-3" aria-describedby={errors[field]?.length ? `${fieldId(field)}-error` : undefined}>
      <legend className="text-base font-semibold text-slate-900">{title}</legend>
      <Problems field={field} errors={errors[field]} />
      {children}
    </fieldset>
  );
}

function ChoiceOptions({ draft, errors, onChange }: Props) {
  const set = (options: QuestionDraft["options"]) => onChange({ ...draft, options });
  const edit = (i: number, change: Partial<QuestionDraft["options"][number]>) => set(draft.options.map((o, j) => (j === i ? { ...o, ...change } : o)));
  return (
    <ListFrame title="Options" field="options" errors={errors}>
      <p className="text-sm text-slate-600">
        {draft.type === "multiple"
          ? "Each right option gives a share of the mark; a wrong one may take some away (the mark never goes below zero)."
          : "The option with the most credit is the key; an option may give part of the mark."}
      </p>
      {draft.options.map((option, i) => (
        <div key={i} className={ROW} role="group" aria-label={`Option ${LETTERS[i] ?? i + 1}`}>
          <div className="flex items-center justify-between">
            <span className="text-sm font-semibold">Option {LETTERS[i] ?? i + 1}</span>
            <RowButtons
              what="option"
              index={i}
              count={draft.options.length}
              onMove={(to) => set(moved(draft.options, i, to))}
              onRemove={() => set(draft.options.filter((_, j) => j !== i))}
            />
          </div>
          <TextControl
            field={`options.${i}.text`}
            label="Text"
            value={option.text}
            rows={2}
            errors={errors[`options.${i}.text`]}
            onChange={(text) => edit(i, { text })}
          />
          <GradeControl
            field={`options.${i}.grade`}
            label="Credit"
            value={option.grade}
            negative={draft.type === "multiple"}
            errors={errors[`options.${i}.grade`]}
            onChange={(grade) => edit(i, { grade })}
          />
          <TextControl
            field={`options.${i}.feedback`}
            label="Feedback (shown to a student who chose it)"
            value={option.feedback}
            rows={2}
            errors={errors[`options.${i}.feedback`]}
            onChange={(feedback) => edit(i, { feedback })}
          />
        </div>
      ))}
      <Button type="button" variant="secondary" onClick={() => set([...draft.options, emptyOption()])}>
        Add an option
      </Button>
    </ListFrame>
  );
}

function Answers({ draft, errors, onChange }: Props) {
  const numerical = draft.type === "numerical";
  const set = (answers: QuestionDraft["answers"]) => onChange({ ...draft, answers });
  const edit = (i: number, change: Partial<QuestionDraft["answers"][number]>) => set(draft.answers.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const at = (i: number, leaf: string) => errors[`answers.${i}.${leaf}`];
  return (
    <ListFrame title={numerical ? "Answers" : "Accepted answers"} field="answers" errors={errors}>
      <p className="text-sm text-slate-600">
        {numerical
          ? "The first answer whose value ± tolerance holds the student's number gives its credit; * matches any other number (for its feedback)."
          : "The first answer that matches gives its credit; * in an answer matches any run of characters."}
      </p>
      {!numerical ? (
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            checked={draft.caseSensitive}
            onChange={(e) => onChange({ ...draft, caseSensitive: e.target.checked })}
            className="size-4 accent-indigo-600"
          />
          Case matters
        </label>
      ) : null}
      {draft.answers.map((answer, i) => (
        <div key={i} className={ROW} role="group" aria-label={`Answer ${i + 1}`}>
          <div className="flex items-center justify-between">
            <span className="text-sm font-semibold">Answer {i + 1}</span>
            <RowButtons
              what="answer"
              index={i}
              count={draft.answers.length}
              onMove={(to) => set(moved(draft.answers, i, to))}
              onRemove={() => set(draft.answers.filter((_, j) => j !== i))}
            />
          </div>
          {numerical ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextControl
                field={`answers.${i}.value`}
                label="Value"
                hint="A number, or * for any other number"
                value={answer.value}
                errors={at(i, "value")}
                onChange={(value) => edit(i, { value })}
              />
              <TextControl
                field={`answers.${i}.tolerance`}
                label="Tolerance (±)"
                value={answer.tolerance}
                errors={at(i, "tolerance")}
                onChange={(tolerance) => edit(i, { tolerance })}
              />
            </div>
          ) : (
            <TextControl field={`answers.${i}.text`} label="Answer" value={answer.text} errors={at(i, "text")} onChange={(text) => edit(i, { text })} />
          )}
          <GradeControl
            field={`answers.${i}.grade`}
            label="Credit"
            value={answer.grade}
            negative={false}
            errors={at(i, "grade")}
            onChange={(grade) => edit(i, { grade })}
          />
          <TextControl
            field={`answers.${i}.feedback`}
            label="Feedback"
            value={answer.feedback}
            rows={2}
            errors={at(i, "feedback")}
            onChange={(feedback) => edit(i, { feedback })}
          />
        </div>
      ))}
      <Button type="button" variant="secondary" onClick={() => set([...draft.answers, emptyAnswer()])}>
        Add an answer
      </Button>
    </ListFrame>
  );
}

function Pairs({ draft, errors, onChange }: Props) {
  const set = (pairs: QuestionDraft["pairs"]) => onChange({ ...draft, pairs });
  const edit = (i: number, change: Partial<QuestionDraft["pairs"][number]>) => set(draft.pairs.map((p, j) => (j === i ? { ...p, ...change } : p)));
  return (
    <ListFrame title="Pairs" field="pairs" errors={errors}>
      <p className="text-sm text-slate-600">Each prompt gets a menu of every answer (shuffled); an extra distractor is an answer that matches no prompt.</p>
      {draft.pairs.map((pair, i) => (
        <div key={i} className={ROW} role="group" aria-label={pair.distractor ? `Extra distractor (row ${i + 1})` : `Pair ${i + 1}`}>
          <div className="flex items-center justify-between">
            <span className="text-sm font-semibold">{pair.distractor ? `Extra distractor (row ${i + 1})` : `Pair ${i + 1}`}</span>
            <RowButtons
              what="pair"
              index={i}
              count={draft.pairs.length}
              onMove={(to) => set(moved(draft.pairs, i, to))}
              onRemove={() => set(draft.pairs.filter((_, j) => j !== i))}
            />
          </div>
          {pair.distractor ? null : (
            <TextControl
              field={`pairs.${i}.prompt`}
              label="Prompt"
              value={pair.prompt}
              errors={errors[`pairs.${i}.prompt`]}
              onChange={(prompt) => edit(i, { prompt })}
            />
          )}
          <TextControl
            field={`pairs.${i}.answer`}
            label="Answer"
            value={pair.answer}
            errors={errors[`pairs.${i}.answer`]}
            onChange={(answer) => edit(i, { answer })}
          />
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => set([...draft.pairs, emptyPair()])}>
          Add a pair
        </Button>
        <Button type="button" variant="secondary" onClick={() => set([...draft.pairs, emptyPair(true)])}>
          Add an extra distractor
        </Button>
      </div>
    </ListFrame>
  );
}

function TrueFalse({ draft, errors, onChange }: Props) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-slate-900">Answer</legend>
      <SelectControl
        field="answer"
        label="The statement is"
        value={draft.answer}
        choices={[
          { value: "true", label: "True" },
          { value: "false", label: "False" },
        ]}
        onChange={(answer) => onChange({ ...draft, answer: answer === "true" ? "true" : "false" })}
      />
      <TextControl
        field="feedbackTrue"
        label="Feedback for a student who answered “True”"
        rows={2}
        value={draft.feedbackTrue}
        errors={errors.feedbackTrue}
        onChange={(feedbackTrue) => onChange({ ...draft, feedbackTrue })}
      />
      <TextControl
        field="feedbackFalse"
        label="Feedback for a student who answered “False”"
        rows={2}
        value={draft.feedbackFalse}
        errors={errors.feedbackFalse}
        onChange={(feedbackFalse) => onChange({ ...draft, feedbackFalse })}
      />
    </fieldset>
  );
}

export function TypeFields(props: Props) {
  switch (props.draft.type) {
    case "single":
    case "multiple":
      return <ChoiceOptions {...props} />;
    case "true-false":
      return <TrueFalse {...props} />;
    case "short-answer":
    case "numerical":
      return <Answers {...props} />;
    case "matching":
      return <Pairs {...props} />;
    case "cloze":
    case "essay":
      return null;
  }
}
