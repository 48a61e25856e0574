// A callbackUrl that is not an http(s) URL is refused with 400 before next-auth sees it (it answers 500).
import { describe, expect, it } from "vitest";
import { refuseBadCallbackUrl } from "@/lib/auth/auth-route";

const get = (path: string, cookie?: string) => new Request(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} });

describe("next-auth's callbackUrl, checked first", () => {
  it.each([
    "/api/auth/session",
    "/api/auth/signin?callbackUrl=%2Fprogress",
    "/api/auth/x?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Fquiz",
    "/api/auth/csrf?callbackUrl=",
  ])("lets %s through", (path) => expect(refuseBadCallbackUrl(get(path))).toBeNull());

  it.each(["abc", "javascript:alert(1)", "ftp://evil.example/", "%00", "http://[::1"])("refuses callbackUrl=%s with 400 and a message", async (value) => {
    const response = refuseBadCallbackUrl(get(`/api/auth/session?callbackUrl=${encodeURIComponent(value)}`))!;
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "callbackUrl must be a path on this site, such as /progress." });
  });

  it("refuses a bad callback-url cookie and clears it; a good one passes", () => {
    const response = refuseBadCallbackUrl(get("/api/auth/session", "a=1; next-auth.callback-url=cmx4jkjue0006"))!;
    expect(response.status).toBe(400);
    expect(response.headers.get("set-cookie")).toBe("next-auth.callback-url=; Path=/; Max-Age=0; SameSite=Lax");
    expect(refuseBadCallbackUrl(get("/api/auth/session", "next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2F"))).toBeNull();
  });
});
