import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NotesReader } from "@/components/lectures/notes-reader";
import { getViewer, requireViewer } from "@/lib/auth/viewer";
import { getLectureContent, getReadSectionIds } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const slug = lectureSlug.safeParse((await params).slug);
  const viewer = await getViewer();
  const lecture = slug.success && viewer ? await getLectureContent(viewer, slug.data) : null;
  return { title: lecture ? `Lecture ${lecture.number}: ${lecture.title}` : "Lecture not found" };
}

export default async function LectureNotesPage({ params }: { params: Params }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}` });
  const lecture = await getLectureContent(viewer, slug.data);
  if (!lecture) notFound();
  const readIds = await getReadSectionIds(viewer, lecture.id);
  return (
    <NotesReader
      lectureId={lecture.id}
      lectureSlug={lecture.slug}
      sections={lecture.sections.map(({ id, key, title, html }) => ({ id, key, title, html }))}
      initialRead={readIds}
    />
  );
}
