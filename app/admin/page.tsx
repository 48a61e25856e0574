import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { ADMIN_ROLES } from "@/lib/auth/roles";

export default async function AdminHome() {
  await requireRole(ADMIN_ROLES, "/admin");
  redirect("/admin/users");
}
