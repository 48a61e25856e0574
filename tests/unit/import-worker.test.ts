// Parsing runs in a worker thread with a hard deadline: a 5 MB file built against each format is
// refused or read within 2 s while this process keeps answering HTTP requests, a parse past its
// deadline is stopped, and no more than two parses run at once.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "@/lib/errors";
import { IMPORTER_BUSY_MESSAGE, parsePoolState, parseUploadIsolated } from "@/lib/bank/import/parse-isolated";

const MB5 = 5 * 1024 * 1024 - 1024;
const bytes = (text: string) => new TextEncoder().encode(text);

let server: Server;
let healthUrl = "";

beforeAll(async () => {
  server = createServer((_, response) => response.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  healthUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  // The first worker compiles the parsers (tsx caches them): not part of what is timed below.
  await parseUploadIsolated("warm.gift", bytes("Q {}"));
}, 60_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs `work` while asking /health every 25 ms; returns its result, its duration and the slowest answer. */
async function whileProbing<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; slowestHealthMs: number; probes: number }> {
  let slowest = 0;
  let probes = 0;
  let done = false;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(healthUrl);
      expect(await response.text()).toBe("ok");
      slowest = Math.max(slowest, performance.now() - started);
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  done = true;
  await probing;
  return { result, ms, slowestHealthMs: slowest, probes };
}

const adversarial: { name: string; fileName: string; text: () => string; expected: { questions: number; problem: string | RegExp | null } }[] = [
  { name: "GIFT $CATEGORY and 5 MB of spaces", fileName: "bank.gift", text: () => `$CATEGORY:x${" ".repeat(MB5)}y`, expected: { questions: 0, problem: null } },
  {
    name: ".txt sniff: a letter and 5 MB of {",
    fileName: "bank.txt",
    text: () => `a${"{".repeat(MB5)}`,
    expected: { questions: 0, problem: "unknown format: name the file .json, .csv, .gift, .aiken or .xml" },
  },
  {
    name: "Aiken option line of 5 MB",
    fileName: "bank.aiken",
    text: () => `Q\nA.${" ".repeat(MB5)}x\u2028y\nANSWER: A`,
    expected: { questions: 0, problem: "only 1 option(s): an Aiken question needs at least two" },
  },
  {
    name: "CSV with a 5 MB quoted field",
    fileName: "bank.csv",
    text: () => `stem,option_a,option_b,correct\n"${"x".repeat(MB5)}",a,b,A\n`,
    expected: { questions: 1, problem: null },
  },
  {
    name: "Moodle XML nested 1.7 million deep",
    fileName: "bank.xml",
    text: () => `<quiz>${"<a>".repeat(MB5 / 3)}`,
    expected: { questions: 0, problem: "the XML is nested more than 32 elements deep: Moodle XML needs fewer than ten" },
  },
  {
    name: "Moodle XML with a 5 MB attribute",
    fileName: "bank.xml",
    text: () => `<quiz><question type="${"a".repeat(MB5)}"></question></quiz>`,
    expected: { questions: 0, problem: /^a tag longer than 2000 characters/ },
  },
  {
    name: "JSON nested 5 million deep",
    fileName: "bank.json",
    text: () => "[".repeat(MB5),
    expected: { questions: 0, problem: "the file is nested too deeply to read" },
  },
];

describe("reading a hostile file off the request thread", () => {
  it.each(adversarial)(
    "$name: answered within 2 s while /health answers within 200 ms",
    async ({ fileName, text, expected }) => {
      const file = bytes(text());
      const { result, ms, slowestHealthMs, probes } = await whileProbing(() => parseUploadIsolated(fileName, file));
      expect(result.questions).toHaveLength(expected.questions);
      const messages = result.problems.map((p) => p.message);
      if (expected.problem === null) expect(messages).toEqual([]);
      else if (typeof expected.problem === "string") expect(messages).toEqual([expected.problem]);
      else expect(messages).toEqual([expect.stringMatching(expected.problem)]);
      expect(ms).toBeLessThan(2000);
      expect(probes).toBeGreaterThan(0);
      expect(slowestHealthMs).toBeLessThan(200);
    },
    30_000,
  );

  it("stops a parse at its deadline, says why, and reads the next file with a fresh worker", async () => {
    // 400,000 essay questions: valid, but far more than 20 ms of work.
    const big = bytes("Q {}\n\n".repeat(400_000));
    const { result, ms, slowestHealthMs } = await whileProbing(() => parseUploadIsolated("big.gift", big, {}, 20));
    expect(result.questions).toEqual([]);
    expect(result.format).toBe("gift");
    expect(result.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.problems).toEqual([
      {
        line: 1,
        column: 1,
        question: "",
        snippet: "",
        message:
          "the file took more than 0.02 s to read: it may be built to slow the importer down. " +
          "Split it into smaller files, or look for very long lines or deeply nested parts",
      },
    ]);
    expect(ms).toBeLessThan(1000);
    expect(slowestHealthMs).toBeLessThan(200);
    expect(parsePoolState()).toMatchObject({ running: 0, waiting: 0 });
    const next = await parseUploadIsolated("small.gift", bytes("::A:: Two? {=yes ~no}"));
    expect(next.problems).toEqual([]);
    expect(next.questions.map((q) => q.question.name)).toEqual(["A"]);
  }, 30_000);

  it("runs two parses at once, queues four, and refuses a seventh as busy", async () => {
    const file = bytes(Array.from({ length: 2000 }, (_, i) => `::Q${i}:: Question ${i}? {=yes ~no}`).join("\n\n"));
    const calls = Array.from({ length: 7 }, () => parseUploadIsolated("bank.gift", file));
    expect(parsePoolState()).toMatchObject({ running: 2, waiting: 4 });
    const settled = await Promise.allSettled(calls);
    expect(settled.slice(0, 6).map((s) => (s.status === "fulfilled" ? s.value.questions.length : s.reason))).toEqual([2000, 2000, 2000, 2000, 2000, 2000]);
    const refused = settled[6]!;
    expect(refused.status).toBe("rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ActionError);
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "BUSY", message: IMPORTER_BUSY_MESSAGE });
    expect(parsePoolState()).toMatchObject({ running: 0, waiting: 0 });
  }, 60_000);
});
