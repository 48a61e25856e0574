import { describe, expect, it } from "vitest";
import { statementConfig } from "@/lib/db-statements";

describe("statementConfig", () => {
  it("names each parameterised text once, keeps texts without parameters unnamed, and stops naming past its bound", () => {
    const first = statementConfig("SELECT $1::int", [1]);
    expect(first.name).toMatch(/^course_\d+$/);
    expect(statementConfig("SELECT $1::int", [2])).toEqual({ name: first.name, text: "SELECT $1::int", values: [2] });
    expect(statementConfig("SELECT 1", [])).toEqual({ text: "SELECT 1", values: [] });
    const named = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const config = statementConfig(`SELECT $1::int + ${i}`, [i]);
      if (config.name) named.add(config.name);
    }
    // 256 names in all per process: the first text took one, the loop the other 255.
    expect(named.size).toBe(255);
    expect(statementConfig("SELECT $1::int + 299", [0]).name).toBeUndefined();
    expect(statementConfig("SELECT $1::int", [3]).name).toBe(first.name);
  });
});
