// Lecture 1's content against its source material: every stem and term is there, the given questions
// and backs are verbatim, and the authored questions are well-formed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readContentTree } from "@/lib/content/read";

const root = path.resolve(import.meta.dirname, "../../content");
const folder = path.join(root, "lectures/01-ml-systems-and-data-engineering");
const source = readFileSync(path.join(folder, "source/lecture-01-source.txt"), "utf8").replace(/\r\n?/g, "\n").split("\n");

/** The source repeats every stem and term on two consecutive lines: keep one of each run. */
function dedupeRuns(lines: string[]): string[] {
  return lines.filter((line, i) => line.trim() !== "" && line !== lines[i - 1]);
}

function between(start: string, end: string): string[] {
  return source.slice(source.indexOf(start) + 1, source.indexOf(end));
}

const questionLines = dedupeRuns(between("Questions and Answers", "Flashcards"));
const sourceStems = questionLines.filter((line) => !line.startsWith("- "));
const givenQuestions = sourceStems
  .map((stem) => {
    const at = questionLines.indexOf(stem);
    const options: { text: string; correct: boolean }[] = [];
    for (let i = at + 1; i < questionLines.length && questionLines[i]!.startsWith("- "); i++) {
      const text = questionLines[i]!.slice(2);
      options.push({ text: text.replace(/ \(correct\)$/, ""), correct: text.endsWith(" (correct)") });
    }
    return { stem, options };
  })
  .filter((q) => q.options.length > 0);

const cardLines = dedupeRuns(between("Flashcards", "Study Notes"));
const NO_BACK = "Signup and view all the flashcards";
const sourceCards: { front: string; back: string | null }[] = [];
for (let i = 0; i < cardLines.length; i += 2) sourceCards.push({ front: cardLines[i]!, back: cardLines[i + 1] === NO_BACK ? null : cardLines[i + 1]! });

const tree = readContentTree(root);
const lecture = tree.lectures.find((l) => l.folder === "01-ml-systems-and-data-engineering")!;
const questions = lecture.bank.questions;
const choiceQuestions = questions.filter((q) => q.type === "single" || q.type === "multiple");

