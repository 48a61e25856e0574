// Every environment variable the app reads, validated in one place. Read lazily so that scripts and
// tests can set variables before first use.
import { z } from "zod";

const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set. Start the app with `npm start` (it starts the embedded database) or set DATABASE_URL to a PostgreSQL server." })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_SECRET: z.string().optional(),
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

/** The key that signs session cookies. Required whenever the app runs; `npm start` provides one locally. */
export function getAuthSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error(
      secret
        ? "AUTH_SECRET is too short: use at least 32 random characters (for example `openssl rand -base64 32`)."
        : "AUTH_SECRET is not set. It signs session cookies and must be the same on every replica: set it to at least 32 random characters (for example `openssl rand -base64 32`). `npm start` on the embedded database generates one and keeps it in .data/auth-secret.",
    );
  }
  return secret;
}
