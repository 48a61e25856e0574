import type { Metadata } from "next";
import { ClassProgressView } from "@/components/instructor/class-progress";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getClassProgress, parseClassProgressQuery } from "@/lib/progress/class-data";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Class progress" };

export default async function ClassProgressPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/progress" });
  const { sort, dir, page } = parseClassProgressQuery(await searchParams);
  const lectures = await getClassProgress(viewer, { sort, dir });
  return <ClassProgressView lectures={lectures} sort={sort} dir={dir} page={page} />;
}
