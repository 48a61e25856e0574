"use client";

import { ActionButtonForm } from "@/components/ui/action-button-form";
import { startAttemptAction } from "@/lib/quiz/actions";

export function StartAttemptButton({ quizId, label }: { quizId: string; label: string }) {
  return <ActionButtonForm action={startAttemptAction} fields={{ quizId }} label={label} className="px-6 py-3 text-base" />;
}
