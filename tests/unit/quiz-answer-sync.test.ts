import { describe, expect, it } from "vitest";
import { AnswerSync, type SaveRequest, type SyncStatus } from "@/components/quiz/answer-sync";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SaveOutcome } from "@/lib/quiz/schemas";

type Reply = ActionResult<SaveOutcome> | Error;

/** A server the test answers by hand: each request waits until the test replies to it. */
function setup(questions = 3) {
  const requests: { request: SaveRequest; reply: (reply: Reply) => void }[] = [];
  const statuses: SyncStatus["kind"][] = [];
  const stale: { index: number; chosen: string[] }[] = [];
  const closed: string[] = [];
  let keys = 0;
  const sync = new AnswerSync({
    questions: Array.from({ length: questions }, (_, i) => ({ position: i, chosen: [], flagged: false, revision: 10 * i })),
    send: (request) =>
      new Promise((resolve, reject) => requests.push({ request, reply: (reply) => (reply instanceof Error ? reject(reply) : resolve(reply)) })),
    newKey: () => `key-${++keys}`,
    onStatus: (status) => {
      if (statuses.at(-1) !== status.kind) statuses.push(status.kind);
    },
    onStale: (index, stored) => stale.push({ index, chosen: stored.chosen }),
    onClosed: (message) => closed.push(message),
    retry: { sleep: async () => {}, random: () => 0.5 },
  });
  return { sync, requests, statuses, stale, closed };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const saved = (revision: number): ActionResult<SaveOutcome> => ({ ok: true, data: { status: "saved", revision, savedAt: "2026-12-01T10:00:00.000Z" } });
const offline = () => new TypeError("Failed to fetch");

describe("AnswerSync", () => {
  it("sends one save at a time in the order questions were left, keeping only the latest value of one still waiting", async () => {
    const { sync, requests, statuses } = setup();
    sync.enqueue(0, { chosen: ["a"], flagged: false }, 3000);
    sync.enqueue(1, { chosen: ["b"], flagged: false }, 2000);
    sync.enqueue(1, { chosen: ["c"], flagged: true }, 500);
    expect(requests.map((r) => r.request)).toEqual([
      { position: 0, chosen: ["a"], flagged: false, timeSpentMs: 3000, idempotencyKey: "key-1", baseRevision: 0 },
    ]);
    expect(statuses).toEqual(["saving"]);
    requests[0]!.reply(saved(1));
    await tick();
    expect(requests[1]!.request).toEqual({ position: 1, chosen: ["c"], flagged: true, timeSpentMs: 2500, idempotencyKey: "key-2", baseRevision: 10 });
    expect(statuses).toEqual(["saving"]); // never "saved" while something is still unacknowledged
    requests[1]!.reply(saved(11));
    await tick();
    expect(statuses).toEqual(["saving", "saved"]);
    expect(await sync.flush()).toBe("stored");

    // The next save of question 0 is based on the revision the server returned.
    sync.enqueue(0, { chosen: ["b"], flagged: false }, 1000);
    expect(requests[2]!.request).toMatchObject({ position: 0, baseRevision: 1 });
    // An unchanged answer left within a second is not worth a request.
    sync.enqueue(2, { chosen: [], flagged: false }, 999);
    expect(requests).toHaveLength(3);
  });

  it("retries the same request through an outage and says 'saved' only when the server acknowledged it", async () => {
    const { sync, requests, statuses } = setup();
    sync.enqueue(0, { chosen: ["a"], flagged: false }, 1000);
    requests[0]!.reply(offline());
    await tick();
    expect(sync.status()).toEqual({ kind: "retrying", reason: "offline" });
    requests[1]!.reply({ ok: false, code: "BUSY", message: "Busy" });
    await tick();
    expect(sync.status()).toEqual({ kind: "retrying", reason: "busy" });
    requests[2]!.reply(saved(1));
    await tick();
    expect(new Set(requests.map((r) => JSON.stringify(r.request))).size).toBe(1); // same key, same base
    expect(statuses).toEqual(["saving", "retrying", "saved"]);
  });

  it("replaces the page's answer with the stored one when another device changed it, and drops the value waiting behind", async () => {
    const { sync, requests, stale } = setup();
    sync.enqueue(0, { chosen: ["a"], flagged: false }, 1000);
    sync.enqueue(1, { chosen: ["a"], flagged: false }, 1000);
    sync.enqueue(0, { chosen: ["b"], flagged: false }, 1000);
    requests[0]!.reply({ ok: true, data: { status: "stale", revision: 7, chosen: ["d"], text: null, flagged: true, savedAt: null } });
    await tick();
    expect(stale).toEqual([{ index: 0, chosen: ["d"] }]);
    expect(requests.map((r) => r.request.position)).toEqual([0, 1]); // question 0's waiting "b" was dropped
    requests[1]!.reply(saved(11));
    await tick();
    sync.enqueue(0, { chosen: ["c"], flagged: true }, 1000);
    expect(requests[2]!.request).toMatchObject({ position: 0, chosen: ["c"], baseRevision: 7 });
  });

  it("stops at a closed attempt (the code ATTEMPT_CLOSED): the page is told why, nothing is retried or sent after", async () => {
    const { sync, requests, closed, statuses } = setup();
    sync.enqueue(0, { chosen: ["a"], flagged: false }, 1000);
    sync.enqueue(1, { chosen: ["a"], flagged: false }, 1000);
    const flushed = sync.flush();
    requests[0]!.reply({ ok: false, code: "ATTEMPT_CLOSED", message: "Time is up." });
    expect(await flushed).toBe("closed");
    expect(closed).toEqual(["Time is up."]);
    expect(statuses).not.toContain("failed");
    sync.enqueue(2, { chosen: ["a"], flagged: false }, 1000);
    expect(requests).toHaveLength(1);
  });

  it("tells a closed attempt by its code, not its words: another refusal with the same message is a failed save", async () => {
    const { sync, requests, closed } = setup();
    sync.enqueue(0, { chosen: ["a"], flagged: false }, 1000);
    requests[0]!.reply({ ok: false, code: "CONFLICT", message: "This attempt has already been submitted, so its answers can no longer change." });
    expect(await sync.flush()).toBe("failed");
    expect(closed).toEqual([]);
    expect(sync.status()).toEqual({
      kind: "failed",
      message: "Answer to question 1 not saved: This attempt has already been submitted, so its answers can no longer change.",
    });
  });

  it("holds the queue on a failure until the student retries, then resends the same request first", async () => {
    const { sync, requests } = setup();
    sync.enqueue(0, { chosen: ["a"], flagged: false }, 1000);
    sync.enqueue(1, { chosen: ["b"], flagged: false }, 1000);
    requests[0]!.reply({ ok: false, code: "UNAUTHENTICATED", message: "Please sign in to continue." });
    await tick();
    expect(sync.status()).toEqual({ kind: "failed", message: "Answer to question 1 not saved: Please sign in to continue." });
    expect(await sync.flush()).toBe("failed");
    expect(requests).toHaveLength(1);
    sync.retryFailed();
    expect(requests[1]!.request).toEqual(requests[0]!.request);
    requests[1]!.reply(saved(1));
    await tick();
    expect(requests[2]!.request).toMatchObject({ position: 1, chosen: ["b"] });
  });

  it("ignores a reply that arrives after the page was left", async () => {
    const { sync, requests, statuses } = setup();
    sync.enqueue(0, { chosen: ["a"], flagged: false }, 1000);
    sync.dispose();
    requests[0]!.reply(saved(1));
    await tick();
    expect(statuses).toEqual(["saving"]);
  });
});
