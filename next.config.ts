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
  // gzip for pages, files and answers over 1 KB (students on phones pay for every byte; a reverse
  // proxy in front that compresses itself can turn this off). Small action answers go as they are.
  compress: true,
  // Type checking and linting run as their own steps (npm run typecheck, npm run lint).
  typescript: { ignoreBuildErrors: false },
  // Every response, files and API answers included; pages also get a per-request CSP (proxy.ts).
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
