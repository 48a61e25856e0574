import { describe, expect, it } from "vitest";
import { parseClassProgressQuery } from "@/lib/progress/class-data";

describe("parseClassProgressQuery: the class progress page's query as the loader's options", () => {
  it.each([
    [{}, { sort: "name", dir: "asc", page: 0 }],
    [{ sort: "bestPercent" }, { sort: "bestPercent", dir: "desc", page: 0 }],
    [
      { sort: "bestPercent", dir: "asc", page: "2" },
      { sort: "bestPercent", dir: "asc", page: 2 },
    ],
    [
      { sort: ["attempts", "name"], dir: ["asc"], page: ["3", "9"] },
      { sort: "attempts", dir: "asc", page: 3 },
    ],
    [
      { sort: "constructor", dir: "sideways", page: "-4" },
      { sort: "name", dir: "asc", page: 0 },
    ],
    [
      { sort: "lastActive", page: "1.9e1" },
      { sort: "lastActive", dir: "desc", page: 19 },
    ],
    [{ page: "abc" }, { sort: "name", dir: "asc", page: 0 }],
  ])("%j → %j", (query, expected) => {
    expect(parseClassProgressQuery(query)).toEqual(expected);
  });
});
