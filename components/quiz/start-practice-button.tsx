"use client";

import { ActionButtonForm } from "@/components/ui/action-button-form";
import { startPracticeAction } from "@/lib/quiz/actions";

export function StartPracticeButton({ quizId, label }: { quizId: string; label: string }) {
  return <ActionButtonForm action={startPracticeAction} fields={{ quizId }} label={label} variant="secondary" />;
}
