// One bounded chat-completions call and what came of it. The SDK does the HTTP; we bound it: its own
// retries off, its timeout (which covers the wait for headers) plus an AbortSignal on the same clock
// (which also covers reading the body), and a byte cap on the body before the SDK parses it.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { z } from "zod";
import type { ModelConfig } from "./config";
import { ModelError, ReplyTooLargeError, causeCodes, hasCause, redact } from "./errors";
import { CONTENT_MAX_CHARS, RESPONSE_FORMAT, modelReplySchema, parseReplyContent } from "./schema";

/** The most bytes of a reply body we read: the 64 KB of content, JSON-escaped, plus the envelope. */
export const REPLY_MAX_BYTES = 256 * 1024;

/** Output tokens asked for: ~300 per item at the 500-character bounds is far more than a good item needs. */
export const maxTokensFor = (itemCount: number) => 512 + 400 * itemCount;

export type CallOutcome =
  | { ok: true; items: unknown[] }
  /** `persistent`: the error to throw if the retry fails the same way (the server, not the reply, is at fault). */
  | { ok: false; reason: string; persistent?: ModelError };

type Fetch = typeof globalThis.fetch;

function limitBody(fetchImpl: Fetch, maxBytes: number): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (Number(response.headers.get("content-length")) > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReplyTooLargeError();
    }
    if (!response.body) return response;
    let seen = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(new ReplyTooLargeError());
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export function createModelClient(config: ModelConfig, fetchImpl: Fetch = globalThis.fetch): OpenAI {
  return new OpenAI({
    baseURL: config.baseUrl,
    // The SDK insists on a key; without one it would still send "Bearer ", so the header is removed.
    apiKey: config.apiKey ?? "",
    defaultHeaders: config.apiKey ? undefined : { Authorization: null },
    // Explicit, so that OPENAI_* variables meant for other tools never reach this server.
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: config.timeoutMs,
    maxRetries: 0,
    logLevel: "off",
    fetch: limitBody(fetchImpl, REPLY_MAX_BYTES),
  });
}

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
      }),
    )
    .min(1),
});

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

function readCompletion(completion: unknown): CallOutcome {
  const parsed = completionSchema.safeParse(completion);
  if (!parsed.success) return { ok: false, reason: "the model server's reply was not a chat completion" };
  const choice = parsed.data.choices[0]!;
  const content = choice.message.content ?? "";
  if (choice.message.refusal) return { ok: false, reason: "the model declined to answer" };
  if (content.length > CONTENT_MAX_CHARS) return { ok: false, reason: `the model's reply was longer than ${CONTENT_MAX_CHARS / 1024} KB` };
  if (choice.finish_reason === "length") return { ok: false, reason: "the model's reply was cut off at its length limit" };
  if (content.trim() === "") return { ok: false, reason: "the model's reply was empty" };
  const json = parseReplyContent(content);
  if (!json.ok) return { ok: false, reason: "the model's reply was not valid JSON" };
  const reply = modelReplySchema.safeParse(json.value);
  if (!reply.success) {
    const tooMany = reply.error.issues.some((issue) => issue.code === "too_big");
    return { ok: false, reason: tooMany ? "the model's reply had more items than asked for" : 'the model\'s reply was not of the form {"items": [...]}' };
  }
  return { ok: true, items: reply.data.items };
}

function failureOf(error: unknown, config: ModelConfig, timedOut: boolean): CallOutcome {
  const where = new URL(config.baseUrl).origin;
  if (timedOut || error instanceof APIConnectionTimeoutError) return { ok: false, reason: `the model did not answer within ${seconds(config.timeoutMs)}` };
  if (hasCause(error, ReplyTooLargeError)) return { ok: false, reason: `the model's reply was larger than ${REPLY_MAX_BYTES / 1024} KB` };
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    if (status === 408 || status === 409 || status === 429 || status >= 500) {
      const message =
        status === 429
          ? `The model server at ${where} is refusing requests for now (HTTP 429, rate limit or quota): try again later.`
          : `The model server at ${where} failed (HTTP ${status}): try again later.`;
      return { ok: false, reason: `the model server failed (HTTP ${status})`, persistent: new ModelError(message, "unavailable", true, status) };
    }
    throw errorForStatus(status, error, config, where);
  }
  if (error instanceof APIConnectionError) {
    const codes = causeCodes(error);
    if (codes.some((code) => ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].includes(code))) {
      const what = codes.includes("ECONNREFUSED") ? "connection refused" : "host not found or unreachable";
      throw new ModelError(`Could not connect to the model server at ${where} (${what}): is it running? Check AI_BASE_URL.`, "unreachable", true);
    }
  }
  // The connection broke off (reset, closed mid-reply): worth the one retry, then the server is at fault.
  return {
    ok: false,
    reason: "the connection to the model server broke off",
    persistent: new ModelError(`The connection to the model server at ${where} broke off: try again later.`, "unavailable", true),
  };
}

function errorForStatus(status: number, error: APIError, config: ModelConfig, where: string): ModelError {
  if (status === 401) {
    return config.apiKey
      ? new ModelError(`The model server at ${where} rejected the API key (HTTP 401): check AI_API_KEY.`, "bad-key", false, status)
      : new ModelError(`The model server at ${where} needs an API key (HTTP 401): set AI_API_KEY.`, "bad-key", false, status);
  }
  if (status === 403) {
    return new ModelError(
      `The model server at ${where} refused access to model "${config.model}" (HTTP 403): check AI_API_KEY and its permissions.`,
      "forbidden",
      false,
      status,
    );
  }
  if (status === 404) {
    return new ModelError(
      `The model server at ${where} has no model "${config.model}", or AI_BASE_URL is not its API root (HTTP 404): check AI_MODEL and AI_BASE_URL (it usually ends in /v1).`,
      "not-found",
      false,
      status,
    );
  }
  const said = (error.error as { message?: unknown } | undefined)?.message;
  const detail = typeof said === "string" && said.trim() ? `: ${redact(said, config.apiKey)}` : "";
  return new ModelError(`The model server at ${where} rejected the request (HTTP ${status})${detail}`, "rejected", false, status);
}

/** One call. Resolves with the reply's raw items or a reason; throws ModelError, or the caller's abort. */
export async function callModel(
  client: OpenAI,
  config: ModelConfig,
  messages: ChatCompletionMessageParam[],
  itemCount: number,
  signal?: AbortSignal,
): Promise<CallOutcome> {
  const deadline = AbortSignal.timeout(config.timeoutMs);
  let completion: unknown;
  try {
    completion = await client.chat.completions.create(
      { model: config.model, messages, response_format: RESPONSE_FORMAT, max_tokens: maxTokensFor(itemCount) },
      { signal: signal ? AbortSignal.any([signal, deadline]) : deadline, timeout: config.timeoutMs, maxRetries: 0 },
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    return failureOf(error, config, deadline.aborted);
  }
  return readCompletion(completion);
}
