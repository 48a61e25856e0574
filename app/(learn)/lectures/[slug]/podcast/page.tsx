import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PodcastPlayer } from "@/components/podcast/podcast-player";
import { Alert } from "@/components/ui/alert";
import { requireViewer } from "@/lib/auth/viewer";
import { getLectureContent } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getEpisode, getListeningProgress } from "@/lib/podcast/data";

export const metadata: Metadata = { title: "Podcast" };

export default async function LecturePodcastPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/podcast` });
  const [lecture, episode] = await Promise.all([getLectureContent(viewer, slug.data), getEpisode(viewer, slug.data)]);
  if (!lecture) notFound();
  if (!episode) {
    return <Alert>This lecture has no podcast episode yet. Its notes, quiz and flashcards are in the other tabs.</Alert>;
  }
  const progress = await getListeningProgress(viewer, episode.id, episode.audio?.duration ?? null);
  const sectionTitles = Object.fromEntries(lecture.sections.map((s) => [s.key, s.title]));
  return (
    <PodcastPlayer
      episode={{
        ...episode,
        chapters: episode.chapters.map((c) => ({ ...c, sectionTitle: c.sectionKey ? (sectionTitles[c.sectionKey] ?? null) : null })),
      }}
      initialProgress={progress}
    />
  );
}
