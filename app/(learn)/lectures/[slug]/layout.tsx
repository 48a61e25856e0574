import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { LectureTabs, type LectureTab } from "@/components/lectures/lecture-tabs";
import { getViewer } from "@/lib/auth/viewer";
import { getLectureContent } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";

// The lecture's frame (title and tabs). Not a guard: each page below checks the session itself (and
// sends a signed-out visitor to sign in, coming back to that page), so without a viewer the frame
// is left out rather than redirecting from here.
export default async function LectureLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await getViewer();
  if (!viewer) return children;
  const lecture = await getLectureContent(viewer, slug.data);
  if (!lecture) notFound();
  const base = `/lectures/${lecture.slug}`;
  const tabs: LectureTab[] = [{ href: base, label: "Notes", detail: String(lecture.sections.length) }];
  if (lecture.quizSlotCount > 0) tabs.push({ href: `${base}/quiz`, label: "Quiz", detail: String(lecture.quizSlotCount) });
  // Always there: besides the lecture's flashcards (if any), each student keeps their own cards in it.
  tabs.push({ href: `${base}/flashcards`, label: "Flashcards", detail: lecture.flashcardCount > 0 ? String(lecture.flashcardCount) : undefined });
  if (lecture.hasPodcast) tabs.push({ href: `${base}/podcast`, label: "Podcast" });
  // Generated cards and questions, and the personal practice quiz.
  tabs.push({ href: `${base}/study`, label: "Study" });
  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
          <Link href="/" className="hover:underline">
            {lecture.courseTitle}
          </Link>
          <span aria-hidden="true"> / </span>
          <span>Lecture {lecture.number}</span>
        </nav>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">{lecture.title}</h1>
        {lecture.summary ? <p className="mt-2 max-w-3xl text-slate-600">{lecture.summary}</p> : null}
      </div>
      <LectureTabs tabs={tabs} />
      {children}
    </div>
  );
}
