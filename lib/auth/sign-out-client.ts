// Signing out from the browser, without next-auth's client library on every page: the same two
// requests it makes (a CSRF token, then a POST to the sign-out endpoint, which ends the session on the
// server and clears the cookie).
const TIMEOUT_MS = 10_000;

export async function signOutOfServer(): Promise<void> {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const csrf = await fetch("/api/auth/csrf", { signal, cache: "no-store" });
  if (!csrf.ok) throw new Error(`The sign-out could not start (${csrf.status}).`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    signal,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in?signedOut=1", json: "true" }),
  });
  if (!response.ok) throw new Error(`The sign-out failed (${response.status}).`);
}
