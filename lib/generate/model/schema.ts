// The reply we ask the model for, as zod (what we accept) and as JSON Schema (what we send in
// `response_format`, which OpenAI, vLLM and Ollama use to constrain decoding). A reply is read in two
// steps: the envelope ({"items": [...]}) as a whole, then each item on its own, so that one bad item
// costs that item and not the others.
import { z } from "zod";
import { GENERATED_KINDS } from "../types";
import { MODEL_MAX_ITEMS_LIMIT } from "./config";

export const FIELD_MAX_CHARS = 500;
/** The longest message content we parse (characters); anything longer is refused unread. */
export const CONTENT_MAX_CHARS = 64 * 1024;

// Control characters (C0 and C1, except the whitespace ones, which the next step collapses), and the
// invisible format characters that reorder or hide text (bidirectional overrides, zero-width spaces).
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * Trims, collapses runs of whitespace (line breaks included) to one space, and strips control and
 * invisible formatting characters. Markup is kept as literal text: items are rendered as text (React
 * escapes it), never as HTML, so `<img onerror=...>` in a field shows as those characters and does
 * nothing; rejecting "dangerous-looking" text would only block notes about HTML.
 */
export function normaliseText(value: string): string {
  return value.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

const text = z
  .string()
  .transform(normaliseText)
  .pipe(z.string().max(FIELD_MAX_CHARS, `is longer than ${FIELD_MAX_CHARS} characters`));

// One shape, two string types: plain strings for the JSON Schema (OpenAI's strict mode rejects
// maxLength/minLength), normalising bounded strings for validation.
const itemShape = <S extends z.ZodType<string, string>>(field: S) =>
  z.object({
    kind: z.enum(GENERATED_KINDS),
    source: field,
    front: field,
    back: field,
    stem: field,
    options: z.array(field).max(5),
    answer: field,
  });

/** One item as the model must write it; unknown fields are dropped, unused fields are cleared. */
export const modelItemSchema = itemShape(text)
  .superRefine((item, context) => {
    const missing = (path: string) => context.addIssue({ code: "custom", path: [path], message: "is empty" });
    if (item.source === "") missing("source");
    if (item.kind === "MCQ") {
      if (item.stem === "") missing("stem");
      if (item.answer === "") missing("answer");
      if (item.options.length < 3) context.addIssue({ code: "custom", path: ["options"], message: "has fewer than 3 options" });
    } else {
      if (item.front === "") missing("front");
      if (item.back === "") missing("back");
    }
  })
  // types.ts: fields a kind does not use are "" (or []), and a card's answer is its back.
  .transform((item) => (item.kind === "MCQ" ? { ...item, front: "", back: "" } : { ...item, stem: "", options: [], answer: item.back }));

export type ModelItem = z.output<typeof modelItemSchema>;

export const modelReplySchema = z.object({
  items: z.array(z.unknown()).max(MODEL_MAX_ITEMS_LIMIT, `has more than ${MODEL_MAX_ITEMS_LIMIT} items`),
});

const wireReplySchema = z.object({ items: z.array(itemShape(z.string())).max(MODEL_MAX_ITEMS_LIMIT) });

/** The JSON Schema of the reply: every field required, no additional properties (strict mode's rules). */
export const MODEL_REPLY_JSON_SCHEMA: Record<string, unknown> = (() => {
  // Without "$schema": the dialect line is not part of the subset strict mode documents.
  const schema: Record<string, unknown> = { ...z.toJSONSchema(wireReplySchema) };
  delete schema.$schema;
  return schema;
})();

export const RESPONSE_FORMAT = {
  type: "json_schema",
  json_schema: { name: "study_items", schema: MODEL_REPLY_JSON_SCHEMA, strict: true },
} as const;

const FENCED = /^```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```$/i;

/**
 * The message content as JSON. A reply wrapped in one ```json fence (as some local models write
 * despite being told not to) is unwrapped; prose around the JSON, or anything looser, is refused.
 */
export function parseReplyContent(content: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = content.trim();
  const body = FENCED.exec(trimmed)?.[1] ?? trimmed;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** The first problem of a failed parse, in words: `options.1 expected string, received number`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "is not valid";
  const path = issue.path.join(".");
  return path ? `${path} ${issue.message}` : issue.message;
}
