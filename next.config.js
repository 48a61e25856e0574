// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages stay as Node.js requires instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "pg"],
  experimental: {
    // forbidden() / unauthorized() render app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
  poweredByHeader: false,
  // Type checking and linting run as their own steps (npm run typecheck, npm run lint).
  typescript: { ignoreBuildErrors: false },
};

module.exports = nextConfig;
