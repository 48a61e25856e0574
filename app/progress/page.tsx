import type { Metadata } from "next";
import { MyProgressView } from "@/components/progress/my-progress";
import { requireViewer } from "@/lib/auth/viewer";
import { getMyProgress } from "@/lib/progress/data";

export const metadata: Metadata = { title: "My progress" };

export default async function ProgressPage() {
  const viewer = await requireViewer({ returnTo: "/progress" });
  return <MyProgressView progress={await getMyProgress(viewer)} />;
}
