import type { Metadata } from "next";
import { ClassProgressView } from "@/components/instructor/class-progress";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";
import { CLASS_SORT_KEYS, getClassProgress, type ClassSortKey } from "@/lib/progress/data";

export const metadata: Metadata = { title: "Class progress" };

export default async function ClassProgressPage({ searchParams }: { searchParams: Promise<{ sort?: string; dir?: string; page?: string }> }) {
  const user = await requireRole(STAFF_ROLES, "/instructor/progress");
  const query = await searchParams;
  const sort = (CLASS_SORT_KEYS as readonly string[]).includes(query.sort ?? "") ? (query.sort as ClassSortKey) : "name";
  const dir = query.dir === "asc" || query.dir === "desc" ? query.dir : sort === "name" ? "asc" : "desc";
  const page = Math.max(0, Math.floor(Number(query.page) || 0));
  const lectures = await getClassProgress(user, { sort, dir });
  return <ClassProgressView lectures={lectures} sort={sort} dir={dir} page={page} />;
}
