// AnswerSync without a connection (components/quiz/answer-sync.ts): what is not yet stored is told to
// the device on every change, taken up again by the next page (restore), and a save the retries gave
// up on through an outage goes out again, unchanged, once the connection may be back.
import { describe, expect, it } from "vitest";
import { AnswerSync, type AnswerSyncOptions, type PendingState, type SaveRequest, type SyncStatus } from "@/components/quiz/answer-sync";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SaveOutcome } from "@/lib/quiz/schemas";

type Reply = ActionResult<SaveOutcome> | Error;

/** Three tries, no real waiting: an outage outlasts the retry budget after three failed tries. */
const RETRY: AnswerSyncOptions["retry"] = {
  sleep: async () => {},
  random: () => 0.5,
  policy: { baseDelayMs: 100, maxDelayMs: 100, maxElapsedMs: 60_000, maxAttempts: 3 },
};

/** A server the test answers by hand (as in quiz-answer-sync.test.ts), and a connection it brings back. */
function setup(options: { questions?: number; waitForConnection?: boolean } = {}) {
  const requests: { request: SaveRequest; reply: (reply: Reply) => void }[] = [];
  const statuses: SyncStatus[] = [];
  const persisted: PendingState[] = [];
  const stale: { index: number; chosen: string[] }[] = [];
  const waits: { signal: AbortSignal; connect: () => void }[] = [];
  let keys = 0;
  const sync = new AnswerSync({
    questions: Array.from({ length: options.questions ?? 3 }, (_, i) => ({ position: i, chosen: [], flagged: false, revision: 10 * i })),
    send: (request) =>
      new Promise((resolve, reject) => requests.push({ request, reply: (reply) => (reply instanceof Error ? reject(reply) : resolve(reply)) })),
    newKey: () => `key-${++keys}`,
    onStatus: (status) => statuses.push(status),
    onStale: (index, stored) => stale.push({ index, chosen: stored.chosen }),
    onClosed: () => {},
    // A copy, as the device keeps it: later changes to the sync's own objects must not rewrite it.
    persist: (pending) => persisted.push(structuredClone(pending)),
    ...(options.waitForConnection ? { waitForConnection: (signal: AbortSignal) => new Promise<void>((connect) => waits.push({ signal, connect })) } : {}),
    retry: RETRY,
  });
  return { sync, requests, statuses, persisted, stale, waits };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const saved = (revision: number): ActionResult<SaveOutcome> => ({ ok: true, data: { status: "saved", revision, savedAt: "2026-12-01T10:00:00.000Z" } });
const offline = () => new TypeError("Failed to fetch");
const answer = (...chosen: string[]) => ({ chosen, flagged: false });
/** What an earlier page had in flight for question 0 when it went away. */
const kept: SaveRequest = { position: 0, chosen: ["x"], flagged: true, timeSpentMs: 4000, idempotencyKey: "kept-key-0001", baseRevision: 0 };
/** A flush's result if it has one by the next turn of the event loop, else "pending". */
const settledBy = (flushed: Promise<string>) => Promise.race([flushed, tick().then(() => "pending")]);

/** Fails every try of the request now in flight until the retries give up (RETRY: three tries). */
async function outage(requests: { reply: (reply: Reply) => void }[]) {
  for (let i = 0; i < 3; i++) {
    requests.at(-1)!.reply(offline());
    await tick();
  }
}

describe("persist: every change to what is not yet stored reaches the device", () => {
  it("gets the save in flight and the answers waiting behind it, in order, then nothing once all are acknowledged", async () => {
    const { sync, requests, persisted } = setup();
    sync.enqueue(0, answer("a"), 3000);
    sync.enqueue(1, answer("b"), 2000);
    sync.enqueue(2, answer("d"), 1000);
    sync.enqueue(1, answer("c"), 500); // replaces question 1's waiting value, keeps its place
    const first: SaveRequest = { position: 0, chosen: ["a"], flagged: false, timeSpentMs: 3000, idempotencyKey: "key-1", baseRevision: 0 };
    expect(persisted).toEqual([
      { sending: first, waiting: [] },
      { sending: first, waiting: [{ position: 1, answer: answer("b"), timeSpentMs: 2000 }] },
      {
        sending: first,
        waiting: [
          { position: 1, answer: answer("b"), timeSpentMs: 2000 },
          { position: 2, answer: answer("d"), timeSpentMs: 1000 },
        ],
      },
      {
        sending: first,
        waiting: [
          { position: 1, answer: answer("c"), timeSpentMs: 2500 },
          { position: 2, answer: answer("d"), timeSpentMs: 1000 },
        ],
      },
    ]);

    requests[0]!.reply(saved(1));
    await tick();
    const second: SaveRequest = { position: 1, chosen: ["c"], flagged: false, timeSpentMs: 2500, idempotencyKey: "key-2", baseRevision: 10 };
    expect(persisted.at(-1)).toEqual({ sending: second, waiting: [{ position: 2, answer: answer("d"), timeSpentMs: 1000 }] });
    requests[1]!.reply(saved(11));
    await tick();
    const third: SaveRequest = { position: 2, chosen: ["d"], flagged: false, timeSpentMs: 1000, idempotencyKey: "key-3", baseRevision: 20 };
    expect(persisted.at(-1)).toEqual({ sending: third, waiting: [] });
    requests[2]!.reply(saved(21));
    await tick();
    expect(persisted).toHaveLength(7);
    expect(persisted.at(-1)).toEqual({ sending: null, waiting: [] });
    expect(sync.pending()).toEqual({ sending: null, waiting: [] });
    expect(await sync.flush()).toBe("stored");
  });

  it("keeps a save that failed on the device (it is sent again, unchanged, on retry)", async () => {
    const { sync, requests, persisted } = setup();
    sync.enqueue(0, answer("a"), 1000);
    sync.enqueue(1, answer("b"), 1000);
    requests[0]!.reply({ ok: false, code: "UNAUTHENTICATED", message: "Please sign in to continue." });
    await tick();
    const failed = requests[0]!.request;
    expect(sync.status()).toEqual({ kind: "failed", message: "Answer to question 1 not saved: Please sign in to continue." });
    expect(persisted.at(-1)).toEqual({ sending: failed, waiting: [{ position: 1, answer: answer("b"), timeSpentMs: 1000 }] });
    expect(sync.pending()).toEqual(persisted.at(-1));
  });

  it("drops from the device a waiting value the stored answer overrides (stale)", async () => {
    const { sync, requests, persisted, stale } = setup();
    sync.enqueue(0, answer("a"), 1000);
    sync.enqueue(1, answer("b"), 1000);
    sync.enqueue(0, answer("c"), 1000);
    requests[0]!.reply({ ok: true, data: { status: "stale", revision: 7, chosen: ["d"], text: null, flagged: false, savedAt: null } });
    await tick();
    expect(stale).toEqual([{ index: 0, chosen: ["d"] }]);
    expect(persisted.at(-1)).toEqual({ sending: requests[1]!.request, waiting: [] });
    expect(requests[1]!.request).toMatchObject({ position: 1, chosen: ["b"] });
  });
});

describe("restore: what an earlier page left unsent", () => {
  it("sends the kept request first, unchanged, then the waiting answers as new requests on the revisions acknowledged", async () => {
    const { sync, requests, persisted } = setup();
    sync.restore({
      sending: kept,
      waiting: [
        { position: 0, answer: answer("y"), timeSpentMs: 1500 },
        { position: 2, answer: answer("z"), timeSpentMs: 700 },
      ],
    });
    expect(requests.map((r) => r.request)).toEqual([kept]);
    expect(persisted).toEqual([
      {
        sending: kept,
        waiting: [
          { position: 0, answer: answer("y"), timeSpentMs: 1500 },
          { position: 2, answer: answer("z"), timeSpentMs: 700 },
        ],
      },
    ]);

    requests[0]!.reply(saved(5));
    await tick();
    // Question 0's next value is based on the revision the kept request was acknowledged with.
    expect(requests[1]!.request).toEqual({ position: 0, chosen: ["y"], flagged: false, timeSpentMs: 1500, idempotencyKey: "key-1", baseRevision: 5 });
    requests[1]!.reply(saved(6));
    await tick();
    expect(requests[2]!.request).toEqual({ position: 2, chosen: ["z"], flagged: false, timeSpentMs: 700, idempotencyKey: "key-2", baseRevision: 20 });
    requests[2]!.reply(saved(21));
    await tick();
    expect(requests).toHaveLength(3);
    expect(await sync.flush()).toBe("stored");
    expect(persisted.at(-1)).toEqual({ sending: null, waiting: [] });
    expect(sync.status()).toEqual({ kind: "saved" });
  });

  it("sends waiting answers alone on the page's revisions, and ignores a position the attempt does not have", async () => {
    const { sync, requests } = setup();
    sync.restore({
      sending: { ...kept, position: 9 },
      waiting: [
        { position: 7, answer: answer("q"), timeSpentMs: 100 },
        { position: 1, answer: answer("w"), timeSpentMs: 1200 },
      ],
    });
    expect(requests.map((r) => r.request)).toEqual([
      { position: 1, chosen: ["w"], flagged: false, timeSpentMs: 1200, idempotencyKey: "key-1", baseRevision: 10 },
    ]);
    requests[0]!.reply(saved(11));
    await tick();
    expect(requests).toHaveLength(1);
    expect(await sync.flush()).toBe("stored");
  });

  it("with nothing kept, sends nothing and tells the device nothing is pending", async () => {
    const { sync, requests, persisted } = setup();
    sync.restore({ sending: null, waiting: [] });
    expect(requests).toEqual([]);
    expect(persisted).toEqual([{ sending: null, waiting: [] }]);
    expect(await sync.flush()).toBe("stored");
  });

  it("does nothing once the page was left", () => {
    const { sync, requests, persisted } = setup();
    sync.dispose();
    sync.restore({ sending: kept, waiting: [{ position: 1, answer: answer("w"), timeSpentMs: 1200 }] });
    expect(requests).toEqual([]);
    expect(persisted).toEqual([]);
  });
});

describe("restore skips a position the student already changed on this page", () => {
  it("while the change still waits: the kept value is dropped, the others go after the page's own", async () => {
    const { sync, requests, persisted } = setup();
    sync.enqueue(0, answer("a"), 1000); // in flight
    sync.enqueue(1, answer("new"), 1000); // waiting
    sync.restore({
      sending: null,
      waiting: [
        { position: 1, answer: answer("old"), timeSpentMs: 900 },
        { position: 2, answer: answer("z"), timeSpentMs: 800 },
      ],
    });
    expect(persisted.at(-1)).toEqual({
      sending: requests[0]!.request,
      waiting: [
        { position: 1, answer: answer("new"), timeSpentMs: 1000 },
        { position: 2, answer: answer("z"), timeSpentMs: 800 },
      ],
    });
    for (let i = 0; i < 3; i++) {
      requests[i]!.reply(saved(10 * i + 1));
      await tick();
    }
    expect(requests.map((r) => [r.request.position, r.request.chosen])).toEqual([
      [0, ["a"]],
      [1, ["new"]],
      [2, ["z"]],
    ]);
    expect(await sync.flush()).toBe("stored");
  });

  it("while the change is in flight: the kept value never follows it to the server", async () => {
    const { sync, requests } = setup();
    sync.enqueue(1, answer("new"), 1000); // sent at once
    sync.restore({ sending: null, waiting: [{ position: 1, answer: answer("old"), timeSpentMs: 900 }] });
    expect(sync.pending().waiting).toEqual([]);
    requests[0]!.reply(saved(11));
    await tick();
    expect(requests.map((r) => [r.request.position, r.request.chosen])).toEqual([[1, ["new"]]]);
    expect(await sync.flush()).toBe("stored");
  });

  it("once the change is stored: the kept value does not overwrite it", async () => {
    const { sync, requests } = setup();
    sync.enqueue(1, answer("new"), 1000);
    requests[0]!.reply(saved(11));
    await tick();
    sync.restore({ sending: null, waiting: [{ position: 1, answer: answer("old"), timeSpentMs: 900 }] });
    await tick();
    expect(requests.map((r) => [r.request.position, r.request.chosen])).toEqual([[1, ["new"]]]);
    expect(sync.pending()).toEqual({ sending: null, waiting: [] });
  });

  it("a kept request for a question whose change is in flight is not turned into a new save after it", async () => {
    const { sync, requests } = setup();
    sync.enqueue(0, answer("new"), 1000); // in flight
    sync.restore({ sending: kept, waiting: [] });
    requests[0]!.reply(saved(1));
    await tick();
    // Sending the kept request unchanged (its old base revision) could only come back "stale"; a new
    // request on revision 1 would overwrite what the student chose on this page.
    expect(requests.filter((r) => r.request.chosen.join() === "x" && r.request.idempotencyKey !== kept.idempotencyKey)).toEqual([]);
    expect(await sync.flush()).toBe("stored");
  });
});

describe("waitForConnection: an outage longer than the retry budget", () => {
  it("does not end in 'failed': the same request goes out again once the connection may be back", async () => {
    const { sync, requests, statuses, persisted, waits } = setup({ waitForConnection: true });
    sync.enqueue(0, answer("a"), 1000);
    await outage(requests);
    expect(requests).toHaveLength(3);
    expect(waits).toHaveLength(1);
    expect(sync.status()).toEqual({ kind: "retrying", reason: "offline" });
    expect(statuses.some((s) => s.kind === "failed")).toBe(false);
    // The student goes on answering: the new answer waits behind, and the device keeps both.
    sync.enqueue(1, answer("b"), 2000);
    expect(requests).toHaveLength(3);
    expect(persisted.at(-1)).toEqual({ sending: requests[0]!.request, waiting: [{ position: 1, answer: answer("b"), timeSpentMs: 2000 }] });

    waits[0]!.connect();
    await tick();
    expect(requests).toHaveLength(4);
    expect(requests[3]!.request).toEqual({ position: 0, chosen: ["a"], flagged: false, timeSpentMs: 1000, idempotencyKey: "key-1", baseRevision: 0 });
    expect(new Set(requests.map((r) => r.request))).toEqual(new Set([requests[0]!.request]));
    requests[3]!.reply(saved(1));
    await tick();
    expect(requests[4]!.request).toEqual({ position: 1, chosen: ["b"], flagged: false, timeSpentMs: 2000, idempotencyKey: "key-2", baseRevision: 10 });
    requests[4]!.reply(saved(11));
    await tick();
    expect(await sync.flush()).toBe("stored");
    expect(requests).toHaveLength(5);
    expect(sync.status()).toEqual({ kind: "saved" });
    expect(statuses.some((s) => s.kind === "failed")).toBe(false);
    expect(persisted.at(-1)).toEqual({ sending: null, waiting: [] });
  });

  it("waits again as long as the connection does not come back", async () => {
    const { sync, requests, waits } = setup({ waitForConnection: true });
    sync.enqueue(2, answer("c"), 1000);
    await outage(requests);
    waits[0]!.connect();
    await tick();
    await outage(requests);
    expect(waits).toHaveLength(2);
    expect(sync.status()).toEqual({ kind: "retrying", reason: "offline" });
    waits[1]!.connect();
    await tick();
    expect(requests).toHaveLength(7);
    expect(new Set(requests.map((r) => r.request.idempotencyKey))).toEqual(new Set(["key-1"]));
    expect(new Set(requests.map((r) => r.request.baseRevision))).toEqual(new Set([20]));
    requests[6]!.reply(saved(21));
    expect(await sync.flush()).toBe("stored");
  });

  it("stops when the page is left while waiting: the wait is aborted and nothing more is sent", async () => {
    const { sync, requests, waits } = setup({ waitForConnection: true });
    sync.enqueue(0, answer("a"), 1000);
    await outage(requests);
    expect(waits[0]!.signal.aborted).toBe(false);
    sync.dispose();
    expect(waits[0]!.signal.aborted).toBe(true);
    waits[0]!.connect();
    await tick();
    expect(requests).toHaveLength(3);
  });

  it("still fails a save the server keeps refusing as busy (only a lost connection is waited out)", async () => {
    const { sync, requests, waits } = setup({ waitForConnection: true });
    sync.enqueue(0, answer("a"), 1000);
    for (let i = 0; i < 3; i++) {
      requests.at(-1)!.reply({ ok: false, code: "BUSY", message: "The server is busy." });
      await tick();
    }
    expect(waits).toHaveLength(0);
    expect(sync.status()).toEqual({ kind: "failed", message: "Answer to question 1 not saved: The server is busy." });
    expect(await sync.flush()).toBe("failed");
  });

  it("without it, the same outage ends in 'failed' as before", async () => {
    const { sync, requests } = setup();
    sync.enqueue(0, answer("a"), 1000);
    await outage(requests);
    expect(requests).toHaveLength(3);
    expect(sync.status()).toEqual({
      kind: "failed",
      message: "Answer to question 1 not saved: Could not reach the server. Check your connection and try again.",
    });
    expect(await sync.flush()).toBe("failed");
    expect(sync.pending().sending).toEqual(requests[0]!.request);
  });
});

describe("flush through an outage", () => {
  it("a flush begun while offline (submitting, leaving for now) ends 'stored' once everything is acknowledged", async () => {
    const { sync, requests, waits } = setup({ waitForConnection: true });
    sync.enqueue(0, answer("a"), 1000);
    await outage(requests);
    sync.enqueue(1, answer("b"), 1000); // the answer on screen, stored before submitting
    const flushed = sync.flush();
    expect(await settledBy(flushed)).toBe("pending");
    waits[0]!.connect();
    await tick();
    requests[3]!.reply(saved(1));
    await tick();
    expect(await settledBy(flushed)).toBe("pending"); // question 1 is still on its way
    requests[4]!.reply(saved(11));
    await tick();
    expect(sync.isSettled).toBe(true);
    expect(await settledBy(flushed)).toBe("stored");
  });

  it("a flush with two saves pending ends 'stored' once both are acknowledged", async () => {
    const { sync, requests } = setup();
    sync.enqueue(0, answer("a"), 1000);
    sync.enqueue(1, answer("b"), 1000);
    const flushed = sync.flush();
    requests[0]!.reply(saved(1));
    await tick();
    requests[1]!.reply(saved(11));
    await tick();
    expect(sync.isSettled).toBe(true);
    expect(await settledBy(flushed)).toBe("stored");
  });
});
