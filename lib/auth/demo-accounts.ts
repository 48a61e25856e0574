// One demo account per role, seeded for local use (the embedded database) and printed by `npm start`.
import type { Db } from "../db-client";
import type { Role } from "../generated/prisma/enums";
import { hashPassword } from "./password";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export const DEMO_COHORT = "Demo cohort";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "student@example.com", name: "Sam Student", role: "STUDENT", password: "student-demo-password" },
  { email: "instructor@example.com", name: "Ira Instructor", role: "INSTRUCTOR", password: "instructor-demo-password" },
  { email: "admin@example.com", name: "Ada Admin", role: "ADMIN", password: "admin-demo-password" },
];

/**
 * Creates the demo accounts that do not exist yet. Existing accounts are left as they are, so a
 * role an admin changed, or a password a user changed, survives the next start.
 */
export async function seedDemoAccounts(db: Db): Promise<{ created: string[] }> {
  const cohort = await db.cohort.upsert({ where: { name: DEMO_COHORT }, create: { name: DEMO_COHORT }, update: {} });
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (existing) continue;
    await db.user.create({
      data: {
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash: await hashPassword(account.password),
        cohortId: account.role === "STUDENT" ? cohort.id : null,
      },
    });
    created.push(account.email);
  }
  return { created };
}
