import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Native and WebAssembly packages stay as Node.js requires instead of being bundled.
  serverExternalPackages: [
    "@node-rs/argon2",
    "@electric-sql/pglite",
    "pg",
    "pg-boss",
    "@open-spaced-repetition/binding",
    "wink-nlp",
    "wink-eng-lite-web-model",
  ],
  experimental: {
    // forbidden() / unauthorized() render app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
  poweredByHeader: false,
  // Compression belongs to the reverse proxy in front (it also terminates TLS and sets
  // X-Forwarded-For, see README): gzip in the app costs CPU on every small action response.
  compress: false,
  // Type checking and linting run as their own steps (npm run typecheck, npm run lint).
  typescript: { ignoreBuildErrors: false },
  // Every response, files and API answers included; pages also get a per-request CSP (proxy.ts).
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
