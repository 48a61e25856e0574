// Exporting and reading back gives the same questions, on a bank that uses every construct the format
// can hold, and on randomly generated ones.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/random";
import { parseAiken, toAiken } from "@/lib/bank/formats/aiken";
import { parseCsv, toCsv } from "@/lib/bank/formats/csv";
import { toGift } from "@/lib/bank/formats/gift";
import { parseGift } from "@/lib/bank/formats/gift-parser";
import { toBankJson } from "@/lib/bank/formats/json";
import { toMoodleXml } from "@/lib/bank/formats/moodle-xml";
import { parseMoodleXml } from "@/lib/bank/formats/moodle-xml-parser";
import { parseUpload } from "@/lib/bank/import/upload";
import type { ParsedQuestion } from "@/lib/bank/types";

const base = { explanation: "", maxMark: 1, origin: "imported" as const };

const bank: ParsedQuestion[] = [
  {
    ...base,
    type: "single",
    name: "Colour",
    category: "Lecture 1/Basics",
    stem: "What colour: sky = {blue}?",
    generalFeedback: "Scattering # physics",
    options: [
      { text: "blue: yes", correct: true, fraction: 1, feedback: "Right ~ indeed" },
      { text: "green", correct: false, fraction: 0 },
    ],
  },
  {
    ...base,
    type: "multiple",
    category: "Lecture 1/Basics",
    stem: "Which are vowels?",
    options: [
      { text: "A", correct: true, fraction: 0.5 },
      { text: "E", correct: true, fraction: 0.5 },
      { text: "K", correct: false, fraction: -1 },
    ],
  },
  { ...base, type: "true-false", category: "Other", stem: "1 < 2", answer: true, feedbackTrue: "Of course.", feedbackFalse: "No: 1 is less than 2." },
  { ...base, type: "true-false", category: "Other", stem: "2 < 1", answer: false, feedbackTrue: "No # not at all." },
  {
    ...base,
    type: "short-answer",
    category: "Other",
    stem: "Name a columnar format",
    caseSensitive: false,
    answers: [
      { text: "Parquet", fraction: 1 },
      { text: "ORC", fraction: 0.5, feedback: "Also fine" },
    ],
  },
  {
    ...base,
    type: "numerical",
    category: "Other",
    stem: "Bytes of 1000000 as text?",
    answers: [
      { value: 7, tolerance: 0, fraction: 1 },
      { value: 7, tolerance: 1, fraction: 0.5, feedback: "Nearly" },
      { value: "*", tolerance: 0, fraction: 0, feedback: "Count the digits ~ again." },
    ],
  },
  {
    ...base,
    type: "matching",
    category: "Other",
    stem: "Match the layouts",
    pairs: [
      { prompt: "CSV", answer: "row-major" },
      { prompt: "Parquet", answer: "column-major" },
      { prompt: "", answer: "diagonal" },
    ],
  },
  { ...base, type: "essay", category: "Other", stem: "Explain ETL.\nThen ELT." },
  {
    ...base,
    type: "cloze",
    category: "Other",
    stem: "Parquet is {#1}; 2 + 2 = {#2}; pick {#3} and {#4}.",
    maxMark: 5,
    parts: [
      {
        kind: "shortanswer",
        caseSensitive: true,
        display: "dropdown",
        shuffle: false,
        weight: 2,
        answers: [
          { text: "columnar", fraction: 1, feedback: "Yes } indeed" },
          { text: "column*", fraction: 0.5 },
        ],
      },
      {
        kind: "numerical",
        caseSensitive: false,
        display: "dropdown",
        shuffle: false,
        weight: 1,
        answers: [
          { text: "4", fraction: 1, tolerance: 0 },
          { text: "*", fraction: 0, feedback: "Count again # twice" },
        ],
      },
      {
        kind: "single",
        caseSensitive: false,
        display: "vertical",
        shuffle: true,
        weight: 1,
        answers: [
          { text: "CSV", fraction: 0 },
          { text: "Parquet ~ ORC", fraction: 1 },
        ],
      },
      {
        kind: "multiple",
        caseSensitive: false,
        display: "horizontal",
        shuffle: false,
        weight: 1,
        answers: [
          { text: "a", fraction: 0.5 },
          { text: "b", fraction: 0.5 },
          { text: "c", fraction: -1 },
        ],
      },
    ],
  },
];
const giftBank = bank.filter((q) => q.type !== "cloze");

