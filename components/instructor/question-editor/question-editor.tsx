"use client";

// The question editor: the form on one side, the live student preview on the other. Every change is
// checked on the server (the bank's rules, as for content files and imports) and previewed; problems
// show in words beside their fields and in a list above the form. Saving makes a new version, or
// says there is nothing to save; leaving with unsaved changes asks first.
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { InputAnswer } from "@/components/quiz/question-input";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import { saveQuestionAction } from "@/lib/question-editor/actions";
import type { QuestionEditorView } from "@/lib/question-editor/data";
import type { SaveResult } from "@/lib/question-editor/save";
import type { QuestionDraft } from "@/lib/question-editor/schemas";
import { fieldId, SelectControl, TextControl } from "./form-controls";
import { QuestionPreview } from "./question-preview";
import { TypeFields } from "./type-fields";
import { useLivePreview } from "./use-live-preview";

type Props = Pick<QuestionEditorView, "id" | "version" | "draft" | "topics" | "sections" | "stale">;

const STEM_HINT = {
  cloze: "Write each gap in Moodle's embedded-answers syntax, e.g. {1:SHORTANSWER:=Berlin#Yes~%50%Bonn#Half} or {2:MULTICHOICE:=yes~no}.",
  html: "This question's texts are HTML (paragraphs, emphasis, lists, tables, links, images); anything else is removed when shown.",
};

type Notice = { tone: "success" | "info" | "error"; text: string } | null;

const newSeed = () => Math.floor(Math.random() * 2 ** 31);

export function QuestionEditor({ id, version: openedVersion, draft: initial, topics, sections, stale: initialStale }: Props) {
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(() => JSON.stringify(initial));
  const [version, setVersion] = useState(openedVersion);
  const [seed, setSeed] = useState(newSeed);
  const [answer, setAnswer] = useState<InputAnswer>({ chosen: [], text: null });
  const [showReview, setShowReview] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [stale, setStale] = useState(initialStale);
  const [saveProblems, setSaveProblems] = useState<Extract<SaveResult, { status: "invalid" }> | null>(null);
  const dirty = JSON.stringify(draft) !== saved;

  const live = useLivePreview({ questionId: id, draft, seed, ...(showReview ? { answer: { chosen: answer.chosen, text: answer.text ?? null } } : {}) }, null);
  const problems = useMemo(() => live.result?.problems ?? saveProblems?.problems ?? [], [live.result, saveProblems]);
  const errors = useMemo(() => {
    const byField: Record<string, string[]> = {};
    for (const p of problems) (byField[p.field] ??= []).push(p.message);
    return byField;
  }, [problems]);

  // Leaving with unsaved changes asks first: closing or reloading the tab, and following a link.
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when it is set
    };
    const click = (event: MouseEvent) => {
      const link = (event.target as HTMLElement | null)?.closest("a[href]");
      if (link && !link.hasAttribute("download") && !window.confirm("You have unsaved changes. Leave without saving them?")) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [dirty]);

  const change = (next: QuestionDraft) => {
    setDraft(next);
    setNotice(null);
  };

  async function save() {
    setSaving(true);
    setNotice(null);
    try {
      const reply = await saveQuestionAction(null, { questionId: id, draft, baseVersion: version });
      if (!reply.ok) return setNotice({ tone: "error", text: reply.message });
      const result = reply.data;
      if (result.status === "invalid") {
        setSaveProblems(result);
        setNotice({ tone: "error", text: "Not saved: the question has problems, listed above the form." });
        return;
      }
      setSaveProblems(null);
      setSaved(JSON.stringify(draft));
      if (result.status === "unchanged") return setNotice({ tone: "info", text: "No changes to save." });
      setVersion(result.version);
      setStale(result.stale);
      setNotice({
        tone: "success",
        text:
          result.status === "saved" ? `Saved as version ${result.version}.` : "Saved: the topic changed (no new version: a topic is not part of a version).",
      });
    } catch {
      setNotice({ tone: "error", text: NETWORK_ERROR_MESSAGE });
    } finally {
      setSaving(false);
    }
  }

  const set =
    <K extends keyof QuestionDraft>(key: K) =>
    (value: QuestionDraft[K]) =>
      change({ ...draft, [key]: value });
  const html = draft.format === "html";

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form
        className="space-y-5"
        aria-labelledby="editor-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="editor-title" className="sr-only">
          Edit the question
        </h2>
        {problems.length > 0 ? (
          <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="editor-problems">
            <p className="font-medium">{problems.length === 1 ? "One problem to fix:" : `${problems.length} problems to fix:`}</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.field === "_form" ? (
                    p.summary
                  ) : (
                    <a href={`#${fieldId(p.field)}`} className="underline">
                      {p.summary}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <TextControl field="name" label="Name (for teachers: the bank and the dashboard)" value={draft.name} errors={errors.name} onChange={set("name")} />
        <TextControl
          field="stem"
          label={draft.type === "cloze" ? "Question text, with its gaps" : "Question text"}
          rows={draft.type === "cloze" ? 8 : 5}
          hint={draft.type === "cloze" ? STEM_HINT.cloze : html ? STEM_HINT.html : undefined}
          value={draft.stem}
          errors={errors.stem}
          onChange={set("stem")}
        />
        <TypeFields draft={draft} errors={errors} onChange={change} />
        <TextControl
          field="generalFeedback"
          label="General feedback (shown after submission, whatever the answer)"
          rows={3}
          value={draft.generalFeedback}
          errors={errors.generalFeedback}
          onChange={set("generalFeedback")}
        />
        <TextControl
          field="explanation"
          label="Explanation (why, with a link to the notes)"
          rows={3}
          value={draft.explanation}
          errors={errors.explanation}
          onChange={set("explanation")}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectControl
            field="topic"
            label="Topic"
            value={draft.topic}
            errors={errors.topic}
            onChange={set("topic")}
            choices={[{ value: "", label: "No topic" }, ...topics.map((t) => ({ value: t.key, label: t.name }))]}
          />
          <SelectControl
            field="section"
            label="Notes section"
            value={draft.section}
            errors={errors.section}
            onChange={set("section")}
            choices={[{ value: "", label: "No section" }, ...sections.map((s) => ({ value: s.key, label: s.title }))]}
          />
          <TextControl field="maxMark" label="Default mark" value={draft.maxMark} errors={errors.maxMark} onChange={set("maxMark")} />
        </div>
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
          <Button type="submit" pending={saving}>
            Save
          </Button>
          <span className="text-sm text-slate-600" aria-live="polite">
            {dirty ? "Unsaved changes" : `Version ${version}`}
          </span>
        </div>
        {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
        {stale.length > 0 ? (
          <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="regrade-links">
            <p className="font-medium">Submitted attempts saw an older version:</p>
            <ul className="mt-1 space-y-1">
              {stale.map((s) => (
                <li key={s.slotId}>
                  {s.quizTitle}, question {s.position + 1}: {s.attempts} answer{s.attempts === 1 ? "" : "s"} from version {s.from} on.{" "}
                  <Link href={s.href} className="font-medium text-indigo-800 underline">
                    Regrade attempts
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <QuestionPreview
          result={live.result}
          updating={live.updating}
          failure={live.failure}
          answer={answer}
          onAnswer={setAnswer}
          showReview={showReview}
          onShowReview={setShowReview}
          onShuffle={() => {
            setSeed(newSeed());
            setAnswer({ chosen: [], text: null });
          }}
        />
      </div>
    </div>
  );
}
