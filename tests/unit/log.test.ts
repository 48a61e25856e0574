// The log line a person reads (one JSON object per line) and the collapsing of an outage's error
// storm into one "unreachable" and one "reachable again" line (item 19).
import { afterEach, describe, expect, it } from "vitest";
import { createOutageTracker, formatLogLine, log, serializeError, setLogSink, type LogFields } from "@/lib/log";
import { requestIdFrom } from "@/lib/log/request-id";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  delete process.env.LOG_LEVEL;
});

describe("a log line", () => {
  it("is one JSON object with time, level and msg first, then the fields", () => {
    const line = formatLogLine(
      "info",
      "action",
      { requestId: "r-1", action: "quiz.saveAnswer", userId: "u-1", durationMs: 12, outcome: "ok", skipped: undefined },
      new Date("2026-12-01T10:00:00.000Z"),
    );
    expect(line).not.toContain("\n");
    expect(Object.keys(JSON.parse(line))).toEqual(["time", "level", "msg", "requestId", "action", "userId", "durationMs", "outcome"]);
    expect(JSON.parse(line)).toEqual({
      time: "2026-12-01T10:00:00.000Z",
      level: "info",
      msg: "action",
      requestId: "r-1",
      action: "quiz.saveAnswer",
      userId: "u-1",
      durationMs: 12,
      outcome: "ok",
    });
  });

  it("carries an error's name, message, code, three stack frames and its cause", () => {
    const cause = Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" });
    const error = new Error("save failed", { cause });
    const fields = serializeError(error) as { name: string; message: string; stack: string[]; cause: LogFields };
    expect(fields.name).toBe("Error");
    expect(fields.message).toBe("save failed");
    expect(fields.stack.length).toBeLessThanOrEqual(3);
    expect(fields.cause).toMatchObject({ name: "Error", message: "canceling statement due to lock timeout", code: "55P03" });
  });

  it("is written below LOG_LEVEL only when asked for", () => {
    const lines: string[] = [];
    restore = setLogSink((line) => lines.push(line));
    process.env.LOG_LEVEL = "warn";
    log.info("hidden");
    log.warn("shown", { n: 1 });
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["shown"]);
  });
});

describe("the outage tracker", () => {
  it("turns 1,000 connection errors in 10 s into one 'unreachable' and one 'reachable again' line with the counts", () => {
    const lines: string[] = [];
    restore = setLogSink((line) => lines.push(line));
    let now = 1_000_000;
    const tracker = createOutageTracker({ now: () => now });
    tracker.recordSuccess(); // nothing to report while up
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    for (let i = 0; i < 1_000; i += 1) {
      tracker.recordFailure(refused, { refusedRequest: i % 2 === 0 });
      now += 10;
    }
    tracker.recordSuccess();
    tracker.recordSuccess();
    const records = lines.map((line) => JSON.parse(line));
    expect(records.map((record) => [record.level, record.msg])).toEqual([
      ["error", "database unreachable"],
      ["warn", "database reachable again"],
    ]);
    expect(records[0].cause).toMatchObject({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" });
    expect(records[1]).toMatchObject({ downForSeconds: 10, requestsRefused: 500, errors: 1_000 });
  });

  it("reports a second outage afresh", () => {
    const events: string[] = [];
    const tracker = createOutageTracker({ events: { unreachable: () => events.push("down"), reachable: (fields) => events.push(`up:${fields.errors}`) } });
    tracker.recordFailure(new Error("a"));
    tracker.recordSuccess();
    tracker.recordFailure(new Error("b"));
    tracker.recordFailure(new Error("c"));
    tracker.recordSuccess();
    expect(events).toEqual(["down", "up:1", "down", "up:2"]);
  });
});

describe("the request id", () => {
  it.each([
    ["abc-123", "abc-123"],
    ["a b", null],
    ["x".repeat(129), null],
    [null, null],
  ])("from x-request-id %j", (given, expected) => {
    const id = requestIdFrom({ get: () => given });
    if (expected) expect(id).toBe(expected);
    else expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
