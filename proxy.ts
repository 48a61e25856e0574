// Runs before every page and every server action call. Pages get a fresh CSP nonce per request (and
// HSTS when the request came over HTTPS); action calls are checked for a shape React's decoder can
// read (lib/security/action-call.ts). It writes headers and refuses malformed calls; it is never a
// guard: every page, route and action checks the session itself.
import { NextResponse, type NextRequest } from "next/server";
import { checkActionCall } from "./lib/security/action-call";
import { contentSecurityPolicy, createNonce, HSTS_VALUE, isHttpsRequest } from "./lib/security/headers";

export async function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const check = await checkActionCall(request);
    if (!check.ok) return NextResponse.json({ ok: false, code: "VALIDATION", message: check.message }, { status: 400 });
    return NextResponse.next();
  }

  const nonce = createNonce();
  const https = isHttpsRequest(request.nextUrl, request.headers.get("x-forwarded-proto"));
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https });
  // Next.js reads the nonce from the request's CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages and the action calls posted to them. Built files and API answers carry the static
      // headers (next.config.ts) and run no inline script; uploads to the API are never buffered here.
      // No `missing` on prefetch headers: a header the client chooses must not let an action call skip
      // the check (and a prefetched page gets its policy like any other).
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)",
    },
  ],
};
