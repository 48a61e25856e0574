import { describe, expect, it } from "vitest";
import { checkActionCall, checkMultipartActionCall, checkTextActionCall } from "@/lib/security/action-call";

describe("server action call bodies", () => {
  it("lets through what React's client sends for plain-object and FormData arguments", () => {
    expect(checkTextActionCall(JSON.stringify([null, { attemptId: "ckabc", chosen: ["b"], flagged: false }]))).toEqual({ ok: true });
    expect(checkTextActionCall(JSON.stringify(["$undefined", { note: "$$5 off", n: "$NaN", big: "$n123", when: "$D2026-12-01T10:00:00.000Z" }]))).toEqual({
      ok: true,
    });
    const form = new FormData();
    form.set("0", JSON.stringify(["$undefined", "$K1"]));
    form.set("1_name", "Ada");
    expect(checkMultipartActionCall(form)).toEqual({ ok: true });
  });

  it.each([
    ["not JSON", "not json"],
    ["an object instead of the argument list", '{"a":1}'],
    ["a reference to a chunk the body lacks", '["$undefined",{"sectionId":"$Q1"}]'],
    ["a server reference", '["$h1"]'],
    ["a temporary reference", '["$T"]'],
    ["a stream reference", '[{"a":["$W1"]}]'],
    ["a FormData reference in a one-part body", '["$K1"]'],
    ["a reference hidden in a key", '[{"$K1":"x"}]'],
    ["a deeply nested list", `${"[".repeat(100)}${"]".repeat(100)}`],
  ])("refuses %s", (_what, body) => {
    expect(checkTextActionCall(body).ok).toBe(false);
  });

  it("refuses a multipart call without its arguments part, or with a broken one", () => {
    const missing = new FormData();
    missing.set("sectionId", "abc");
    expect(checkMultipartActionCall(missing)).toEqual({ ok: false, message: "The action call has no arguments part." });
    const broken = new FormData();
    broken.set("0", "abc");
    expect(checkMultipartActionCall(broken)).toEqual({ ok: false, message: "The action call is not valid JSON." });
  });

  it("refuses other content types, and reads the body of the ones it knows", async () => {
    const post = (body: BodyInit, type?: string) => new Request("http://localhost/x", { method: "POST", body, headers: type ? { "content-type": type } : {} });
    expect(await checkActionCall(post("a=b", "application/x-www-form-urlencoded"))).toEqual({
      ok: false,
      message: "An action call must be sent as text/plain or multipart/form-data.",
    });
    expect(await checkActionCall(post('["$undefined",{"a":1}]', "text/plain;charset=UTF-8"))).toEqual({ ok: true });
    expect((await checkActionCall(post("--x\r\nbroken", "multipart/form-data; boundary=x"))).ok).toBe(false);
  });
});
