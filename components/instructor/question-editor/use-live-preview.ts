"use client";

// The editor's live preview: the draft is sent to the server 300 ms after typing stops, and at least
// once a second while it goes on (a bounded wait); an answer that came back for an older draft is
// dropped. `updating` is true from the first change until the newest draft's answer is in.
import { useEffect, useRef, useState } from "react";
import { previewQuestionAction } from "@/lib/question-editor/actions";
import type { QuestionDraft } from "@/lib/question-editor/schemas";
import type { PreviewResult } from "@/lib/question-editor/save";

export const PREVIEW_DEBOUNCE_MS = 300;
export const PREVIEW_MAX_WAIT_MS = 1000;

interface Request {
  questionId: string;
  draft: QuestionDraft;
  seed: number;
  answer?: { chosen: string[]; text: string | null };
}

export function useLivePreview(request: Request, initial: PreviewResult | null) {
  const [result, setResult] = useState<PreviewResult | null>(initial);
  const [updating, setUpdating] = useState(initial === null);
  const [failure, setFailure] = useState<string | null>(null);
  const sequence = useRef(0);
  const firstChange = useRef<number | null>(null);
  const key = JSON.stringify(request);

  useEffect(() => {
    const mine = ++sequence.current;
    const now = Date.now();
    firstChange.current ??= now;
    const wait = Math.max(0, Math.min(PREVIEW_DEBOUNCE_MS, firstChange.current + PREVIEW_MAX_WAIT_MS - now));
    // Reflects the timer below: from the first change until the answer, the panel says it is updating.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUpdating(true);
    const timer = setTimeout(async () => {
      firstChange.current = null;
      try {
        const reply = await previewQuestionAction(null, JSON.parse(key) as Record<string, unknown>);
        if (mine !== sequence.current) return;
        if (reply.ok) {
          setResult(reply.data);
          setFailure(null);
        } else setFailure(reply.message);
      } catch {
        if (mine === sequence.current) setFailure("Could not reach the server to update the preview; it will try again as you type.");
      }
      if (mine === sequence.current) setUpdating(false);
    }, wait);
    return () => clearTimeout(timer);
  }, [key]);

  return { result, updating, failure };
}
