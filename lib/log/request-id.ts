// A request id for every action and route call, so the lines of one request can be found together.
// Next.js does not assign one: take the proxy's `x-request-id` when it sent a sane one, else make one.
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestIdFrom(headers: { get(name: string): string | null } | null | undefined): string {
  const given = headers?.get("x-request-id");
  // Web Crypto, not node:crypto: lib/errors (and so this module) also reaches client bundles.
  return given && SANE_REQUEST_ID.test(given) ? given : globalThis.crypto.randomUUID();
}
