// The security headers every response carries, as pure functions so they are tested without a server.
// Pages get a Content-Security-Policy with a fresh nonce per request (proxy.ts); Next.js reads the
// nonce back from the request's CSP header and puts it on its own inline and bundle scripts.

export interface CspOptions {
  nonce: string;
  /** `next dev` evaluates code for its error overlay and fast refresh; production never does. */
  development: boolean;
  /** Served over HTTPS (directly, or behind a proxy that says so): upgrade every subresource. */
  https: boolean;
}

/**
 * A strict policy: scripts only with this response's nonce (and what they load, 'strict-dynamic'), no
 * plugins, no <base> hijack, forms post only here, and no framing by any origin. Styles allow inline
 * `style` attributes: React renders dynamic widths and chart geometry as attributes, which a nonce
 * cannot cover, and style injection cannot run code.
 */
export function contentSecurityPolicy({ nonce, development, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Headers for every response, pages and files alike (next.config.js sets them on all paths). */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers that predate CSP's frame-ancestors; files and API answers get it too.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Two years, subdomains included: sent only on responses that travelled over HTTPS. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * Whether the request reached us over HTTPS: the URL itself, or the reverse proxy's
 * X-Forwarded-Proto (the README asks deployments to terminate TLS in a proxy that sets it).
 */
export function isHttpsRequest(url: URL, forwardedProto: string | null): boolean {
  if (url.protocol === "https:") return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** A nonce: 128 random bits, base64 (the CSP grammar's base64-value). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
