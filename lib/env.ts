// Every environment variable the app reads, validated in one place. Read lazily so that scripts and
// tests can set variables before first use.
import { z } from "zod";
import { modelEnvShape } from "./generate/model/config";

/**
 * How long the app waits on the database before it gives up and answers "busy" (milliseconds).
 * The order matters: a statement blocked on a lock fails (lock timeout) well before the statement
 * timeout, and both fail before Prisma's transaction timer fires, so a transaction's callback sees the
 * error and rolls back on its own instead of Prisma closing it under a statement still in flight.
 */
export const DATABASE_TIMEOUT_DEFAULTS = {
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 3_000,
  idleInTransactionTimeoutMs: 15_000,
  poolAcquireTimeoutMs: 4_000,
  transactionTimeoutMs: 15_000,
} as const;

export type DatabaseTimeouts = { -readonly [K in keyof typeof DATABASE_TIMEOUT_DEFAULTS]: number };

const milliseconds = (fallback: number) => z.coerce.number().int().min(100).max(600_000).default(fallback);

const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({
        error: "DATABASE_URL is not set. Start the app with `npm start` (it starts the embedded database) or set DATABASE_URL to a PostgreSQL server.",
      })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Prepare the hot path's statements once per connection ("false" behind one shared session, as PGlite is). */
    DATABASE_PREPARED_STATEMENTS: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("true")
      .transform((value) => value === "true"),
    DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(DATABASE_TIMEOUT_DEFAULTS.statementTimeoutMs),
    DATABASE_LOCK_TIMEOUT_MS: milliseconds(DATABASE_TIMEOUT_DEFAULTS.lockTimeoutMs),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(DATABASE_TIMEOUT_DEFAULTS.idleInTransactionTimeoutMs),
    DATABASE_POOL_ACQUIRE_TIMEOUT_MS: milliseconds(DATABASE_TIMEOUT_DEFAULTS.poolAcquireTimeoutMs),
    DATABASE_TRANSACTION_TIMEOUT_MS: milliseconds(DATABASE_TIMEOUT_DEFAULTS.transactionTimeoutMs),
    /** The health check's whole budget: a load balancer must get an answer even when the database hangs. */
    HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1_000),
    /** "off": this process serves requests only and runs no background jobs (another replica or `npm run worker` does). */
    JOBS_WORKER: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    AUTH_SECRET: z.string().optional(),
    /** The language model that drafts study items (lib/generate/model): off unless AI_BASE_URL and AI_MODEL are set. */
    ...modelEnvShape,
  })
  .refine((env) => env.DATABASE_LOCK_TIMEOUT_MS <= env.DATABASE_STATEMENT_TIMEOUT_MS, {
    path: ["DATABASE_LOCK_TIMEOUT_MS"],
    message: "must not exceed DATABASE_STATEMENT_TIMEOUT_MS (a lock wait is part of a statement)",
  })
  .refine((env) => env.DATABASE_TRANSACTION_TIMEOUT_MS > env.DATABASE_STATEMENT_TIMEOUT_MS, {
    path: ["DATABASE_TRANSACTION_TIMEOUT_MS"],
    message: "must exceed DATABASE_STATEMENT_TIMEOUT_MS, so a blocked statement fails before its transaction is closed under it",
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** The database timeouts from the environment, in the shape lib/db-client.ts takes. */
export function getDatabaseTimeouts(env: ServerEnv = getServerEnv()): DatabaseTimeouts {
  return {
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    poolAcquireTimeoutMs: env.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
    transactionTimeoutMs: env.DATABASE_TRANSACTION_TIMEOUT_MS,
  };
}

/** The key that signs session cookies. Required whenever the app runs; `npm start` provides one locally. */
export function getAuthSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error(
      secret
        ? "AUTH_SECRET is too short: use at least 32 random characters (for example `openssl rand -base64 32`)."
        : "AUTH_SECRET is not set. It signs session cookies and must be the same on every replica: " +
            "set it to at least 32 random characters (for example `openssl rand -base64 32`). " +
            "`npm start` on the embedded database generates one and keeps it in .data/auth-secret.",
    );
  }
  return secret;
}
