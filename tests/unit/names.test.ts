import { describe, expect, it } from "vitest";
import { hasControlCharacter, normalizeName } from "@/lib/auth/names";

describe("normalizeName", () => {
  it.each([
    ["Ada Lovelace", "Ada Lovelace"],
    ["  Ada   Lovelace  ", "Ada Lovelace"],
    ["Ada\u200BLovelace", "AdaLovelace"], // zero-width space
    ["Ada\u200C\u200D\u200E\u200F Lovelace", "Ada Lovelace"], // ZWNJ, ZWJ, LRM, RLM
    ["\u202Eecalevol adA", "ecalevol adA"], // right-to-left override
    ["Ada \u202A\u202B\u202C\u202DLovelace", "Ada Lovelace"], // bidi embeddings and pop
    ["\u2066Ada\u2069 \u2067Lovelace\u2068", "Ada Lovelace"], // bidi isolates
    ["\uFEFFAda", "Ada"], // byte-order mark
    ["Love\u00ADlace", "Lovelace"], // soft hyphen
    ["Ada\u2060Lovelace", "AdaLovelace"], // word joiner
    ["Ada\tLovelace", "Ada Lovelace"],
    ["Ada\r\nLovelace", "Ada Lovelace"],
    ["Ada\u0000Lovelace", "Ada Lovelace"],
    ["Ada\u0085Lovelace", "Ada Lovelace"], // C1 next-line
    ["Ada\u00A0\u3000Lovelace", "Ada Lovelace"], // no-break and ideographic spaces
    ["Jose\u0301", "Jos\u00E9"], // NFC: e + combining acute → é
    ["Jos\u200B\u0065\u0301", "Jos\u00E9"], // the invisible character does not block composition
    ["李小龍", "李小龍"],
    ["\u200B\u202E\uFEFF \u0000\t", ""],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeName(raw)).toBe(expected);
  });
});

describe("hasControlCharacter", () => {
  it.each([
    ["plain@example.com", false],
    ["a\u0000b", true],
    ["a\tb", true],
    ["a\u007Fb", true],
    ["a\u009Fb", true],
    ["é", false],
  ])("%j → %s", (value, expected) => {
    expect(hasControlCharacter(value)).toBe(expected);
  });
});
