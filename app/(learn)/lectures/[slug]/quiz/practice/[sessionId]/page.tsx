import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PracticeRunner } from "@/components/quiz/practice-runner";
import { requireViewer } from "@/lib/auth/viewer";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getPracticeSessionView } from "@/lib/practice/personal/data";
import { attemptId } from "@/lib/quiz/schemas";

export const metadata: Metadata = { title: "Practice" };

export default async function PracticePage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const raw = await params;
  const slug = lectureSlug.safeParse(raw.slug);
  const id = attemptId.safeParse(raw.sessionId);
  if (!slug.success || !id.success) notFound();
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/quiz/practice/${id.data}` });
  const view = await getPracticeSessionView(viewer, id.data);
  if (!view || view.lectureSlug !== slug.data) notFound();
  return <PracticeRunner key={`${view.question?.id ?? "done"}-${view.answered}`} view={view} />;
}
