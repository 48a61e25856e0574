import { describe, expect, it } from "vitest";
import { statementConfig } from "@/lib/db-statements";

describe("statementConfig", () => {
  it("names each parameterised text once, keeps texts without parameters unnamed, and stops naming past its bound", () => {
    const first = statementConfig("SELECT $1::int", [1]);
    // Named by a hash of the text: the same name in every copy of the module, another for another text.
    expect(first.name).toMatch(/^course_[0-9a-f]{32}$/);
    expect(statementConfig("SELECT $1::text", ["a"]).name).not.toBe(first.name);
    expect(statementConfig("SELECT $1::int", [2])).toEqual({ name: first.name, text: "SELECT $1::int", values: [2] });
    expect(statementConfig("SELECT 1", [])).toEqual({ text: "SELECT 1", values: [] });
    const named = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const config = statementConfig(`SELECT $1::int + ${i}`, [i]);
      if (config.name) named.add(config.name);
    }
    // 256 names in all per process: the first two texts took two, the loop the other 254.
    expect(named.size).toBe(254);
    expect(statementConfig("SELECT $1::int + 299", [0]).name).toBeUndefined();
    expect(statementConfig("SELECT $1::int + 0", [0]).name).toMatch(/^course_[0-9a-f]{32}$/);
    expect(statementConfig("SELECT $1::int", [3]).name).toBe(first.name);
  });
});