describe("Lecture 1 against its source", () => {
  it("the source has 70 distinct stems, 3 with options, and 37 terms, 3 with backs", () => {
    expect(sourceStems).toHaveLength(70);
    expect(new Set(sourceStems).size).toBe(70);
    expect(givenQuestions).toHaveLength(3);
    expect(sourceCards).toHaveLength(37);
    expect(sourceCards.filter((c) => c.back !== null).map((c) => c.front)).toEqual(["Collect Data", "Train Model", "Deploy Model"]);
  });

  it("has one question per stem, verbatim", () => {
    expect(questions).toHaveLength(70);
    expect(questions.map((q) => q.stem).sort()).toEqual([...sourceStems].sort());
  });

  it("keeps the three given questions' options exactly as given", () => {
    for (const given of givenQuestions) {
      const question = choiceQuestions.find((q) => q.stem === given.stem)!;
      expect(question.type).toBe("single");
      expect(question.origin).toBe("given");
      expect(question.type === "single" && question.options.map(({ text, correct }) => ({ text, correct }))).toEqual(given.options);
    }
    expect(questions.filter((q) => q.origin === "given")).toHaveLength(3);
  });

  it("gives every question four options, the right number correct, an explanation, a section and a topic", () => {
    expect(choiceQuestions).toHaveLength(70);
    for (const q of choiceQuestions) {
      const correct = q.options.filter((o) => o.correct).length;
      expect(q.options, q.id).toHaveLength(4);
      expect(new Set(q.options.map((o) => o.text)).size, `${q.id}: options differ`).toBe(4);
      if (q.type === "single") expect(correct, q.id).toBe(1);
      else expect(correct, q.id).toBeGreaterThanOrEqual(2);
      expect(q.explanation.length, q.id).toBeGreaterThan(20);
      expect(q.section, q.id).toBeTruthy();
      expect(q.topic, q.id).toBeTruthy();
    }
  });

  it("asks for several answers exactly where the stem asks 'which ... are'", () => {
    const multiple = choiceQuestions.filter((q) => q.type === "multiple").map((q) => q.stem);
    expect(multiple.length).toBeGreaterThan(0);
    for (const stem of multiple) expect(stem).toMatch(/\bwhich\b.*\bare\b/i);
  });

  it("puts every question in exactly one slot; the variants of a slot share section, topic and type, and every slot records its pairing decision", () => {
    const ids = lecture.quiz.slots.flatMap((s) => s.variants);
    expect(ids.sort()).toEqual(questions.map((q) => q.id).sort());
    const byId = new Map(choiceQuestions.map((q) => [q.id, q]));
    for (const slot of lecture.quiz.slots) {
      // The answer a slot's variants share is worded differently in each (so that one does not give
      // the other away); the note states it, for review.
      expect(slot.note, slot.key).toMatch(slot.variants.length > 1 ? /^Variants: .{20,}/ : /^Stands alone: .{20,}/);
      const variants = slot.variants.map((id) => byId.get(id)!);
      expect(new Set(variants.map((q) => q.section)).size, slot.key).toBe(1);
      expect(new Set(variants.map((q) => q.topic)).size, slot.key).toBe(1);
      expect(new Set(variants.map((q) => q.type)).size, slot.key).toBe(1);
    }
    expect(lecture.quiz.slots).toHaveLength(46);
    expect(lecture.quiz.slots.filter((s) => s.variants.length === 2)).toHaveLength(24);
  });

  it("has all 37 flashcards in source order, with backs, the given backs verbatim", () => {
    expect(lecture.flashcards.cards.map((c) => c.front)).toEqual(sourceCards.map((c) => c.front));
    for (const [i, card] of lecture.flashcards.cards.entries()) {
      const given = sourceCards[i]!.back;
      if (given) expect(card.back).toBe(given);
      expect(card.back.length, card.id).toBeGreaterThan(15);
      expect(card.section, card.id).toBeTruthy();
      expect(card.topic, card.id).toBeTruthy();
    }
  });

  it("has notes sections for every part of the lecture", () => {
    expect(lecture.sections.map((s) => s.key)).toEqual([
      "introductions",
      "ml-in-production",
      "project-framing",
      "framing-the-problem",
      "project-objectives",
      "data-sources",
      "data-formats",
      "data-models",
      "structured-vs-unstructured",
      "oltp-vs-olap",
      "etl-vs-elt",
    ]);
    const notes = lecture.sections
      .map((s) => s.body)
      .join("\n")
      .toLowerCase();
    for (const fact of ["2x", "6x", "parquet", "avro", "protobuf", "pickle", "numpy", "pandas", "acid", "normalization", "lyft", "elt", "oltp", "olap"]) {
      expect(notes, fact).toContain(fact);
    }
  });

  it("has a two-host podcast episode of 6-10 minutes with one chapter per notes section, in order", () => {
    const podcast = lecture.podcast!;
    expect(podcast.hosts.map((h) => h.name)).toEqual(["Maya", "Theo"]);
    // A female and a male voice, best first, each ending with its espeak-ng fallback.
    expect(podcast.hosts.map((h) => h.voice)).toEqual([
      ["festival:cmu_us_slt_arctic_hts", "flite:slt", "espeak-ng:en-us+f3"],
      ["flite:rms", "flite:awb", "espeak-ng:en-gb+m3"],
    ]);
    expect(podcast.chapters.map((c) => c.section)).toEqual(lecture.sections.map((s) => s.key));
    // Each chapter's lines are together and in chapter order, and both hosts speak in each.
    const order = podcast.lines.map((l) => l.chapter).filter((c, i, all) => c !== all[i - 1]);
    expect(order).toEqual(podcast.chapters.map((c) => c.key));
    for (const chapter of podcast.chapters) {
      expect(new Set(podcast.lines.filter((l) => l.chapter === chapter.key).map((l) => l.host)), chapter.key).toEqual(new Set(["maya", "theo"]));
    }
    // At the script's speaking rate (words per minute as heard), plus the pauses, the episode lasts
    // between 6 and 10 minutes.
    const words = podcast.lines.reduce((n, l) => n + l.text.split(/\s+/).length, 0);
    const minutes = words / podcast.wordsPerMinute + (podcast.lines.length * 0.35 + podcast.chapters.length * 0.65) / 60;
    expect(minutes).toBeGreaterThan(6);
    expect(minutes).toBeLessThan(10);
  });
});
