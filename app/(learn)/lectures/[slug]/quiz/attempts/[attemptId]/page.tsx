import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { requireUser } from "@/lib/auth/session";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getAttemptForTaking } from "@/lib/quiz/data";
import { attemptId as attemptIdSchema } from "@/lib/quiz/schemas";

export const metadata: Metadata = { title: "Quiz attempt" };

export default async function AttemptPage({ params }: { params: Promise<{ slug: string; attemptId: string }> }) {
  const raw = await params;
  const slug = lectureSlug.safeParse(raw.slug);
  const id = attemptIdSchema.safeParse(raw.attemptId);
  if (!slug.success || !id.success) notFound();
  const user = await requireUser(`/lectures/${slug.data}/quiz/attempts/${id.data}`);
  // Another student's attempt is simply not found (no hint that it exists).
  const attempt = await getAttemptForTaking(user, id.data);
  if (!attempt || attempt.lectureSlug !== slug.data) notFound();
  if (attempt.status === "SUBMITTED") redirect(`/lectures/${slug.data}/quiz/attempts/${attempt.id}/results`);
  return <QuizRunner attempt={{ ...attempt, deadlineAt: attempt.deadlineAt?.toISOString() ?? null }} />;
}
