// What the importer refuses to hand back whatever the file: more than 500 problems, or a format
// name that is really a built-in object property.
import { describe, expect, it } from "vitest";
import { detectFormat, formatFromFileName, getBankFormat } from "@/lib/bank/formats/registry";
import { parseUpload } from "@/lib/bank/import/upload";

describe("import limits", () => {
  it("lists the first 500 problems and counts the rest", () => {
    const parsed = parseUpload("broken.gift", new TextEncoder().encode("no braces here\n\n".repeat(600)));
    expect(parsed.problems).toHaveLength(501);
    expect(parsed.problems[499]!.line).toBe(999);
    expect(parsed.problems[500]).toEqual({ line: 1, column: 1, message: "100 more problems are not listed: fix these first", question: "", snippet: "" });
  });

  it("tells formats by name from the one registry, and sniffs the rest", () => {
    expect(["b.json", "b.CSV", "b.gift", "b.aiken", "b.xml", "b.txt", "b.constructor", "b.__proto__", "toString"].map(formatFromFileName)).toEqual([
      "json",
      "csv",
      "gift",
      "aiken",
      "xml",
      null,
      null,
      null,
      null,
    ]);
    expect(detectFormat("bank.aiken.txt", "Q\nA. a\nB. b\nANSWER: A")).toBe("aiken");
    expect(detectFormat("bank.txt", "Q {=a ~b}")).toBe("gift");
    expect(detectFormat("bank.txt", "} then {")).toBeNull();
    expect([getBankFormat("csv").mimeType, getBankFormat("aiken").extension, getBankFormat("xml").dbName]).toEqual(["text/csv", "aiken.txt", "MOODLE_XML"]);
  });
});