describe("round trips", () => {
  it("GIFT: every type, escapes, categories, weights and feedback", () => {
    const { text, skipped } = toGift(bank);
    expect(skipped.map((s) => s.question.type)).toEqual(["cloze"]);
    const { questions, problems } = parseGift(text);
    expect(problems).toEqual([]);
    expect(questions.map((q) => q.question)).toEqual(giftBank);
  });

  it("GIFT: random single-answer questions with awkward text (escapes, arrows, percent signs, newlines)", () => {
    const random = seededRandom(99);
    const alphabet = "abc ~=#{}:\\\n-> %é";
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)])
        .join("")
        .trim() || "x";
    for (let round = 0; round < 50; round++) {
      const n = 2 + Math.floor(random() * 4);
      const right = Math.floor(random() * n);
      const texts = Array.from({ length: n }, (_, i) => `${word()} ${i}`);
      const question: ParsedQuestion = {
        ...base,
        type: "single",
        stem: `${word()} ?`,
        options: texts.map((text, i) => ({ text, correct: i === right, fraction: i === right ? 1 : 0 })),
      };
      const { questions, problems } = parseGift(toGift([question]).text);
      expect(problems, toGift([question]).text).toEqual([]);
      expect(questions[0]!.question).toEqual(question);
    }
  });

  it("Aiken: single-answer questions; the others are skipped with a reason", () => {
    const { text, skipped } = toAiken(bank);
    expect(skipped.map((s) => s.question.type)).toEqual(["multiple", "true-false", "true-false", "short-answer", "numerical", "matching", "essay", "cloze"]);
    const { questions, problems } = parseAiken(text);
    expect(problems).toEqual([]);
    expect(questions.map((q) => q.question)).toEqual([
      {
        ...base,
        type: "single",
        stem: bank[0]!.stem,
        options: [
          { text: "blue: yes", correct: true },
          { text: "green", correct: false },
        ],
      },
    ]);
  });

  it("JSON: every field, read back through the importer", () => {
    const withIds = bank.map((q, i) => ({ ...q, id: `q-${i}`, topic: "data-formats", section: "data-formats", maxMark: 2 }));
    const parsed = parseUpload("bank.json", new TextEncoder().encode(toBankJson(withIds)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => q.question)).toEqual(withIds);
  });

  it("Moodle XML: every type with ids, categories, marks, fractions and feedback", () => {
    const xmlBank = bank.map((q, i) => ({
      ...q,
      id: `q-${i}`,
      ...(i === 0 ? { maxMark: 3, section: "data-formats", topic: "formats" } : {}),
    })) as ParsedQuestion[];
    const { questions, problems } = parseMoodleXml(toMoodleXml(xmlBank));
    expect(problems).toEqual([]);
    expect(questions.map((q) => q.question)).toEqual(xmlBank);
  });

  it("CSV: the types a row can hold, with ids, topics, sections and marks; numerical and matching are skipped with a reason", () => {
    const rows: ParsedQuestion[] = [
      {
        ...base,
        id: "c-1",
        type: "single",
        stem: 'Quoted "text", commas\nand lines?',
        topic: "data-formats",
        section: "data-formats",
        category: "Lecture 1",
        options: [
          { text: "a, b", correct: false },
          { text: "c", correct: true },
        ],
      },
      {
        ...base,
        id: "c-2",
        type: "multiple",
        stem: "Which?",
        maxMark: 2,
        options: [
          { text: "x", correct: true },
          { text: "y", correct: true },
          { text: "z", correct: false },
        ],
      },
      { ...base, id: "c-3", type: "true-false", stem: "True?", answer: false, explanation: "Because." },
      {
        ...base,
        id: "c-4",
        type: "short-answer",
        stem: "Name one",
        caseSensitive: false,
        answers: [
          { text: "Parquet", fraction: 1 },
          { text: "ORC", fraction: 1 },
        ],
      },
      { ...base, id: "c-5", type: "essay", stem: "Discuss." },
    ].map((q) => ({ ...q, stem: q.stem.replace("\\n", "\n") })) as ParsedQuestion[];
    const { text, skipped } = toCsv([...rows, bank[5]!, bank[6]!]);
    expect(skipped.map((s) => s.reason)).toEqual(["numerical questions cannot be one CSV row", "matching questions cannot be one CSV row"]);
    const { questions, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(questions.map((q) => q.question)).toEqual(rows);
  });
});
