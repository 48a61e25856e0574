import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";

const fixture = path.resolve(import.meta.dirname, "../fixtures/content");
const temp = mkdtempSync(path.join(os.tmpdir(), "content-load-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function counts() {
  const [courses, lectures, sections, topics, questions, versions, options, quizzes, slots, variants, flashcards, episodes] = await Promise.all([
    db.course.count(),
    db.lecture.count(),
    db.noteSection.count(),
    db.topic.count(),
    db.question.count(),
    db.questionVersion.count(),
    db.questionOption.count(),
    db.quiz.count(),
    db.quizSlot.count(),
    db.quizSlotVariant.count(),
    db.flashcard.count(),
    db.podcastEpisode.count(),
  ]);
  return { courses, lectures, sections, topics, questions, versions, options, quizzes, slots, variants, flashcards, episodes };
}

describe("loading content into the database", () => {
  it("writes both fixture lectures (the second is only a folder), then reloading changes nothing", async () => {
    const summaries = await loadContentTree(db, readContentTree(fixture));
    expect(summaries.map((s) => [s.slug, s.skipped, s.questions.created, s.sections, s.slots, s.flashcards, s.podcast])).toEqual([
      ["alpha", false, 3, 2, 2, 2, false],
      ["beta", false, 1, 1, 1, 1, true],
    ]);
    const first = await counts();
    expect(first).toEqual({
      courses: 1,
      lectures: 2,
      sections: 3,
      topics: 3,
      questions: 4,
      versions: 4,
      options: 14,
      quizzes: 2,
      slots: 3,
      variants: 4,
      flashcards: 3,
      episodes: 1,
    });

    const lecture = await db.lecture.findUniqueOrThrow({
      where: { slug: "alpha" },
      select: { number: true, title: true, sections: { orderBy: { position: "asc" }, select: { key: true, title: true, position: true } } },
    });
    expect(lecture).toEqual({
      number: 1,
      title: "Alpha",
      sections: [
        { key: "basics", title: "Basics", position: 0 },
        { key: "more", title: "More things", position: 1 },
      ],
    });

    const slot = await db.quizSlot.findFirstOrThrow({
      where: { key: "first-letter" },
      select: { position: true, note: true, variants: { orderBy: { position: "asc" }, select: { question: { select: { externalKey: true } } } } },
    });
    expect(slot).toEqual({
      position: 0,
      note: "Same idea, same answer.",
      variants: [{ question: { externalKey: "alpha-q1" } }, { question: { externalKey: "alpha-q1b" } }],
    });

    const multiple = await db.questionVersion.findFirstOrThrow({
      where: { question: { externalKey: "alpha-q2" } },
      select: { type: true, sectionKey: true, options: { orderBy: { position: "asc" }, select: { key: true, text: true, isCorrect: true, fraction: true } } },
    });
    expect(multiple).toEqual({
      type: "MULTIPLE_CHOICE",
      sectionKey: "more",
      options: [
        { key: "a", text: "A", isCorrect: true, fraction: 0.5 },
        { key: "b", text: "E", isCorrect: true, fraction: 0.5 },
        { key: "c", text: "K", isCorrect: false, fraction: -0.5 },
        { key: "d", text: "T", isCorrect: false, fraction: -0.5 },
      ],
    });

    // Same files again: skipped by hash; forced: every question recognised as unchanged.
    expect((await loadContentTree(db, readContentTree(fixture))).map((s) => s.skipped)).toEqual([true, true]);
    const forced = await loadContentTree(db, readContentTree(fixture), { force: true });
    expect(forced.map((s) => s.questions)).toEqual([
      { created: 0, "new-version": 0, unchanged: 3 },
      { created: 0, "new-version": 0, unchanged: 1 },
    ]);
    expect(await counts()).toEqual(first);
  });

  it("turns a changed question into a new version and keeps the old one for the answers that used it", async () => {
    const root = path.join(temp, "changed");
    cpSync(fixture, root, { recursive: true });
    await loadContentTree(db, readContentTree(root));
    const before = await db.questionVersion.findFirstOrThrow({
      where: { question: { externalKey: "alpha-q1" } },
      select: { id: true, stem: true, version: true },
    });

    const file = path.join(root, "lectures/01-alpha/questions.json");
    writeFileSync(file, readFileSync(file, "utf8").replace("Which is the first letter?", "Which letter comes first?"));
    const summary = await loadContentTree(db, readContentTree(root));
    expect(summary[0]!.questions).toEqual({ created: 0, "new-version": 1, unchanged: 2 });

    const question = await db.question.findUniqueOrThrow({
      where: { externalKey: "alpha-q1" },
      select: { latestVersion: true, versions: { orderBy: { version: "asc" }, select: { id: true, version: true, stem: true } } },
    });
    expect(question.latestVersion).toBe(2);
    expect(question.versions).toEqual([
      { id: before.id, version: 1, stem: "Which is the first letter?" },
      { id: expect.any(String), version: 2, stem: "Which letter comes first?" },
    ]);
    expect(await db.questionOption.count({ where: { questionVersionId: before.id } })).toBe(4);
  });

  it("retires a section, flashcard or slot that leaves the files, keeping students' data, and restores it when it comes back", async () => {
    const root = path.join(temp, "retire");
    cpSync(fixture, root, { recursive: true });
    await loadContentTree(db, readContentTree(root), { force: true });
    const student = await db.user.create({ data: { email: "retire@example.com", name: "R", passwordHash: "x" } });
    const section = await db.noteSection.findFirstOrThrow({ where: { key: "more", lecture: { slug: "alpha" } } });
    const card = await db.flashcard.findUniqueOrThrow({ where: { key: "alpha-fc-e" } });
    await db.sectionRead.create({ data: { userId: student.id, sectionId: section.id } });
    await db.reviewCard.create({ data: { userId: student.id, kind: "FLASHCARD", flashcardId: card.id, lectureId: card.lectureId, due: new Date() } });

    const alpha = path.join(root, "lectures/01-alpha");
    const original = {
      notes: readFileSync(path.join(alpha, "notes.md"), "utf8"),
      cards: readFileSync(path.join(alpha, "flashcards.json"), "utf8"),
      quiz: readFileSync(path.join(alpha, "quiz.json"), "utf8"),
    };
    writeFileSync(path.join(alpha, "notes.md"), original.notes.slice(0, original.notes.indexOf("## More things")));
    writeFileSync(
      path.join(alpha, "questions.json"),
      readFileSync(path.join(alpha, "questions.json"), "utf8").replaceAll('"section": "more"', '"section": "basics"'),
    );
    writeFileSync(
      path.join(alpha, "flashcards.json"),
      JSON.stringify({ cards: [{ id: "alpha-fc-a", front: "A", back: "The first letter.", section: "basics", topic: "basics" }] }),
    );
    writeFileSync(
      path.join(alpha, "quiz.json"),
      JSON.stringify({ key: "alpha-quiz", title: "Alpha quiz", slots: [{ key: "first-letter", variants: ["alpha-q1", "alpha-q1b", "alpha-q2"] }] }),
    );
    await loadContentTree(db, readContentTree(root));

    const retired = { retiredAt: { not: null } };
    expect(await db.noteSection.findMany({ where: { lecture: { slug: "alpha" }, ...retired }, select: { key: true } })).toEqual([{ key: "more" }]);
    expect(await db.flashcard.findMany({ where: { lecture: { slug: "alpha" }, ...retired }, select: { key: true } })).toEqual([{ key: "alpha-fc-e" }]);
    expect(await db.quizSlot.findMany({ where: { quiz: { key: "alpha-quiz" }, ...retired }, select: { key: true } })).toEqual([{ key: "vowels" }]);
    expect(await db.sectionRead.count({ where: { userId: student.id } })).toBe(1);
    expect(await db.reviewCard.count({ where: { userId: student.id } })).toBe(1);

    writeFileSync(path.join(alpha, "notes.md"), original.notes);
    writeFileSync(path.join(alpha, "flashcards.json"), original.cards);
    writeFileSync(path.join(alpha, "quiz.json"), original.quiz);
    await loadContentTree(db, readContentTree(root));
    expect(await db.noteSection.count({ where: { lecture: { slug: "alpha" }, ...retired } })).toBe(0);
    expect(await db.flashcard.count({ where: { lecture: { slug: "alpha" }, ...retired } })).toBe(0);
    expect(await db.quizSlot.count({ where: { quiz: { key: "alpha-quiz" }, ...retired } })).toBe(0);
  });

  it("writes nothing when any part of the load fails", async () => {
    const root = path.join(temp, "conflict");
    cpSync(fixture, root, { recursive: true });
    // A lecture already in the database holds number 3; the tree's new "gamma" lecture also claims it.
    const course = await db.course.findUniqueOrThrow({ where: { slug: "fixture-course" }, select: { id: true } });
    await db.lecture.create({ data: { courseId: course.id, slug: "occupied", number: 3, title: "Occupied" } });
    cpSync(path.join(root, "lectures/02-beta"), path.join(root, "lectures/03-gamma"), { recursive: true });
    const rewrite = (name: string, from: string, to: string) => {
      const file = path.join(root, "lectures/03-gamma", name);
      writeFileSync(file, readFileSync(file, "utf8").replaceAll(from, to));
    };
    rewrite("lecture.json", '"slug": "beta", "number": 2', '"slug": "gamma", "number": 3');
    rewrite("questions.json", "beta-q1", "gamma-q1");
    rewrite("quiz.json", "beta", "gamma");
    rewrite("flashcards.json", "beta-fc-1", "gamma-fc-1");
    // And alpha changed too, so the load has real work before it reaches gamma.
    writeFileSync(
      path.join(root, "lectures/01-alpha/notes.md"),
      readFileSync(path.join(root, "lectures/01-alpha/notes.md"), "utf8").replace("The second section.", "Edited."),
    );

    const before = await counts();
    const sectionBefore = await db.noteSection.findFirstOrThrow({ where: { key: "more", lecture: { slug: "alpha" } }, select: { bodyMarkdown: true } });
    await expect(loadContentTree(db, readContentTree(root))).rejects.toMatchObject({ code: "P2002" });
    expect(await counts()).toEqual(before);
    expect(await db.noteSection.findFirstOrThrow({ where: { key: "more", lecture: { slug: "alpha" } }, select: { bodyMarkdown: true } })).toEqual(
      sectionBefore,
    );
    expect(await db.question.count({ where: { externalKey: "gamma-q1" } })).toBe(0);
  });
});
