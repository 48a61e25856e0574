/** Where to go after signing in: only a path on this site, never another origin ("//evil.example"). */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = "/"): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return fallback;
  if (url.startsWith("/sign-in") || url.startsWith("/sign-up")) return fallback;
  return url;
}
