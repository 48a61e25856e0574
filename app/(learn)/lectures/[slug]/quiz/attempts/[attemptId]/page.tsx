import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { TimeUpSubmission } from "@/components/quiz/time-up-submission";
import { requireViewer } from "@/lib/auth/viewer";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getAttemptForTaking } from "@/lib/quiz/data";
import { attemptPath } from "@/lib/quiz/routes";
import { attemptId as attemptIdSchema } from "@/lib/quiz/schemas";

export const metadata: Metadata = { title: "Quiz attempt" };

export default async function AttemptPage({ params }: { params: Promise<{ slug: string; attemptId: string }> }) {
  const raw = await params;
  const slug = lectureSlug.safeParse(raw.slug);
  const id = attemptIdSchema.safeParse(raw.attemptId);
  if (!slug.success || !id.success) notFound();
  const viewer = await requireViewer({ returnTo: attemptPath(slug.data, id.data) });
  // Another student's attempt is simply not found (no hint that it exists).
  const attempt = await getAttemptForTaking(viewer, id.data);
  if (!attempt || attempt.lectureSlug !== slug.data) notFound();
  if (attempt.state === "SUBMITTED" || attempt.state === "TIMED_OUT") redirect(`${attemptPath(slug.data, attempt.id)}/results`);
  // Time ran out before it was submitted: this page only reads, so the step submits it (then opens the results).
  if (attempt.state === "OVERDUE") return <TimeUpSubmission attemptId={attempt.id} attemptNumber={attempt.attemptNumber} quizTitle={attempt.quizTitle} />;
  return <QuizRunner attempt={{ ...attempt, deadlineAt: attempt.deadlineAt?.toISOString() ?? null }} />;
}
