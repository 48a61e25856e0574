import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassRetentionView } from "@/components/instructor/class-retention";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getClassRetention, getRetentionLectures } from "@/lib/review/retention/data";
import { parseRetentionQuery } from "@/lib/review/retention/schemas";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Measured retention" };

export default async function ClassRetentionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = parseRetentionQuery(await searchParams);
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/retention" });
  const lectures = await getRetentionLectures(viewer);
  // One lecture at a time: the first one unless the query names another.
  const lecture = query.lecture ? lectures.find((l) => l.slug === query.lecture) : lectures[0];
  if (query.lecture && !lecture) notFound();
  const retention = lecture ? await getClassRetention(viewer, lecture.id) : null;
  return <ClassRetentionView retention={retention} lectures={lectures} lecture={lecture} deck={query.deck} />;
}
