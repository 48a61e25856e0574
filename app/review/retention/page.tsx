import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MyRetentionView } from "@/components/review/my-retention";
import { requireViewer } from "@/lib/auth/viewer";
import { getMyRetention, getRetentionLectures } from "@/lib/review/retention/data";
import { parseRetentionQuery } from "@/lib/review/retention/schemas";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "How well you remember" };

export default async function MyRetentionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = parseRetentionQuery(await searchParams);
  const viewer = await requireViewer({ returnTo: "/review/retention" });
  const lectures = await getRetentionLectures(viewer);
  const lecture = query.lecture ? lectures.find((l) => l.slug === query.lecture) : undefined;
  if (query.lecture && !lecture) notFound();
  const retention = await getMyRetention(viewer, { lectureId: lecture?.id });
  return <MyRetentionView retention={retention} lectures={lectures} lecture={lecture} deck={query.deck} />;
}
