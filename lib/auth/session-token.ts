// Decrypts next-auth's session cookie (a JWE made with a key derived from AUTH_SECRET by HKDF, as
// next-auth's own `decode` does). The derived key is computed once per secret, not on every request:
// next-auth derives it per call, which cost a measurable share of each request's CPU.
import { hkdfSync } from "node:crypto";
import { jwtDecrypt, type JWTPayload } from "jose";

const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}

/** The token's claims, or null when it is malformed, forged, encrypted with another secret or expired. */
export async function decodeSessionToken(token: string, secret: string): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: 15 });
    return payload;
  } catch {
    return null;
  }
}
