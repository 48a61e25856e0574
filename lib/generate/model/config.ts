// Which OpenAI-compatible server drafts study items, read from the environment. The feature is off
// unless both AI_BASE_URL and AI_MODEL are set; a variable that is set but wrong is an error that names
// it, so a typo is not mistaken for "off". The shape is exported for lib/env.ts to fold in.
import { z } from "zod";

export const MODEL_TIMEOUT_DEFAULT_MS = 60_000;
export const MODEL_MAX_ITEMS_DEFAULT = 8;
/** The most items one call may ask for (the reply schema's bound). */
export const MODEL_MAX_ITEMS_LIMIT = 12;

// An empty variable (`AI_API_KEY=` in a .env file) means "unset", as it does for most tools.
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const baseUrl = z.string().superRefine((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({ code: "custom", message: "must be an http:// or https:// URL, such as http://localhost:11434/v1" });
    return;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    context.addIssue({ code: "custom", message: "must be an http:// or https:// URL, such as http://localhost:11434/v1" });
  } else if (url.username || url.password) {
    // A key in the URL would show up wherever the URL is logged or shown; it has its own variable.
    context.addIssue({ code: "custom", message: "must not contain a user name or password: put the key in AI_API_KEY" });
  }
});

/** The AI_* variables, for lib/env.ts to spread into its schema (`z.object({ ...modelEnvShape, ... })`). */
export const modelEnvShape = {
  /** The API root the SDK appends `/chat/completions` to: https://api.openai.com/v1, http://localhost:11434/v1 (Ollama), http://host:8000/v1 (vLLM). */
  AI_BASE_URL: z.preprocess(unsetIfEmpty, baseUrl.optional()),
  AI_MODEL: z.preprocess(unsetIfEmpty, z.string().trim().max(200, "must be at most 200 characters").optional()),
  /** Optional: a local Ollama or vLLM server needs none, and then no Authorization header is sent. */
  AI_API_KEY: z.preprocess(unsetIfEmpty, z.string().trim().max(1_000, "must be at most 1000 characters").optional()),
  AI_TIMEOUT_MS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(1_000, "must be at least 1000 (1 s)")
      .max(600_000, "must be at most 600000 (10 min)")
      .default(MODEL_TIMEOUT_DEFAULT_MS),
  ),
  /** How many items one section's call asks for. */
  AI_MAX_ITEMS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(MODEL_MAX_ITEMS_LIMIT, `must be at most ${MODEL_MAX_ITEMS_LIMIT}`)
      .default(MODEL_MAX_ITEMS_DEFAULT),
  ),
};

export const modelEnvSchema = z.object(modelEnvShape);
export type ModelEnv = z.output<typeof modelEnvSchema>;

export interface ModelConfig {
  baseUrl: string;
  model: string;
  /** Undefined: send no Authorization header. */
  apiKey: string | undefined;
  timeoutMs: number;
  maxItems: number;
}

/** The model configuration from already-validated variables, or null when the feature is off. */
export function modelConfigFrom(env: ModelEnv): ModelConfig | null {
  if (env.AI_BASE_URL === undefined || env.AI_MODEL === undefined) return null;
  return { baseUrl: env.AI_BASE_URL, model: env.AI_MODEL, apiKey: env.AI_API_KEY, timeoutMs: env.AI_TIMEOUT_MS, maxItems: env.AI_MAX_ITEMS };
}

/**
 * The model configuration from the environment, or null when AI_BASE_URL or AI_MODEL is unset.
 * Throws when a variable is set but invalid; the message names the variable, never its value.
 */
export function getModelConfig(env: Record<string, string | undefined> = process.env): ModelConfig | null {
  const parsed = modelEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  return modelConfigFrom(parsed.data);
}
