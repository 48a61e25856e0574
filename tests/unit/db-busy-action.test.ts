// A server action whose database is busy returns BUSY (shown as a toast) instead of throwing to
// error.tsx, and logs one line with the action's name, outcome and duration (items 15 and 19).
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { setLogSink } from "@/lib/log";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  delete process.env.LOG_LEVEL;
});

const lockTimeout = () => Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03", severity: "ERROR" });

describe("the action wrapper", () => {
  it("maps a lock timeout to { ok: false, code: BUSY } with the retry message", async () => {
    const action = publicAction({ name: "test.save", schema: z.object({}) }, async () => {
      throw lockTimeout();
    });
    expect(await action(null, {})).toEqual({ ok: false, code: "BUSY", message: "The server is busy; please retry in a moment." });
  });

  it("logs a refusal at info, and each success only at debug, with action, request id, outcome and duration", async () => {
    const lines: string[] = [];
    restore = setLogSink((line) => lines.push(line));
    const action = publicAction({ name: "test.echo", schema: z.object({ n: z.coerce.number() }) }, async (input) => input.n * 2);
    expect(await action(null, { n: "21" })).toEqual({ ok: true, data: 42 });
    expect(lines).toHaveLength(0);
    expect((await action(null, { n: "x" })).ok).toBe(false);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "action", action: "test.echo", outcome: "VALIDATION" });

    process.env.LOG_LEVEL = "debug";
    lines.length = 0;
    expect(await action(null, { n: "21" })).toEqual({ ok: true, data: 42 });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ level: "debug", msg: "action", action: "test.echo", outcome: "ok" });
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof record.durationMs).toBe("number");
  });

  it("logs an unexpected error with its cause and rethrows it", async () => {
    const lines: string[] = [];
    restore = setLogSink((line) => lines.push(line));
    const action = publicAction({ name: "test.crash", schema: z.object({}) }, async () => {
      throw new Error("bug", { cause: new TypeError("Cannot read properties of null") });
    });
    await expect(action(null, {})).rejects.toThrow("bug");
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ level: "error", msg: "action failed", action: "test.crash", outcome: "error" });
    expect(record.error.cause).toMatchObject({ name: "TypeError", message: "Cannot read properties of null" });
  });
});
