// A NUL byte anywhere in an action's input is a validation result, never a database error (a 500).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nulByteFieldErrors } from "@/lib/actions/input-guard";
import { publicAction } from "@/lib/actions/safe-action";

describe("NUL bytes in action input", () => {
  it("names every field that holds one, however deep", () => {
    expect(nulByteFieldErrors({ a: "fine", b: "x\u0000y", c: { d: ["ok", "\u0000"] } })).toEqual({
      b: ["This field contains a character that is not allowed (a NUL byte)."],
      "c.d.1": ["This field contains a character that is not allowed (a NUL byte)."],
    });
    expect(nulByteFieldErrors({ "k\u0000": 1 })).toEqual({ k: ["A field name contains a NUL byte."] });
    expect(nulByteFieldErrors("\u0000")).toEqual({ _form: ["This field contains a character that is not allowed (a NUL byte)."] });
    expect(nulByteFieldErrors({ a: "no NUL here", n: 0, list: [1, null, true] })).toBeNull();
  });

  it("names text that holds half of a surrogate pair (not Unicode: the query encoder would fail on it)", () => {
    expect(nulByteFieldErrors({ logId: "\ud800", ok: "emoji \ud83e\udd84 is whole", tail: "x\udc00" })).toEqual({
      logId: ["This field contains text that is not valid Unicode."],
      tail: ["This field contains text that is not valid Unicode."],
    });
    expect(nulByteFieldErrors({ "k\ud800": 1 })).toEqual({ k: ["A field name is not valid Unicode."] });
  });

  it("refuses the call before the schema and the handler run, from an object or a form", async () => {
    let ran = 0;
    const action = publicAction({ name: "test.nul", schema: z.object({ name: z.string() }) }, async () => ++ran);
    const form = new FormData();
    form.set("name", "Ada\u0000");
    for (const input of [{ name: "Ada\u0000" }, form]) {
      expect(await action(null, input)).toEqual({
        ok: false,
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { name: ["This field contains a character that is not allowed (a NUL byte)."] },
      });
    }
    expect(ran).toBe(0);
    expect(await action(null, { name: "Ada" })).toEqual({ ok: true, data: 1 });
  });
});
