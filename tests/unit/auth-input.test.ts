import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { assertRole, hasRole } from "@/lib/auth/roles";
import { signInInput, signUpInput } from "@/lib/auth/schemas";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";

describe("signUpInput", () => {
  it("trims the name and normalises the email", () => {
    const parsed = signUpInput.parse({ name: "  Ada  ", email: "  Ada@Example.COM ", password: "long enough", confirmPassword: "long enough" });
    expect(parsed).toEqual({ name: "Ada", email: "ada@example.com", password: "long enough", confirmPassword: "long enough" });
  });

  it("names the field of every problem", () => {
    const result = signUpInput.safeParse({ name: "", email: "not-an-email", password: "short", confirmPassword: "other" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(byField).toEqual({
      name: "Enter your name.",
      email: "Enter a valid email address, like name@example.com.",
      password: "Use at least 8 characters for your password.",
      confirmPassword: "The two passwords do not match.",
    });
  });

  it("reports mismatched passwords on the confirmation field", () => {
    const result = signUpInput.safeParse({ name: "A", email: "a@example.com", password: "long enough", confirmPassword: "long enougH" });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["confirmPassword", "The two passwords do not match."],
    ]);
  });
});

describe("signInInput", () => {
  it("requires both fields", () => {
    expect(signInInput.safeParse({ email: "a@example.com", password: "" }).error?.issues[0]?.message).toBe("Enter your password.");
    expect(signInInput.safeParse({ password: "x" }).error?.issues[0]?.message).toBe("Enter your email address.");
  });
});

describe("safeCallbackUrl", () => {
  it.each([
    [undefined, "/"],
    ["/admin/users", "/admin/users"],
    ["/lectures/1?tab=quiz", "/lectures/1?tab=quiz"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["/sign-in", "/"],
    [["/a", "/b"], "/a"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/lectures/../admin", "/admin"],
    ["javascript:alert(1)", "/"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackUrl(input as string | string[] | undefined)).toBe(expected);
  });
});

describe("assertRole", () => {
  const student = { id: "u1", email: "s@example.com", name: "S", role: "STUDENT" as const, cohortId: null };
  it("lets a holder of the role through", () => {
    expect(() => assertRole({ ...student, role: "ADMIN" }, ["ADMIN"])).not.toThrow();
    expect(hasRole(student, ["STUDENT", "ADMIN"])).toBe(true);
  });
  it("refuses another role with FORBIDDEN and nobody with UNAUTHENTICATED", () => {
    expect(() => assertRole(student, ["ADMIN"])).toThrow(ForbiddenError);
    expect(() => assertRole(null, ["ADMIN"])).toThrow(UnauthenticatedError);
    expect(() => assertRole({ ...student, id: "" }, ["STUDENT"])).toThrow(UnauthenticatedError);
    expect(hasRole(null, ["STUDENT"])).toBe(false);
  });
});
