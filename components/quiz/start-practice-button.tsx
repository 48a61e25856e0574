"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { startPracticeAction } from "@/lib/quiz/actions";

export function StartPracticeButton({ quizId, label }: { quizId: string; label: string }) {
  const [result, formAction, pending] = useActionState(resilient(startPracticeAction), null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="quizId" value={quizId} />
      <Button type="submit" variant="secondary" pending={pending}>
        {label}
      </Button>
      {result && !result.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
