// Drafting study items for one notes section with a language model, and checking every item before
// it is kept. The model's reply is untrusted input: it is bounded (time, bytes, item count, field
// length), validated with zod, normalised, and each item must cite a sentence that is in the section,
// have its answer among its options and pass the item-writing linter.
//
// The retry rule: at most two calls per section.
// - The reply as a whole failed (not JSON, wrong shape, too large, empty, timeout, HTTP 5xx/429, a
//   connection that broke off): the same request once more. If that fails too, the reason is returned
//   as the one dropped entry, except a failing server (5xx/429, broken connection), which is thrown as
//   a retryable ModelError: every other section would fail the same way, so the caller should stop.
// - Some items failed their checks: one repair call, which shows the model those items with what is
//   wrong with each and asks for corrected ones; a corrected item is checked like any other. What
//   still fails is dropped with its reason; items that passed the first time are kept whatever the
//   repair call does.
// - A wrong key (401/403), an unknown model or URL (404), a rejected request (other 4xx) and a server
//   that cannot be reached (connection refused, unknown host) are never retried: ModelError at once.
// - The caller's AbortSignal aborts the call in flight and is rethrown as is, without a retry.
import { lintItem } from "../lint";
import { markdownToPlain, sourceInSection } from "../source-text";
import type { GeneratedDraft, SectionText } from "../types";
import { callModel, createModelClient } from "./client";
import type { ModelConfig } from "./config";
import { ModelError } from "./errors";
import { draftingMessages, repairMessages } from "./prompt";
import { describeIssue, modelItemSchema, normaliseText } from "./schema";

export { ModelError };

export interface DraftOptions {
  /** Aborts the call in flight (a cancelled job, a shutting-down worker). */
  signal?: AbortSignal;
  /** The fetch the SDK uses (default: the global one), e.g. to go through a proxy. */
  fetch?: typeof globalThis.fetch;
}

export interface DraftResult {
  /** The items that passed every check, `section` set to the section's key and `lint` empty. */
  items: GeneratedDraft[];
  /** One sentence per item (or reply) given up on: `MCQ "Which …?": the answer is not one of the options`. */
  dropped: string[];
  /** How many chat-completion requests were made: 1 or 2. */
  calls: number;
}

export const DROP_REASONS = {
  notInSection: "cited sentence is not in the section",
  answerNotAnOption: "the answer is not one of the options",
  duplicate: "it asks the same as another item",
  linter: (flaws: string[]) => `linter: ${flaws.join(" ")}`,
  fields: (issue: string) => `the item's fields are not as asked (${issue})`,
} as const;

interface Failed {
  /** What the model wrote, sent back in the repair call. */
  raw: unknown;
  label: string;
  reason: string;
}

const questionKey = (item: GeneratedDraft) => `${item.kind}\u0000${(item.kind === "MCQ" ? item.stem : item.front).toLowerCase()}`;

function labelOf(raw: unknown, index: number): string {
  const fields = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const kind = typeof fields.kind === "string" && fields.kind.length <= 20 ? normaliseText(fields.kind) : "";
  const question = [fields.stem, fields.front].find((value): value is string => typeof value === "string" && normaliseText(value) !== "");
  if (!kind || question === undefined) return `item ${index + 1}`;
  const text = normaliseText(question);
  return `${kind} "${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}

/** The checks of one reply's items; `taken` holds the questions already kept (no duplicates). */
function checkItems(rawItems: unknown[], section: SectionText, taken: Set<string>): { kept: GeneratedDraft[]; failed: Failed[] } {
  const kept: GeneratedDraft[] = [];
  const failed: Failed[] = [];
  rawItems.forEach((raw, index) => {
    const fail = (reason: string) => failed.push({ raw, label: labelOf(raw, index), reason });
    const parsed = modelItemSchema.safeParse(raw);
    if (!parsed.success) return fail(DROP_REASONS.fields(describeIssue(parsed.error)));
    const item = parsed.data;
    if (!sourceInSection(item.source, section.body)) return fail(DROP_REASONS.notInSection);
    // types.ts: the source is stored as plain text; a citation copied with its ** or [link](url) loses them.
    const plain = markdownToPlain(item.source);
    const source = plain && plain !== item.source && sourceInSection(plain, section.body) ? plain : item.source;
    if (item.kind === "MCQ" && !item.options.includes(item.answer)) return fail(DROP_REASONS.answerNotAnOption);
    const draft: GeneratedDraft = { ...item, source, section: section.key, lint: [] };
    const flaws = lintItem(draft);
    if (flaws.length > 0) return fail(DROP_REASONS.linter(flaws));
    const key = questionKey(draft);
    if (taken.has(key)) return fail(DROP_REASONS.duplicate);
    taken.add(key);
    kept.push(draft);
  });
  return { kept, failed };
}

const describe = (failed: Failed[]) => failed.map((entry) => `${entry.label}: ${entry.reason}`);

/** Drafts up to `config.maxItems` checked items for one section (see the retry rule above). */
export async function draftItems(section: SectionText, config: ModelConfig, options: DraftOptions = {}): Promise<DraftResult> {
  const client = createModelClient(config, options.fetch);
  const count = config.maxItems;
  const messages = draftingMessages(section, count);
  const taken = new Set<string>();

  let calls = 1;
  let reply = await callModel(client, config, messages, count, options.signal);
  if (!reply.ok) {
    calls = 2;
    reply = await callModel(client, config, messages, count, options.signal);
    if (!reply.ok) {
      if (reply.persistent) throw reply.persistent;
      return { items: [], dropped: [reply.reason], calls };
    }
    const checked = checkItems(reply.items.slice(0, count), section, taken);
    return { items: checked.kept, dropped: describe(checked.failed), calls };
  }

  const first = checkItems(reply.items.slice(0, count), section, taken);
  if (first.failed.length === 0) return { items: first.kept, dropped: [], calls };

  const failed = first.failed;
  const repairs = repairMessages(
    section,
    count,
    failed.map((entry) => ({ item: entry.raw, reason: entry.reason })),
  );
  // A server that fails or turns us away now costs only the repair: the items that passed are kept.
  const repair = await callModel(client, config, repairs, failed.length, options.signal).catch((error: unknown) => {
    if (error instanceof ModelError) return { ok: false as const, reason: error.message };
    throw error;
  });
  if (!repair.ok) return { items: first.kept, dropped: describe(failed), calls: 2 };
  const answered = repair.items.slice(0, failed.length);
  const second = checkItems(answered, section, taken);
  // Failed items the repair did not answer keep their first reason.
  const unanswered = failed.slice(answered.length);
  return { items: [...first.kept, ...second.kept], dropped: [...describe(second.failed), ...describe(unanswered)], calls: 2 };
}
