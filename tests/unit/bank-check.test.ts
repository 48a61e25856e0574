// `npm run -s bank:check`: the command as admins and scripts run it, in a process of its own.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "bank-check-"));
const file = (name: string, text: string | Buffer) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/bank-check.ts", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

// Each case starts the command a few times (about a second each on these machines).
describe("bank:check", { timeout: 60_000 }, () => {
  it("prints one JSON document with every question in the documented shape, and exits 0 when nothing is wrong", () => {
    const good = file("good.gift", "::TF::Parquet is columnar. {TRUE#No#Yes}\n\n::Match::Match {=CSV -> rows =Parquet -> columns = -> cells}\n");
    const { status, stdout } = run("--json", good);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      files: [
        {
          file: good,
          format: "gift",
          questions: [
            {
              name: "TF",
              type: "truefalse",
              stem: "Parquet is columnar.",
              category: "",
              answers: [
                { text: "true", fraction: 1, feedback: "Yes" },
                { text: "false", fraction: 0, feedback: "No" },
              ],
              generalFeedback: "",
            },
            {
              name: "Match",
              type: "matching",
              stem: "Match",
              category: "",
              answers: [
                { text: "rows", fraction: null, feedback: "", prompt: "CSV" },
                { text: "columns", fraction: null, feedback: "", prompt: "Parquet" },
                { text: "cells", fraction: null, feedback: "", prompt: "" },
              ],
              generalFeedback: "",
            },
          ],
          problems: [],
        },
      ],
    });
  });

  it("exits 1 when a file has an error, with every problem located; warnings alone exit 0", () => {
    const bad = file(
      "bad.xml",
      '<quiz>\n<question type="multichoice"><name><text>G</text></name><questiontext><text>Q</text></questiontext>\n<answer fraction="33"><text>a</text></answer><answer fraction="100"><text>b</text></answer></question>\n</quiz>\n',
    );
    const warned = file("warned.gift", "Just a description\n\nQ {T}\n");
    const { status, stdout } = run("--json", bad, warned);
    expect(status).toBe(1);
    const [first, second] = JSON.parse(stdout).files;
    expect(first.problems).toEqual([
      {
        line: 2,
        column: 1,
        path: "quiz/question[1]",
        severity: "error",
        message: 'the answer "a" has the grade 33%, which Moodle does not allow: use one of its grades, such as 33.33333% (the nearest)',
        question: "G",
      },
    ]);
    expect(second.problems.map((p: { severity: string; line: number }) => [p.line, p.severity])).toEqual([[1, "warning"]]);
    expect(run("--json", warned).status).toBe(0);
  });

  it("converts Windows-1252 only when asked, and exits 2 on a usage error", () => {
    const latin = file("latin.aiken", Buffer.from("Caf\xe9?\nA. oui\nB. non\nANSWER: A\n", "latin1"));
    expect(JSON.parse(run("--json", latin).stdout).files[0].problems[0].message).toMatch(/^the file is not UTF-8/);
    expect(JSON.parse(run("--json", "--convert-windows-1252", latin).stdout).files[0].questions[0].stem).toBe("Café?");
    expect(run("--json").status).toBe(2);
    expect(run("--json", "--bogus", latin).status).toBe(2);
    const missing = run("--json", path.join(dir, "missing.gift"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*missing\.gift: ENOENT/);
  });
});
