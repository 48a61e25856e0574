// The download routes (a lecture's bank export, the dashboard's CSV) validate their URL before
// anything else: unknown formats, including the names of built-in object properties, and malformed
// slugs, ids, cohorts and dates get a 400 or 404 with a message, never a 500 or a 200 without a type.
import { describe, expect, it } from "vitest";
import { GET as exportBank } from "@/app/api/admin/lectures/[slug]/export/route";
import { GET as exportDashboardCsv } from "@/app/api/instructor/quizzes/[quizId]/csv/route";
import { parseView } from "@/lib/analytics/schemas";
import { BANK_FORMAT_NAMES, bankFormatName } from "@/lib/bank/formats/registry";

const bankExport = (slug: string, query: string) =>
  exportBank(new Request(`http://localhost/api/admin/lectures/x/export${query}`), { params: Promise.resolve({ slug }) });
const dashboardCsv = (quizId: string, query: string) =>
  exportDashboardCsv(new Request(`http://localhost/api/instructor/quizzes/x/csv${query}`), { params: Promise.resolve({ quizId }) });

describe("the bank export route", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "JSON", "pdf", ""])("answers 400 to format=%j", async (format) => {
    const response = await bankExport("alpha", `?format=${encodeURIComponent(format)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("Unknown format: use json, csv, gift, aiken, xml.");
  });

  it.each(["alpha\u0000", "\u0000", "../alpha", "Alpha", "a".repeat(121), "alpha beta"])("answers 404 to the slug %j", async (slug) => {
    const response = await bankExport(slug, "?format=csv");
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("No such lecture.");
  });

  it("knows exactly the five formats", () => {
    expect(BANK_FORMAT_NAMES).toEqual(["json", "csv", "gift", "aiken", "xml"]);
    for (const name of ["constructor", "__proto__", "toString", "valueOf"]) expect(bankFormatName.safeParse(name).success).toBe(false);
  });
});

describe("the dashboard CSV route", () => {
  it.each([
    ["a NUL byte in the cohort", "?cohort=abc%00def", `"cohort" is not an id.`],
    ["a date that does not exist", "?from=9999-99-99", `"from" is not a real date.`],
    ["30 February", "?to=2026-02-30", `"to" is not a real date.`],
    ["a date in another form", "?from=01/02/2026", `"from" must be a date written YYYY-MM-DD.`],
    ["an unknown attempt selection", "?attempts=worst", `"attempts" must be one of first, last, best, all.`],
  ])("answers 400 to %s", async (_, query, message) => {
    const response = await dashboardCsv("clquiz0000000000000000000", query);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(message);
  });

  it.each(["quiz\u0000", "a".repeat(65), "quiz'; --"])("answers 404 to the quiz id %j", async (quizId) => {
    const response = await dashboardCsv(quizId, "");
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("No such quiz.");
  });

  it("keeps the page's lenient reading: malformed values fall back to the default view", () => {
    expect(parseView({ cohort: "abc\u0000def", from: "9999-99-99", to: "2026-02-30", attempts: "worst" })).toEqual({
      attempts: "first",
      cohortId: null,
      from: null,
      to: null,
    });
    expect(parseView({ cohort: "cohort1", from: "2026-02-01", to: "2026-02-28", attempts: "best" })).toEqual({
      attempts: "best",
      cohortId: "cohort1",
      from: new Date("2026-02-01T00:00:00.000Z"),
      to: new Date("2026-03-01T00:00:00.000Z"),
    });
  });
});
