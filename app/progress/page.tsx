import type { Metadata } from "next";
import { MyProgressView } from "@/components/progress/my-progress";
import { requireUser } from "@/lib/auth/session";
import { getMyProgress } from "@/lib/progress/data";

export const metadata: Metadata = { title: "My progress" };

export default async function ProgressPage() {
  const user = await requireUser("/progress");
  return <MyProgressView progress={await getMyProgress(user)} />;
}
