import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentValidationError, formatProblem } from "@/lib/content/errors";
import { parseNotes } from "@/lib/content/notes";
import { readContentTree } from "@/lib/content/read";

const fixture = path.resolve(import.meta.dirname, "../fixtures/content");
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the fixture tree with one file replaced (or edited). */
function treeWith(file: string, change: string | ((text: string) => string)): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "content-"));
  temps.push(dir);
  cpSync(fixture, dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, typeof change === "string" ? change : change(readFileSync(target, "utf8")));
  return dir;
}

function problemsOf(root: string): string[] {
  try {
    readContentTree(root);
  } catch (error) {
    if (error instanceof ContentValidationError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe("readContentTree on valid files", () => {
  it("reads every lecture folder in order, with sections, bank, quiz and flashcards", () => {
    const tree = readContentTree(fixture);
    expect(tree.course).toEqual({ slug: "fixture-course", title: "Fixture course", description: "Two small lectures for the loader's tests." });
    expect(tree.lectures.map((l) => l.lecture.slug)).toEqual(["alpha", "beta"]);
    const [alpha, beta] = tree.lectures;
    expect(alpha!.notesTitle).toBe("Alpha");
    expect(alpha!.sections.map(({ key, title, position, line }) => ({ key, title, position, line }))).toEqual([
      { key: "basics", title: "Basics", position: 0, line: 3 },
      { key: "more", title: "More things", position: 1, line: 11 },
    ]);
    expect(alpha!.sections[1]!.body).toBe("The second section.\n\n### A sub-heading\n\nWith a list:\n\n- one\n- two");
    expect(alpha!.bank.questions.map((q) => q.id)).toEqual(["alpha-q1", "alpha-q1b", "alpha-q2"]);
    expect(alpha!.quiz).toMatchObject({ key: "alpha-quiz", attemptsAllowed: 3, gradingPolicy: "BEST", timeLimitMinutes: null, shuffleOptions: true });
    expect(alpha!.podcast).toBeNull();
    expect(beta!.podcast?.lines).toHaveLength(2);
    expect(alpha!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes a folder by its files: an edit changes the hash, nothing else does", () => {
    const same = readContentTree(fixture).lectures[0]!.contentHash;
    expect(readContentTree(fixture).lectures[0]!.contentHash).toBe(same);
    const edited = treeWith("lectures/01-alpha/notes.md", (t) => t.replace("The second section.", "The second section, edited."));
    expect(readContentTree(edited).lectures[0]!.contentHash).not.toBe(same);
    expect(readContentTree(edited).lectures[1]!.contentHash).toBe(readContentTree(fixture).lectures[1]!.contentHash);
  });
});

describe("readContentTree reports each kind of invalid file precisely", () => {
  it.each([
    [
      "malformed JSON",
      "lectures/01-alpha/lecture.json",
      '{\n  "slug": "alpha",\n  "number": 1,,\n}',
      ["lectures/01-alpha/lecture.json:3:15: invalid JSON: property name expected"],
    ],
    [
      "a missing field",
      "lectures/02-beta/lecture.json",
      '{ "slug": "beta", "number": 2, "summary": "", "topics": [{ "key": "beta-topic", "name": "B" }] }',
      ["lectures/02-beta/lecture.json:1:1: title: Invalid input: expected string, received undefined"],
    ],
    [
      "an unknown key",
      "lectures/02-beta/flashcards.json",
      '{ "cards": [\n  { "id": "beta-fc-1", "front": "Beta", "back": "B", "colour": "red" }\n] }',
      ['lectures/02-beta/flashcards.json:2:3: cards[0]: Unrecognized key: "colour"'],
    ],
    [
      "two correct options on a single-answer question",
      "lectures/01-alpha/questions.json",
      (t: string) => t.replace('{ "text": "B", "correct": false },\n        { "text": "C"', '{ "text": "B", "correct": true },\n        { "text": "C"'),
      ["lectures/01-alpha/questions.json:9:7: questions[0].options: a single-answer question needs exactly one correct option, found 2"],
    ],
    [
      "a duplicate question id",
      "lectures/01-alpha/questions.json",
      (t: string) => t.replace('"id": "alpha-q1b"', '"id": "alpha-q1"'),
      ['lectures/01-alpha/questions.json:20:7: questions[1].id: duplicate question id "alpha-q1" (first used by questions[0])'],
    ],
    [
      "a section that does not exist",
      "lectures/01-alpha/questions.json",
      (t: string) => t.replace('"section": "more"', '"section": "missing"'),
      ['lectures/01-alpha/questions.json:44:7: questions[2].section: no section "missing" in notes.md'],
    ],
    [
      "a quiz variant that is not in the bank",
      "lectures/02-beta/quiz.json",
      '{ "key": "beta-quiz", "title": "Beta quiz", "slots": [{ "key": "is-beta", "variants": ["beta-q9"] }] }',
      ['lectures/02-beta/quiz.json:1:88: slots[0].variants[0]: no question "beta-q9" in questions.json'],
    ],
    [
      "a section heading without an id",
      "lectures/02-beta/notes.md",
      "## Only section {#only}\n\nText.\n\n## Another section\n\nMore.\n",
      ['lectures/02-beta/notes.md:5: section heading "## Another section" needs a stable id, like "## Data formats {#data-formats}"'],
    ],
    [
      "a duplicate section id",
      "lectures/02-beta/notes.md",
      "## One {#only}\n\nText.\n\n## Two {#only}\n\nMore.\n",
      ['lectures/02-beta/notes.md:5: section id "only" is used twice (first on line 1)'],
    ],
    [
      "a lecture number used twice",
      "lectures/02-beta/lecture.json",
      '{ "slug": "beta", "number": 1, "title": "Beta", "topics": [{ "key": "beta-topic", "name": "B" }] }',
      ['lectures/02-beta/lecture.json: lecture number "1" is also used by lectures/01-alpha'],
    ],
  ])("%s", (_name, file, change, expected) => {
    expect(problemsOf(treeWith(file, change))).toEqual(expected);
  });

  it("reports a missing file and lists every problem, not just the first", () => {
    const dir = treeWith("lectures/02-beta/quiz.json", "{}");
    rmSync(path.join(dir, "lectures/01-alpha/flashcards.json"));
    expect(problemsOf(dir)).toEqual([
      "lectures/01-alpha/flashcards.json: file is missing",
      "lectures/02-beta/quiz.json:1:1: key: Invalid input: expected string, received undefined",
      "lectures/02-beta/quiz.json:1:1: title: Invalid input: expected string, received undefined",
      "lectures/02-beta/quiz.json:1:1: slots: Invalid input: expected array, received undefined",
    ]);
  });
});

describe("parseNotes", () => {
  it("ignores headings inside code fences and rejects text before the first section", () => {
    const result = parseNotes("Stray text\n\n## A {#a}\n\n```md\n## not a section\n```\n", "notes.md");
    expect(result.sections.map((s) => s.key)).toEqual(["a"]);
    expect(result.problems.map(formatProblem)).toEqual(['notes.md:1: text before the first section: start every section with "## Title {#id}"']);
  });
});
