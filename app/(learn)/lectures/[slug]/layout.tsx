import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { LectureHeader } from "@/components/lectures/lecture-header";
import { LectureTabs, type LectureTab } from "@/components/lectures/lecture-tabs";
import { LectureOffline } from "@/components/offline/lecture-offline";
import { getViewer } from "@/lib/auth/viewer";
import { getLectureContent } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";
import { lecturePages } from "@/lib/offline/paths";
import { getEpisodeAudio } from "@/lib/podcast/data";

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
  const audio = lecture.hasPodcast ? await getEpisodeAudio(viewer, lecture.slug) : null;
  const offlinePages = lecturePages(lecture.slug, { quiz: lecture.quizSlotCount > 0, flashcards: true, podcast: lecture.hasPodcast });
  const tabs: LectureTab[] = [{ href: base, label: "Notes", detail: String(lecture.sections.length) }];
  if (lecture.quizSlotCount > 0) tabs.push({ href: `${base}/quiz`, label: "Quiz", detail: String(lecture.quizSlotCount) });
  // Always there: besides the lecture's flashcards (if any), each student keeps their own cards in it.
  tabs.push({ href: `${base}/flashcards`, label: "Flashcards", detail: lecture.flashcardCount > 0 ? String(lecture.flashcardCount) : undefined });
  if (lecture.hasPodcast) tabs.push({ href: `${base}/podcast`, label: "Podcast" });
  // Generated cards and questions, and the personal practice quiz.
  tabs.push({ href: `${base}/study`, label: "Study" });
  return (
    <div className="space-y-4 sm:space-y-6">
      <LectureHeader base={base} courseTitle={lecture.courseTitle} number={lecture.number} title={lecture.title} summary={lecture.summary ?? null} />
      <LectureTabs tabs={tabs} />
      {children}
      <LectureOffline pages={offlinePages} audio={audio ? { url: audio.url, bytes: audio.bytes } : null} />
    </div>
  );
}
