// Where to go after signing in. Pure, so the sign-in page, the sign-in form (in the browser) and
// next-auth's redirect callback all apply the same rule, and it is unit-tested without a server.
//
// The rule is checked on the OUTPUT, not the input: whatever string comes in, the string that comes
// out is a path on this site. Checking the input and normalising afterwards is how
// "/.//evil.example" once became "//evil.example" (a protocol-relative URL to another origin): the
// URL parser collapses dot segments ("/./", "/../", "/%2e%2e/") after the check had passed.

import { firstSearchParam } from "../search-params";

const BASE = "http://same-origin.invalid";
const BASE_ORIGIN = new URL(BASE).origin;

// Control characters and backslashes are rewritten by URL parsers (tabs and newlines dropped, "\"
// read as "/"), so a string holding one can mean something else to the browser than it does here.
const REWRITTEN_BY_PARSERS = /[\u0000-\u001f\u007f\\]/;

/** Percent-decoding rounds to look through ("%252F" → "%2F" → "/"). Deeper nesting is refused. */
const MAX_DECODE_ROUNDS = 4;

/**
 * True when `path` is safe to put in a Location header or hand to the router: it starts with exactly
 * one "/" (not "//" or "/\"), holds nothing a parser would rewrite, resolves to this origin, and
 * resolving it again changes nothing (so no later normalisation can turn it into another URL).
 */
export function isSameSitePath(path: string): boolean {
  if (!/^\/(?![/\\])/.test(path) || REWRITTEN_BY_PARSERS.test(path)) return false;
  let url: URL;
  try {
    url = new URL(path, BASE);
  } catch {
    return false;
  }
  return url.origin === BASE_ORIGIN && `${url.pathname}${url.search}${url.hash}` === path;
}

/**
 * True when some decoding of the path part could be read as another origin by a server, proxy or
 * router that decodes before it resolves ("/%2F%2Fevil", "/%5Cevil", "/%252e%252e//evil").
 */
function hidesAnotherOrigin(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return true; // malformed escapes: nothing legitimate needs them
    }
    if (decoded === current) return false;
    if (REWRITTEN_BY_PARSERS.test(decoded) || /^\/[/\\]/.test(decoded)) return true;
    try {
      if (/^\/[/\\]/.test(new URL(decoded, BASE).pathname)) return true;
    } catch {
      return true;
    }
    current = decoded;
  }
  return true;
}

function isAuthPage(pathname: string): boolean {
  return /^\/sign-(in|up)(\/|$)/.test(pathname);
}

/**
 * Where to go after signing in: only a path on this site. Anything else (another origin, a scheme,
 * a path that normalises or decodes into one, the sign-in and sign-up pages themselves) gives
 * `fallback`.
 */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = "/"): string {
  const raw = firstSearchParam(value);
  if (!raw || !raw.startsWith("/") || REWRITTEN_BY_PARSERS.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== BASE_ORIGIN || !isSameSitePath(path) || hidesAnotherOrigin(url.pathname)) return fallback;
  return isAuthPage(url.pathname) ? fallback : path;
}

/**
 * next-auth's `redirect` callback: `url` may be a path or an absolute URL. Only a path on this site
 * survives, as an absolute URL on `baseUrl`'s origin; anything else goes to the home page.
 */
export function sameSiteRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let candidate = url;
  if (!url.startsWith("/")) {
    try {
      const parsed = new URL(url);
      if (parsed.origin !== origin) return `${origin}/`;
      candidate = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    } catch {
      return `${origin}/`;
    }
  }
  return `${origin}${safeCallbackUrl(candidate)}`;
}
