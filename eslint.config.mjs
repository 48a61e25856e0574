import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    rules: {
      // Only lib/** may talk to the database (see CONVENTIONS.md: one client, one door).
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "**/lib/db"],
              message: "Only lib/** data files import the database client.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**", "tests/**", "scripts/**", "prisma/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
]);
