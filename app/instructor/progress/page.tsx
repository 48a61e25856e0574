import type { Metadata } from "next";
import { ClassProgressView } from "@/components/instructor/class-progress";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { CLASS_SORT_KEYS, getClassProgress, type ClassSortKey } from "@/lib/progress/class-data";
import { sweepOverdueAttempts } from "@/lib/quiz/submission/sweep";

export const metadata: Metadata = { title: "Class progress" };

export default async function ClassProgressPage({ searchParams }: { searchParams: Promise<{ sort?: string; dir?: string; page?: string }> }) {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/progress" });
  const query = await searchParams;
  const sort = (CLASS_SORT_KEYS as readonly string[]).includes(query.sort ?? "") ? (query.sort as ClassSortKey) : "name";
  const dir = query.dir === "asc" || query.dir === "desc" ? query.dir : sort === "name" ? "asc" : "desc";
  const page = Math.max(0, Math.floor(Number(query.page) || 0));
  // Attempts whose time ran out are counted before the figures are read.
  await sweepOverdueAttempts(viewer, {});
  const lectures = await getClassProgress(viewer, { sort, dir });
  return <ClassProgressView lectures={lectures} sort={sort} dir={dir} page={page} />;
}
