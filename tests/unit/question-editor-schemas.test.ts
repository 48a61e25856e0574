// The editor's query strings: the bank's filters, the history's versions and the way back, each
// validated (a malformed value is dropped; a path to another site is never followed).
import { describe, expect, it } from "vitest";
import { parseBackPath, parseBankQuery, parseHistoryQuery } from "@/lib/question-editor/schemas";

describe("parseBackPath", () => {
  it.each([
    ["/instructor/quizzes/abc/slots/def?attempts=all", "/instructor/quizzes/abc/slots/def?attempts=all"],
    ["/instructor", "/instructor"],
    ["//evil.example/instructor", "/instructor/questions"],
    ["https://evil.example/instructor", "/instructor/questions"],
    ["/%2F%2Fevil.example", "/instructor/questions"],
    ["/\\evil.example", "/instructor/questions"],
    ["/admin/users", "/instructor/questions"],
    ["/instructorx", "/instructor/questions"],
    [undefined, "/instructor/questions"],
  ])("%s → %s", (value, expected) => expect(parseBackPath(value)).toBe(expected));
  it("reads the first of repeated values", () => expect(parseBackPath(["/instructor/progress", "//evil"])).toBe("/instructor/progress"));
});

describe("parseBankQuery", () => {
  it("keeps valid filters and drops malformed ones", () => {
    expect(parseBankQuery({ q: "  parquet ", type: "cloze", topic: "data-formats" })).toEqual({ q: "parquet", type: "cloze", topic: "data-formats" });
    expect(parseBankQuery({ q: "x".repeat(201), type: "SINGLE_CHOICE", topic: "Bad Topic" })).toEqual({ q: "", type: undefined, topic: undefined });
    expect(parseBankQuery({})).toEqual({ q: "", type: undefined, topic: undefined });
  });
});

describe("parseHistoryQuery", () => {
  it("reads two version numbers, or nothing", () => {
    expect(parseHistoryQuery({ a: "1", b: "3" })).toEqual({ a: 1, b: 3 });
    expect(parseHistoryQuery({ a: "0", b: "2.5" })).toEqual({ a: null, b: null });
    expect(parseHistoryQuery({ a: ["2", "9"], b: "x" })).toEqual({ a: 2, b: null });
  });
});
