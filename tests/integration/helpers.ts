import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

let counter = 0;

/** Creates a user directly in the database and returns it as the data layer sees a signed-in user. */
export async function createUser(role: Role = "STUDENT", password = "a long test password"): Promise<SessionUser & { password: string }> {
  counter += 1;
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${counter}-${Date.now()}@example.com`, name: `${role} ${counter}`, role, passwordHash: await hashPassword(password) },
    select: { id: true, email: true, name: true, role: true, cohortId: true },
  });
  return { ...user, password };
}
