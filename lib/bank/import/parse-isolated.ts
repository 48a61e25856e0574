import "server-only";
// Parses an uploaded bank file in a worker thread with a hard deadline. Parsing is synchronous
// JavaScript: on the request thread a file built to be slow would stall every other request for as
// long as it runs, and a time check after the parse could never interrupt it. A worker that has not
// answered by the deadline is terminated and the file is refused with a problem saying why.
//
// At most MAX_RUNNING parses run at once (the machine has few cores, and requests need one); up to
// MAX_WAITING more wait their turn; beyond that the import is refused as busy. Idle workers are kept
// warm for a minute, since starting one costs a few hundred milliseconds.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { BusyError } from "../../errors";
import { formatFromFileName, type BankFormatName } from "../formats/registry";
import { fileHashOf, IMPORT_LIMITS, problemAt, type ParsedUpload } from "./upload";

const MAX_RUNNING = 2;
const MAX_WAITING = 4;
const IDLE_MS = 60_000;
const START_MS = 30_000;
/** A parse may also allocate no more than this (a worker past it is stopped by Node.js). */
const MAX_HEAP_MB = 512;

// Resolved from the project directory at run time, not bundled: see the comment in the worker file.
// (`next start` and vitest both run from the project directory.)
const WORKER_FILE = path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "bank", "import", "worker", "parse-worker.mjs");

export const IMPORTER_BUSY_MESSAGE = "The importer is reading other files: try again in a moment.";

type WorkerReply = { ready: true } | { ok: true; result: ParsedUpload } | { ok: false; message: string };

const idle: Worker[] = [];
const idleTimers = new WeakMap<Worker, NodeJS.Timeout>();
const waiting: (() => void)[] = [];
let running = 0;

function startWorker(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    // The magic comments keep both bundlers from trying to bundle or trace this path.
    const worker = new Worker(/* webpackIgnore: true */ /* turbopackIgnore: true */ WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
    const timer = setTimeout(() => fail(new Error(`the import worker did not start within ${START_MS / 1000} s`)), START_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void worker.terminate();
      reject(error);
    };
    worker.once("error", fail);
    // A warm worker that dies (it should not) must not be handed the next file.
    worker.once("exit", () => removeIdle(worker));
    worker.once("message", (reply: WorkerReply) => {
      clearTimeout(timer);
      worker.off("error", fail);
      if ("ready" in reply) resolve(worker);
      else fail(new Error("the import worker answered before it was ready"));
    });
  });
}

function removeIdle(worker: Worker) {
  const index = idle.indexOf(worker);
  if (index >= 0) idle.splice(index, 1);
  clearTimeout(idleTimers.get(worker));
}

function keepIdle(worker: Worker) {
  worker.unref();
  idle.push(worker);
  const timer = setTimeout(() => {
    removeIdle(worker);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idleTimers.set(worker, timer);
}

function takeIdle(): Worker | undefined {
  const worker = idle.pop();
  if (worker) clearTimeout(idleTimers.get(worker));
  return worker;
}

/** Waits for a free parse slot; throws "busy" at once when too many files are already waiting. */
async function acquireSlot(): Promise<void> {
  if (running < MAX_RUNNING) {
    running++;
    return;
  }
  if (waiting.length >= MAX_WAITING) throw new BusyError(IMPORTER_BUSY_MESSAGE); // 503 with Retry-After, as for a busy database
  // The releasing parse hands its slot over directly, so `running` never drops in between.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot() {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

type JobOutcome = { kind: "done"; result: ParsedUpload } | { kind: "failed"; message: string; healthy: boolean };

function runJob(worker: Worker, job: { fileName: string; bytes: Uint8Array; options: object }, deadlineMs: number): Promise<JobOutcome> {
  return new Promise((resolve) => {
    const finish = (outcome: JobOutcome) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(outcome);
    };
    const onMessage = (reply: WorkerReply) => {
      if ("ready" in reply) return;
      finish(reply.ok ? { kind: "done", result: reply.result } : { kind: "failed", message: reply.message, healthy: true });
    };
    const onError = (error: Error & { code?: string }) =>
      finish({
        kind: "failed",
        healthy: false,
        message:
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `the file needs more than ${MAX_HEAP_MB} MB of memory to read`
            : `the importer could not read the file (${error.message})`,
      });
    const onExit = () => finish({ kind: "failed", healthy: false, message: "the importer stopped while reading the file" });
    const timer = setTimeout(() => {
      void worker.terminate();
      finish({
        kind: "failed",
        healthy: false,
        message:
          `the file took more than ${deadlineMs / 1000} s to read: it may be built to slow the importer down. ` +
          "Split it into smaller files, or look for very long lines or deeply nested parts",
      });
    }, deadlineMs);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.ref();
    worker.postMessage(job);
  });
}

/**
 * parseUpload (upload.ts), run in a worker thread that is terminated after `deadlineMs`. A file that
 * could not be read in time, or that crashed or exhausted its worker, comes back as a file with one
 * problem, like any other unreadable file.
 */
export async function parseUploadIsolated(
  fileName: string,
  bytes: Uint8Array,
  options: { convert?: boolean; format?: BankFormatName } = {},
  deadlineMs: number = IMPORT_LIMITS.maxParseMs,
): Promise<ParsedUpload> {
  await acquireSlot();
  try {
    const worker = takeIdle() ?? (await startWorker());
    const outcome = await runJob(worker, { fileName, bytes, options }, deadlineMs);
    if (outcome.kind === "done") {
      keepIdle(worker);
      return outcome.result;
    }
    if (outcome.healthy) keepIdle(worker);
    else void worker.terminate();
    return {
      format: options.format ?? formatFromFileName(fileName),
      fileHash: fileHashOf(bytes),
      questions: [],
      problems: [problemAt(outcome.message)],
      categories: [],
    };
  } finally {
    releaseSlot();
  }
}

/** How many parses run and wait, and how many warm workers are idle (for tests and diagnostics). */
export function parsePoolState(): { running: number; waiting: number; idle: number } {
  return { running, waiting: waiting.length, idle: idle.length };
}
