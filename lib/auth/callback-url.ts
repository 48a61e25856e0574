/**
 * Where to go after signing in: only a path on this site. Anything that a browser could resolve to
 * another origin ("//evil.example", "/\evil.example", "/%09/evil.example" once tabs are stripped) or
 * that is not a plain path falls back to `fallback`.
 */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  // Control characters and backslashes are rewritten by URL parsers (tabs and newlines dropped, "\" read as "/").
  if (!raw || !raw.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, "http://same-origin.invalid");
  } catch {
    return fallback;
  }
  if (url.origin !== "http://same-origin.invalid") return fallback;
  if (url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/sign-up")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
