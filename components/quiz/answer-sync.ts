// The page's side of saving answers, apart from React so it can be tested on its own. It sends one
// save at a time, in the order the student moved through the questions, keeping only the latest
// value of a question that is waiting; retries a request with the same idempotency key and base
// revision until the server answers; and only calls something saved when the server acknowledged
// that exact request. A closed attempt is told apart by the failure's code, never by its message.
import type { SaveStatusState } from "@/components/ui/save-status";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ActionErrorCode } from "@/lib/errors";
import type { SaveOutcome } from "@/lib/quiz/schemas";
import { callWithRetry, failureMessage, type RequestFailure, type RetryHooks } from "@/components/ui/resilient-action";

/** An answer: the options chosen, or the text typed (a JSON list for matching and cloze), and the flag. */
export type Answer = { chosen: string[]; text?: string | null; flagged: boolean };

/** Whether an answer says anything: an option chosen, text typed, or one part of a list filled in. */
export function isAnswered(answer: Pick<Answer, "chosen" | "text">): boolean {
  if (answer.chosen.length > 0) return true;
  const text = answer.text?.trim() ?? "";
  if (!text.startsWith("[")) return text !== "";
  try {
    const parts: unknown = JSON.parse(text);
    return Array.isArray(parts) ? parts.some((part) => typeof part === "string" && part.trim() !== "") : true;
  } catch {
    return true;
  }
}

export interface SaveRequest extends Answer {
  position: number;
  timeSpentMs: number;
  idempotencyKey: string;
  baseRevision: number;
}

export type SyncStatus = Exclude<SaveStatusState, { kind: "submitting" }>;

export interface AnswerSyncOptions {
  /** Each question's position in the attempt, its stored answer and that answer's revision. */
  questions: { position: number; chosen: string[]; text?: string | null; flagged: boolean; revision: number }[];
  send: (request: SaveRequest) => Promise<ActionResult<SaveOutcome>>;
  newKey: () => string;
  onStatus: (status: SyncStatus) => void;
  /** Another device changed this answer: the page shows the stored one instead of its own. */
  onStale: (index: number, stored: Answer) => void;
  /** The attempt takes no more answers (submitted, or time is up): the server's message says which. */
  onClosed: (message: string) => void;
  /** Told of every change to what is not yet stored, to keep a copy on the device (lib/offline/pending-answers.ts). */
  persist?: (pending: PendingState) => void;
  /** Resolves when a connection may be back (the browser's `online` event, or a while later). */
  waitForConnection?: (signal: AbortSignal) => Promise<void>;
  /** For tests: how to wait, what time it is, the jitter. */
  retry?: Pick<RetryHooks, "sleep" | "now" | "random" | "policy">;
}

/** What is not yet stored: the save in flight (resent unchanged) and the answers waiting behind it. */
export interface PendingState {
  sending: SaveRequest | null;
  waiting: { position: number; answer: Answer; timeSpentMs: number }[];
}

/** Below this, an unchanged answer is not worth a request just to add the time spent. */
const MIN_TIME_WORTH_SAVING_MS = 1000;

/** How a flush ended: every answer stored, a save failed (the status says which), or the attempt closed. */
export type FlushResult = "stored" | "failed" | "closed";

/** The server's answer to a save into an attempt that takes no more answers. */
const ATTEMPT_CLOSED: ActionErrorCode = "ATTEMPT_CLOSED";

export const sameAnswer = (a: Answer, b: Answer) => a.flagged === b.flagged && a.chosen.join() === b.chosen.join() && (a.text ?? null) === (b.text ?? null);

interface QuestionState {
  position: number;
  /** What the server last acknowledged, at which revision. */
  stored: Answer;
  revision: number;
  /** The latest value not sent yet, with the time it accounts for. */
  waiting: { answer: Answer; timeSpentMs: number } | null;
}

