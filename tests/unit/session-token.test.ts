import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "@/lib/auth/session-token";

const secret = "a-test-secret-of-at-least-thirty-two-characters";

describe("the session cookie", () => {
  it("decodes what next-auth encodes", async () => {
    const token = await encode({ token: { sub: "user-1", sv: 3 }, secret });
    expect(await decodeSessionToken(token, secret)).toMatchObject({ sub: "user-1", sv: 3 });
    // Twice: the cached key gives the same answer.
    expect(await decodeSessionToken(token, secret)).toMatchObject({ sub: "user-1" });
  });

  it("refuses a token made with another secret, a tampered one, an expired one and garbage", async () => {
    const token = await encode({ token: { sub: "user-1" }, secret });
    expect(await decodeSessionToken(token, `${secret}-other`)).toBeNull();
    expect(await decodeSessionToken(`${token.slice(0, -4)}AAAA`, secret)).toBeNull();
    expect(await decodeSessionToken("not.a.token", secret)).toBeNull();
    const expired = await encode({ token: { sub: "user-1" }, secret, maxAge: -60 });
    expect(await decodeSessionToken(expired, secret)).toBeNull();
  });
});
