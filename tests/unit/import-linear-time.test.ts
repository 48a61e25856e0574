// Every check the importer makes on a file's text runs in linear time. Each input below is built to
// make a backtracking regular expression retry from every position (quadratic or worse): the old
// patterns took about 2 s for 36 KB and hours for 5 MB. Each case is timed at 64 KB first (where a
// quadratic pattern already takes seconds, so this fails fast instead of hanging) and then at 1 MB.
import { describe, expect, it } from "vitest";
import { neutraliseFormulaText, restoreFormulaText } from "@/lib/csv/cells";
import { parseAiken } from "@/lib/bank/formats/aiken";
import { parseGift } from "@/lib/bank/formats/gift-parser";
import { parseMoodleXml } from "@/lib/bank/formats/moodle-xml-parser";
import { detectFormat } from "@/lib/bank/formats/registry";

const KB64 = 64 * 1024;
const MB1 = 1024 * 1024;

function millis(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const cases: { name: string; input: (n: number) => string; run: (text: string) => unknown; check: (text: string) => void }[] = [
  {
    name: "GIFT $CATEGORY line with a long run of blanks",
    input: (n) => `$CATEGORY:x${" ".repeat(n)}y`,
    run: parseGift,
    check: (text) => expect(parseGift(`${text}\n\nQ {}`).questions[0]!.question.category).toBe(`x${" ".repeat(text.length - 12)}y`),
  },
  {
    name: "format sniff of a .txt file: one letter and many {",
    input: (n) => `a${"{".repeat(n)}`,
    run: (text) => detectFormat("bank.txt", text),
    check: (text) => expect(detectFormat("bank.txt", text)).toBeNull(),
  },
  {
    name: "format sniff of a .txt file: ANSWER and many blanks",
    input: (n) => `ANSWER${" ".repeat(n)}`,
    run: (text) => detectFormat("bank.txt", text),
    check: (text) => expect(detectFormat("bank.txt", text)).toBeNull(),
  },
  {
    name: "Aiken option line with blanks and a line separator",
    input: (n) => `Q\nA.${" ".repeat(n)}x\u2028y\nB. b\nANSWER: A`,
    run: parseAiken,
    check: (text) =>
      expect(parseAiken(text).questions[0]!.question).toMatchObject({
        type: "single",
        options: [
          { text: "x\u2028y", correct: true },
          { text: "b", correct: false },
        ],
      }),
  },
  {
    name: "Aiken ANSWER line with blanks and a line separator",
    input: (n) => `Q\nA. a\nB. b\nANSWER:${" ".repeat(n)}A\u2028B`,
    run: parseAiken,
    check: (text) => expect(parseAiken(text).problems[0]!.message).toBe(`"ANSWER: A\u2028B" must name one option letter`),
  },
  {
    name: "Moodle XML nested element by element",
    input: (n) => `<quiz>${"<a>".repeat(Math.floor(n / 3))}`,
    run: parseMoodleXml,
    check: (text) => expect(parseMoodleXml(text).problems[0]!.message).toBe("the XML is nested more than 32 elements deep: Moodle XML needs fewer than ten"),
  },
  {
    name: "Moodle XML attribute of the whole file",
    input: (n) => `<quiz><question type="${"a".repeat(n)}"></question></quiz>`,
    run: parseMoodleXml,
    check: (text) => expect(parseMoodleXml(text).problems[0]!.message).toMatch(/^a tag longer than 2000 characters/),
  },
  {
    name: "CSV cell made of quotes before a formula character check",
    input: (n) => `${"'".repeat(n)}x`,
    run: (text) => restoreFormulaText(neutraliseFormulaText(text)),
    check: (text) => expect(neutraliseFormulaText(text)).toBe(text),
  },
];

describe("linear time on adversarial text", () => {
  it.each(cases)("$name", ({ input, run, check }) => {
    const small = input(KB64);
    expect(millis(() => run(small))).toBeLessThan(50);
    const large = input(MB1);
    expect(millis(() => run(large))).toBeLessThan(100);
    check(small);
  });
});