export class AnswerSync {
  private readonly questions: QuestionState[];
  /** Questions with a waiting value, in the order they were left. */
  private readonly order: number[] = [];
  /** Questions the student changed on this page: what an earlier page left on the device never overwrites them. */
  private readonly touched = new Set<number>();
  private inFlight: { index: number; request: SaveRequest } | null = null;
  private failed: { index: number; request: SaveRequest; message: string } | null = null;
  private retrying: RequestFailure | null = null;
  private acknowledged = false;
  private closed = false;
  private readonly abort = new AbortController();
  private settledListeners: (() => void)[] = [];

  constructor(private readonly options: AnswerSyncOptions) {
    this.questions = options.questions.map((q) => ({
      position: q.position,
      stored: { chosen: q.chosen, text: q.text ?? null, flagged: q.flagged },
      revision: q.revision,
      waiting: null,
    }));
  }

  /**
   * Takes up what an earlier page left unsent (from the device's copy): the save that was in flight
   * goes first, unchanged, then the waiting answers, unless the student already changed them here.
   */
  restore(pending: PendingState): void {
    if (this.closed) return;
    const indexOf = (position: number) => this.questions.findIndex((q) => q.position === position);
    for (const { position, answer, timeSpentMs } of pending.waiting) {
      const index = indexOf(position);
      if (index === -1 || this.touched.has(index)) continue;
      this.questions[index]!.waiting = { answer, timeSpentMs };
      this.order.push(index);
    }
    const sendingAt = pending.sending ? indexOf(pending.sending.position) : -1;
    const resend = sendingAt !== -1 && !this.touched.has(sendingAt) ? sendingAt : -1;
    if (resend !== -1 && !this.inFlight) void this.run(resend, pending.sending!);
    else if (resend !== -1 && !this.questions[resend]!.waiting) {
      this.questions[resend]!.waiting = { answer: pending.sending!, timeSpentMs: pending.sending!.timeSpentMs };
      this.order.unshift(resend);
    }
    this.changed();
  }

  /** What is not yet stored, as the device keeps it. */
  pending(): PendingState {
    const sending = this.inFlight?.request ?? this.failed?.request ?? null;
    return {
      sending,
      waiting: this.order.map((index) => ({ position: this.questions[index]!.position, ...this.questions[index]!.waiting! })),
    };
  }

  /** The student left question `index` with `answer` after `timeSpentMs` on it: save it (eventually). */
  enqueue(index: number, answer: Answer, timeSpentMs: number): void {
    const question = this.questions[index];
    if (!question || this.closed) return;
    const latest = question.waiting?.answer ?? (this.inFlight?.index === index ? this.inFlight.request : null) ?? this.failedAnswer(index) ?? question.stored;
    const same = sameAnswer(latest, answer);
    if (same && timeSpentMs < MIN_TIME_WORTH_SAVING_MS) return;
    if (!same) this.touched.add(index);
    if (question.waiting) question.waiting = { answer, timeSpentMs: question.waiting.timeSpentMs + timeSpentMs };
    else {
      question.waiting = { answer, timeSpentMs };
      this.order.push(index);
    }
    this.changed();
  }

  /** Sends the request that failed again, unchanged (it may have been applied: same key). */
  retryFailed(): void {
    if (!this.failed || this.closed) return;
    const { index, request } = this.failed;
    this.failed = null;
    void this.run(index, request);
  }

  /** True when nothing is waiting, in flight or failed: every answer left is stored. */
  get isSettled(): boolean {
    return !this.inFlight && !this.failed && this.order.length === 0;
  }

