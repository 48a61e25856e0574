// Dependencies run one way: the quiz calls class statistics, never the reverse (CONVENTIONS.md,
// "One concept, one home"). Reads every module of lib/analytics and checks what it imports.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../lib/analytics");
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
const imports = (file: string) => [...readFileSync(path.join(root, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);

describe("lib/analytics", () => {
  it("has its modules (the sums, the writer, the loaders)", () => {
    expect(files).toEqual(expect.arrayContaining(["sums.ts", "dashboard.ts", "slot.ts", path.join("internal", "writer.ts"), path.join("internal", "sql.ts")]));
  });

  it.each(files)("%s imports nothing from lib/quiz", (file) => {
    const fromQuiz = imports(file).filter((spec) => /(^|\/)quiz(\/|$)/.test(spec) && (spec.startsWith(".") || spec.startsWith("@/lib/")));
    expect(fromQuiz).toEqual([]);
  });
});
