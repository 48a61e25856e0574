import { describe, expect, it } from "vitest";
import { isSameSitePath, safeCallbackUrl, sameSiteRedirect } from "@/lib/auth/callback-url";
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
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["confirmPassword", "The two passwords do not match."]]);
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
    ["", "/"],
    ["/", "/"],
    ["/admin/users", "/admin/users"],
    ["/lectures/1?tab=quiz", "/lectures/1?tab=quiz"],
    ["/lectures/1#section-2", "/lectures/1#section-2"],
    ["/lectures/../admin", "/admin"],
    ["/search?q=http%3A%2F%2Fexample.com", "/search?q=http%3A%2F%2Fexample.com"],
    [["/a", "/b"], "/a"],
  ])("keeps the same-site path %j → %s", (input, expected) => {
    expect(safeCallbackUrl(input as string | string[] | undefined)).toBe(expected);
  });

  // Every one of these must come out as the fallback: each is, or normalises or decodes into,
  // a URL on another origin, or is not a path at all.
  it.each([
    "//evil.example/x",
    "///evil.example/x",
    "/.//evil.example/phish",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/%2E%2E//evil.example",
    "/%2e//evil.example",
    "/a/..//evil.example",
    "/a/b/../..//evil.example",
    "/././/evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example",
    "/%252e%252e//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%00/evil.example",
    "/%E0%A4%A",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    " /admin",
    "evil.example",
    "/sign-in",
    "/sign-up?next=/admin",
  ])("refuses %j", (input) => {
    expect(safeCallbackUrl(input)).toBe("/");
  });

  it("uses the given fallback", () => {
    expect(safeCallbackUrl("/.//evil.example", "/progress")).toBe("/progress");
  });
});

describe("isSameSitePath", () => {
  it.each([
    ["/", true],
    ["/admin/users?x=1", true],
    ["//evil.example", false],
    ["/\\evil.example", false],
    ["/./x", false], // not in normal form: resolving it again would change it
    ["relative", false],
    ["/a\tb", false],
  ])("%j → %s", (input, expected) => {
    expect(isSameSitePath(input)).toBe(expected);
  });
});

describe("sameSiteRedirect (next-auth's redirect callback)", () => {
  const base = "https://course.example";
  it.each([
    ["/lectures/1", "https://course.example/lectures/1"],
    ["https://course.example/progress?x=1", "https://course.example/progress?x=1"],
    ["https://course.example/.//evil.example/phish", "https://course.example/"],
    ["/.//evil.example/phish", "https://course.example/"],
    ["//evil.example", "https://course.example/"],
    ["https://evil.example/phish", "https://course.example/"],
    ["https://course.example.evil.example/", "https://course.example/"],
    ["http://course.example/downgrade", "https://course.example/"],
    ["not a url", "https://course.example/"],
  ])("%j → %s", (url, expected) => {
    expect(sameSiteRedirect(url, base)).toBe(expected);
  });
});

describe("NUL bytes and control characters in credentials", () => {
  it("are field errors, never passed on", () => {
    const signIn = signInInput.safeParse({ email: "a\u0000@example.com", password: "x\u0000y" });
    expect(signIn.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["email", "Email addresses cannot contain control characters."],
      ["password", "Passwords cannot contain a NUL character."],
    ]);
    const signUp = signUpInput.safeParse({ name: "Ada", email: "ada@example.com", password: "long enough\u0000", confirmPassword: "long enough\u0000" });
    expect(signUp.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["password", "Passwords cannot contain a NUL character."]]);
  });

  it("normalise the sign-up name, and a name of invisible characters only is a field error", () => {
    const parsed = signUpInput.parse({
      name: " Ad\u200Ba\u202E  Love\tlace ",
      email: "ada@example.com",
      password: "long enough",
      confirmPassword: "long enough",
    });
    expect(parsed.name).toBe("Ada Love lace");
    const empty = signUpInput.safeParse({
      name: "\u200B\u202E\uFEFF \u0000",
      email: "ada@example.com",
      password: "long enough",
      confirmPassword: "long enough",
    });
    expect(empty.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["name", "Enter your name."]]);
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