  /** Resolves once every answer is stored, or a save failed, or the attempt closed. */
  flush(): Promise<FlushResult> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.closed) resolve("closed");
        else if (this.failed) resolve("failed");
        else if (this.isSettled) resolve("stored");
        else return false;
        return true;
      };
      // Listeners are told of every change once: one that finds nothing settled yet waits for the next.
      const listener = () => {
        if (!check()) this.settledListeners.push(listener);
      };
      if (!check()) this.settledListeners.push(listener);
    });
  }

  /** The page is going away: stop retrying and ignore any reply still on its way. */
  dispose(): void {
    this.closed = true;
    this.abort.abort();
  }

  status(): SyncStatus {
    if (this.failed) return { kind: "failed", message: this.failed.message };
    if (this.retrying) return { kind: "retrying", reason: this.retrying.kind === "network" ? "offline" : "busy" };
    if (this.inFlight || this.order.length > 0) return { kind: "saving" };
    return this.acknowledged ? { kind: "saved" } : { kind: "idle" };
  }

  private failedAnswer(index: number): Answer | null {
    return this.failed?.index === index ? this.failed.request : null;
  }

  private changed(): void {
    this.pump();
    this.options.persist?.(this.pending());
    this.options.onStatus(this.status());
    const listeners = this.settledListeners;
    this.settledListeners = [];
    for (const listener of listeners) listener();
  }

  /** Starts the next save unless one is in flight, failed (the queue waits for it) or the attempt is closed. */
  private pump(): void {
    if (this.inFlight || this.failed || this.closed) return;
    const index = this.order.shift();
    if (index === undefined) return;
    const question = this.questions[index]!;
    const waiting = question.waiting!;
    question.waiting = null;
    const request: SaveRequest = {
      position: question.position,
      ...waiting.answer,
      timeSpentMs: waiting.timeSpentMs,
      idempotencyKey: this.options.newKey(),
      baseRevision: question.revision,
    };
    void this.run(index, request);
  }

  private async run(index: number, request: SaveRequest): Promise<void> {
    this.inFlight = { index, request };
    this.options.onStatus(this.status());
    const result = await callWithRetry(() => this.options.send(request), {
      ...this.options.retry,
      signal: this.abort.signal,
      onRetrying: (failure) => {
        if (this.inFlight?.request !== request) return;
        this.retrying = failure;
        this.options.onStatus(this.status());
      },
    });
    // A reply to a request the page no longer waits for (left, or closed meanwhile) changes nothing.
    if (this.closed || this.inFlight?.request !== request) return;
    // No connection for a while: the answers are kept on the device; try the same request again once
    // the browser says it is back online (or a while later), for as long as the page is open.
    if (!result.ok && result.failure.kind === "network" && this.options.waitForConnection) {
      this.retrying = result.failure;
      this.options.onStatus(this.status());
      await this.options.waitForConnection(this.abort.signal);
      if (!this.closed && this.inFlight?.request === request) void this.run(index, request);
      return;
    }
    this.inFlight = null;
    this.retrying = null;
    if (result.ok) this.apply(index, request, result.data);
    else if (result.failure.kind === "code" && result.failure.code === ATTEMPT_CLOSED) this.close(result.failure.message);
    else this.failed = { index, request, message: `Answer to question ${index + 1} not saved: ${failureMessage(result.failure)}` };
    this.changed();
  }

  private apply(index: number, request: SaveRequest, outcome: SaveOutcome): void {
    const question = this.questions[index]!;
    switch (outcome.status) {
      case "saved":
        question.stored = { chosen: request.chosen, text: request.text ?? null, flagged: request.flagged };
        question.revision = outcome.revision;
        this.acknowledged = true;
        return;
      case "stale": {
        // The stored answer wins over this page's (it is newer); a value still waiting is dropped too.
        const stored = { chosen: outcome.chosen, text: outcome.text, flagged: outcome.flagged };
        question.stored = stored;
        question.revision = outcome.revision;
        this.acknowledged = true;
        if (question.waiting) {
          question.waiting = null;
          this.order.splice(this.order.indexOf(index), 1);
        }
        if (!sameAnswer(stored, request)) this.options.onStale(index, stored);
        return;
      }
    }
  }

  /** Submitted elsewhere or time is up: nothing more is sent, and the page is told why. */
  private close(message: string): void {
    this.closed = true;
    this.order.length = 0;
    this.options.onClosed(message);
  }
}
