import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isHttpsRequest, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]));
}

describe("content security policy", () => {
  it("allows scripts only with the nonce, forbids framing, plugins and foreign form targets", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123==", development: false, https: false }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("lets only `next dev` evaluate code, and upgrades subresources only over HTTPS", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: false, https: true })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ nonce: "n", development: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", development: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("makes a fresh 128-bit base64 nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("static headers and HTTPS detection", () => {
  it("sends nosniff, frame denial, a referrer policy and a permissions policy", () => {
    const byName = new Map(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
    expect(byName.get("X-Content-Type-Options")).toBe("nosniff");
    expect(byName.get("X-Frame-Options")).toBe("DENY");
    expect(byName.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(byName.get("Permissions-Policy")).toContain("camera=()");
  });

  it("trusts the URL's scheme or the proxy's first X-Forwarded-Proto", () => {
    expect(isHttpsRequest(new URL("https://course.example/"), null)).toBe(true);
    expect(isHttpsRequest(new URL("http://localhost:3000/"), "https")).toBe(true);
    expect(isHttpsRequest(new URL("http://localhost:3000/"), "HTTPS, http")).toBe(true);
    expect(isHttpsRequest(new URL("http://localhost:3000/"), "http")).toBe(false);
    expect(isHttpsRequest(new URL("http://localhost:3000/"), null)).toBe(false);
  });
});
