import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NotesReader } from "@/components/lectures/notes-reader";
import { requireUser } from "@/lib/auth/session";
import { getLectureContent, getReadSectionIds } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const slug = lectureSlug.safeParse((await params).slug);
  const lecture = slug.success ? await getLectureContent(slug.data) : null;
  return { title: lecture ? `Lecture ${lecture.number}: ${lecture.title}` : "Lecture not found" };
}

export default async function LectureNotesPage({ params }: { params: Params }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const user = await requireUser(`/lectures/${slug.data}`);
  const lecture = await getLectureContent(slug.data);
  if (!lecture) notFound();
  const readIds = await getReadSectionIds(user, lecture.id);
  return <NotesReader sections={lecture.sections.map(({ id, key, title, html }) => ({ id, key, title, html }))} initialRead={readIds} />;
}
