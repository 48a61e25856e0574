import { describe, expect, it } from "vitest";
import { createCohort, listCohorts, listUsers, setUserDisabled, updateUserAccess } from "@/lib/admin/data";
import { createCohortInput, userListFilter } from "@/lib/admin/schemas";
import { seedDemoAccounts, DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { createUser } from "./helpers";

describe("admin data layer", () => {
  it("refuses students and instructors on every function, and anonymous callers", async () => {
    // The wrappers never hand the data layer a missing viewer; it checks anyway (`null as never`).
    const student = await createUser("STUDENT");
    const instructor = await createUser("INSTRUCTOR");
    for (const actor of [student, instructor]) {
      await expect(listUsers(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listCohorts(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateUserAccess(actor, { userId: actor.id, role: "ADMIN", cohortId: null })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createCohort(actor, "Sneaky")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setUserDisabled(actor, { userId: student.id, disabled: true })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(setUserDisabled(null as never, { userId: student.id, disabled: true })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await db.user.findUniqueOrThrow({ where: { id: student.id }, select: { disabledAt: true } })).toEqual({ disabledAt: null });
    await expect(listUsers(null as never)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await db.user.findUniqueOrThrow({ where: { id: student.id }, select: { role: true } })).toEqual({ role: "STUDENT" });
    expect(await db.cohort.count({ where: { name: "Sneaky" } })).toBe(0);
  });

  it("lets an admin list, search, and change a role and cohort", async () => {
    const admin = await createUser("ADMIN");
    const student = await createUser("STUDENT");
    const cohort = await createCohort(admin, "Spring 2027");
    const updated = await updateUserAccess(admin, { userId: student.id, role: "INSTRUCTOR", cohortId: cohort.id });
    expect(updated).toMatchObject({ id: student.id, role: "INSTRUCTOR", cohort: { id: cohort.id, name: "Spring 2027" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: student.id }, select: { role: true, cohortId: true } })).toEqual({
      role: "INSTRUCTOR",
      cohortId: cohort.id,
    });

    const { users, total } = await listUsers(admin, { q: student.email.slice(0, 12).toUpperCase() });
    expect(total).toBe(1);
    expect(users[0]).toEqual({
      id: student.id,
      email: student.email,
      name: student.name,
      role: "INSTRUCTOR",
      createdAt: expect.any(Date),
      disabledAt: null,
      cohort: { id: cohort.id, name: "Spring 2027" },
    });
    expect(users[0]).not.toHaveProperty("passwordHash");
    expect((await listUsers(admin, { role: "ADMIN" })).users.map((u) => u.id)).toEqual([admin.id]);
  });

  it("stops an admin from changing their own role, and reports missing users and cohorts", async () => {
    const admin = await createUser("ADMIN");
    await expect(updateUserAccess(admin, { userId: admin.id, role: "STUDENT", cohortId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateUserAccess(admin, { userId: "missing", role: "STUDENT", cohortId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const student = await createUser("STUDENT");
    await expect(updateUserAccess(admin, { userId: student.id, role: "STUDENT", cohortId: "gone" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createCohort(admin, "Twice")).resolves.toMatchObject({ name: "Twice" });
    await expect(createCohort(admin, "Twice")).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("disabling accounts", () => {
  it("lets an admin disable and re-enable a user, never themselves, and reports a missing user", async () => {
    const admin = await createUser("ADMIN");
    const student = await createUser("STUDENT");
    await expect(setUserDisabled(admin, { userId: student.id, disabled: true })).resolves.toMatchObject({
      id: student.id,
      email: student.email,
      disabledAt: expect.any(Date),
    });
    expect((await listUsers(admin, { q: student.email })).users[0]?.disabledAt).toBeInstanceOf(Date);
    await expect(setUserDisabled(admin, { userId: student.id, disabled: false })).resolves.toMatchObject({ disabledAt: null });
    expect(await db.user.findUniqueOrThrow({ where: { id: student.id }, select: { disabledAt: true } })).toEqual({ disabledAt: null });

    await expect(setUserDisabled(admin, { userId: admin.id, disabled: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot disable your own account. Ask another admin to do it.",
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id }, select: { disabledAt: true } })).toEqual({ disabledAt: null });
    await expect(setUserDisabled(admin, { userId: "missing", disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("hostile input on the admin page", () => {
  it("a search with a NUL byte or other control characters does not reach the database", async () => {
    const admin = await createUser("ADMIN");
    const student = await createUser("STUDENT");
    const filter = userListFilter.parse({ q: `\u0000${student.email}\u0000\u200B` });
    expect(filter.q).toBe(student.email);
    expect((await listUsers(admin, filter)).users.map((u) => u.id)).toEqual([student.id]);
    // Nothing left to search for: no filter at all.
    expect(userListFilter.parse({ q: "\u0000\u0001" }).q).toBeUndefined();
  });

  it("stores cohort names clean", async () => {
    const admin = await createUser("ADMIN");
    const cohort = await createCohort(admin, createCohortInput.parse({ name: " \u202EAutumn\u200B 2027\u2069 " }).name);
    expect(cohort.name).toBe("Autumn 2027");
    expect(createCohortInput.safeParse({ name: "\u200B\uFEFF" }).error?.issues[0]?.message).toBe("Enter a name for the cohort.");
  });
});

describe("demo accounts seed", () => {
  it("is idempotent and keeps changes made since", async () => {
    expect((await seedDemoAccounts(db)).created).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    await db.user.update({ where: { email: "student@example.com" }, data: { role: "INSTRUCTOR" } });
    expect((await seedDemoAccounts(db)).created).toEqual([]);
    expect(await db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } })).toBe(3);
    expect(await db.user.findUniqueOrThrow({ where: { email: "student@example.com" }, select: { role: true } })).toEqual({ role: "INSTRUCTOR" });
    expect(await db.cohort.count({ where: { name: "Demo cohort" } })).toBe(1);
  });
});
