// next-auth answers 500 ("a problem with the server configuration") when the callbackUrl in the query
// or in its callback-url cookie is not an http(s) URL: user input it should refuse, not a fault. The
// route checks both first and answers 400 (clearing a bad cookie, so the next try works). Where a
// valid URL may lead is decided later by the redirect callback (lib/auth/callback-url.ts).

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

function isHttpUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return rest.join("=");
      }
    }
  }
  return null;
}

/** A 400 answer for a request next-auth would fail with a 500, or null when it may go ahead. */
export function refuseBadCallbackUrl(request: Request): Response | null {
  const url = new URL(request.url);
  const base = url.origin;
  const query = url.searchParams.get("callbackUrl");
  if (query !== null && query !== "" && !isHttpUrl(query, base)) {
    return Response.json({ message: "callbackUrl must be a path on this site, such as /progress." }, { status: 400 });
  }
  const cookies = request.headers.get("cookie");
  const bad = CALLBACK_COOKIES.filter((name) => {
    const value = cookieValue(cookies, name);
    return value !== null && value !== "" && !isHttpUrl(value, base);
  });
  if (bad.length === 0) return null;
  const response = Response.json(
    { message: "The sign-in return address saved in your browser was not valid and has been cleared. Try again." },
    { status: 400 },
  );
  for (const name of bad) response.headers.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  return response;
}
