import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { ADMIN_ROLES } from "@/lib/auth/roles";

export default async function AdminHome() {
  await requireViewer({ roles: ADMIN_ROLES, returnTo: "/admin" });
  redirect("/admin/users");
}
