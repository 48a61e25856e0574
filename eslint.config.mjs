import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// The dependency rules of CONVENTIONS.md, as import restrictions (gitignore-style patterns over the
// import string, so relative and "@/" spellings are both listed).
const restrict = (...patterns) => ["error", { patterns }];

const databaseClient = {
  group: ["@/lib/db", "@/lib/db-client", "**/lib/db", "**/lib/db-client"],
  message: "Only the data layer (lib/**) talks to the database: call a feature's loader or action.",
};
const internals = {
  group: ["@/lib/**/internal", "@/lib/**/internal/**", "**/lib/**/internal/**"],
  message: "Internals skip the viewer checks: call the feature's exported loader or action, which takes the viewer.",
};
const sessionRead = {
  group: ["@/lib/auth/session", "**/lib/auth/session"],
  message: "Take the viewer from requireViewer()/getViewer() (lib/auth/viewer.ts) or withViewer (lib/http/with-viewer.ts).",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  globalIgnores([".next/**", "lib/generated/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    files: ["app/**", "components/**", "proxy.ts", "instrumentation.ts"],
    rules: { "no-restricted-imports": restrict(databaseClient, internals, sessionRead) },
  },
  {
    // Quiz calls analytics, never the reverse.
    files: ["lib/analytics/**"],
    rules: {
      "no-restricted-imports": restrict({
        group: ["**/quiz", "**/quiz/**", "@/lib/quiz/**"],
        message: "Class statistics do not depend on the quiz: the quiz calls lib/analytics.",
      }),
    },
  },
  {
    // Content depends on the bank, never the reverse.
    files: ["lib/bank/**"],
    rules: {
      "no-restricted-imports": restrict({
        group: ["**/content", "**/content/**", "@/lib/content/**"],
        message: "The bank does not depend on the course content: lib/content uses lib/bank.",
      }),
    },
  },
  {
    // Progress composes the summaries each feature exposes; it never queries tables itself.
    files: ["lib/progress/**"],
    rules: {
      "no-restricted-imports": restrict(
        { ...databaseClient, group: [...databaseClient.group, "../db", "../db-client", "../../db", "../../db-client"] },
        { ...internals, group: [...internals.group, "**/internal", "**/internal/**"] },
      ),
    },
  },
]);
