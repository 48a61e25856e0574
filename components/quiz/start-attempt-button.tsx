"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { startAttemptAction } from "@/lib/quiz/actions";

export function StartAttemptButton({ quizId, label }: { quizId: string; label: string }) {
  const [result, formAction, pending] = useActionState(resilient(startAttemptAction), null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="quizId" value={quizId} />
      <Button type="submit" pending={pending} className="px-6 py-3 text-base">
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
