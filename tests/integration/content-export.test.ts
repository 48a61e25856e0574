import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyImport, previewImport } from "@/lib/bank/import/data";
import { questionState } from "@/lib/content/conflicts";
import { exportContent } from "@/lib/content/export";
import { loadContentTree } from "@/lib/content/load";
import { findContentConflicts } from "@/lib/content/plan";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { createUser } from "./helpers";
import { addSlotInApp, alphaFile, editInApp, editQuizInApp, fileQuestion, freshContent, runScript, temp } from "./content-sync-helpers";

afterAll(() => rmSync(temp, { recursive: true, force: true }));

const importedBank = JSON.stringify({
  format: "course-question-bank",
  version: 1,
  questions: [{ id: "alpha-imported", type: "true-false", stem: "Z is the last letter.", answer: true, category: "Letters/Order", topic: "more" }],
});

const counts = async () => ({
  questions: await db.question.count(),
  versions: await db.questionVersion.count(),
  slots: await db.quizSlot.count(),
  liveSlots: await db.quizSlot.count({ where: { retiredAt: null } }),
  variants: await db.quizSlotVariant.count(),
});

/** The fixture loaded, then edited in the app: a question, a new question, an import, and the quiz. */
async function editedInTheApp(): Promise<string> {
  const root = await freshContent();
  await loadContentTree(db, readContentTree(root));
  const q1 = fileQuestion(root, "alpha-q1");
  if (q1.type !== "single") throw new Error("alpha-q1 is a single-answer question");
  await editInApp({
    ...q1,
    stem: "Which letter opens the alphabet?",
    options: q1.options.map((o, i) => (i === 3 ? { ...o, text: "Dee", feedback: "Not this one." } : o)),
  });
  await editInApp({
    id: "alpha-app-q",
    type: "numerical",
    stem: "How many vowels has English?",
    explanation: "",
    maxMark: 2,
    origin: "authored",
    answers: [{ value: 5, tolerance: 0, fraction: 1 }],
    section: "more",
    topic: "more",
  });
  const admin = await createUser("ADMIN");
  const lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
  const upload = { fileName: "bank.json", bytes: new TextEncoder().encode(importedBank), lectureId, convert: false };
  const preview = await previewImport(admin, upload);
  await applyImport(admin, { ...upload, fileHash: preview.fileHash, validOnly: false });
  await addSlotInApp("alpha-quiz", "app-slot", ["alpha-app-q"]);
  await editQuizInApp("alpha-quiz", { title: "Alpha quiz, edited", attemptsAllowed: null, timeLimitSeconds: 900 });
  return root;
}

describe("exporting the app's bank and quiz to the content files", () => {
  it("writes the app's versions, keeps the files' order and what only they know, and round-trips", async () => {
    const root = await editedInTheApp();
    const originalBank = JSON.parse(readFileSync(alphaFile(root, "questions.json"), "utf8")) as { questions: { id: string }[] };
    const betaBefore = readFileSync(`${root}/lectures/02-beta/questions.json`, "utf8");

    const exported = await exportContent(db, root);
    expect(exported).toEqual([
      { slug: "alpha", folder: "01-alpha", questions: 5, added: 2, changed: ["questions.json", "quiz.json"], missing: false },
      { slug: "beta", folder: "02-beta", questions: 1, added: 0, changed: [], missing: false },
    ]);
    expect(readFileSync(`${root}/lectures/02-beta/questions.json`, "utf8")).toBe(betaBefore);

    const bankText = readFileSync(alphaFile(root, "questions.json"), "utf8");
    const bank = JSON.parse(bankText) as { format: string; version: number; questions: Record<string, unknown>[] };
    expect(bankText).toBe(`${JSON.stringify(bank, null, 2)}\n`);
    expect(bank.questions.map((q) => q.id)).toEqual(["alpha-q1", "alpha-q1b", "alpha-q2", "alpha-app-q", "alpha-imported"]);
    // Unchanged questions exactly as the file had them; the edited one in the file's own shape.
    expect(bank.questions.slice(1, 3)).toEqual(originalBank.questions.slice(1, 3));
    expect(bank.questions[0]).toEqual({
      id: "alpha-q1",
      type: "single",
      stem: "Which letter opens the alphabet?",
      options: [
        { text: "A", correct: true },
        { text: "B", correct: false },
        { text: "C", correct: false },
        { text: "Dee", correct: false, feedback: "Not this one." },
      ],
      explanation: "A comes first.",
      section: "basics",
      topic: "basics",
    });
    expect(bank.questions[3]).toEqual({
      id: "alpha-app-q",
      type: "numerical",
      stem: "How many vowels has English?",
      answers: [{ value: 5, tolerance: 0, fraction: 1 }],
      section: "more",
      topic: "more",
      maxMark: 2,
    });
    expect(bank.questions[4]).toEqual({
      id: "alpha-imported",
      type: "true-false",
      stem: "Z is the last letter.",
      answer: true,
      topic: "more",
      category: "Letters/Order",
      origin: "imported",
    });
    expect(JSON.parse(readFileSync(alphaFile(root, "quiz.json"), "utf8"))).toEqual({
      key: "alpha-quiz",
      title: "Alpha quiz, edited",
      attemptsAllowed: null,
      gradingPolicy: "BEST",
      timeLimitMinutes: 15,
      slots: [
        { key: "first-letter", variants: ["alpha-q1", "alpha-q1b"], note: "Same idea, same answer." },
        { key: "vowels", variants: ["alpha-q2"], note: "Stands alone." },
        { key: "import-alpha-imported", variants: ["alpha-imported"], note: "Imported from bank.json" },
        { key: "app-slot", variants: ["alpha-app-q"], note: "Added in the app." },
      ],
    });

    // The files are valid, and say what the app has: no conflict, and a load changes nothing.
    const tree = readContentTree(root);
    expect(await findContentConflicts(db, tree.lectures)).toEqual([]);
    const before = await counts();
    const quizBefore = await db.quiz.findUniqueOrThrow({
      where: { key: "alpha-quiz" },
      select: { title: true, attemptsAllowed: true, timeLimitSeconds: true },
    });
    const [alpha] = await loadContentTree(db, tree);
    expect([alpha!.skipped, alpha!.questions, alpha!.keptAppEdits, alpha!.quiz, alpha!.conflicts]).toEqual([
      false,
      { created: 0, "new-version": 0, unchanged: 5 },
      0,
      "in-agreement",
      [],
    ]);
    expect(await counts()).toEqual(before);
    expect(
      await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" }, select: { title: true, attemptsAllowed: true, timeLimitSeconds: true, editedAt: true } }),
    ).toEqual({
      ...quizBefore,
      editedAt: null,
    });
    // Each question's file hash is now the exported one: its newest version's, with its topic and category.
    const questions = await db.question.findMany({
      where: { lecture: { slug: "alpha" } },
      select: {
        fileHash: true,
        category: true,
        topic: { select: { key: true } },
        versions: { orderBy: { version: "desc" }, take: 1, select: { contentHash: true } },
      },
    });
    expect(questions).toHaveLength(5);
    for (const q of questions) expect(q.fileHash).toBe(questionState(q.versions[0]!.contentHash, q.topic?.key, q.category));
    expect((await loadContentTree(db, readContentTree(root)))[0]!.skipped).toBe(true);

    // Exporting again writes the same bytes.
    const files = ["questions.json", "quiz.json"].map((name) => readFileSync(alphaFile(root, name), "utf8"));
    expect((await exportContent(db, root)).map((e) => e.changed)).toEqual([[], []]);
    expect(["questions.json", "quiz.json"].map((name) => readFileSync(alphaFile(root, name), "utf8"))).toEqual(files);

    // The commands agree: the export has nothing to write, the check finds nothing.
    const run = runScript(["scripts/content.ts", "export", "--lecture", "alpha"], root);
    expect([run.status, run.stdout.includes("alpha: 5 questions (0 from the app), files already up to date")]).toEqual([0, true]);
    const check = runScript(["scripts/content.ts", "check"], root);
    expect([check.status, check.stdout.includes("No conflicts with the app's edits.")]).toEqual([0, true]);
  });

  it("round-trips every question type the importer reads (Moodle XML: cloze, matching, numerical, HTML, …)", async () => {
    const root = await freshContent();
    await loadContentTree(db, readContentTree(root));
    const admin = await createUser("ADMIN");
    const lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
    const xml = readFileSync(path.resolve(import.meta.dirname, "../fixtures/banks/moodle-every-type.xml"));
    const upload = { fileName: "every-type.xml", bytes: new Uint8Array(xml), lectureId, convert: false };
    const preview = await previewImport(admin, upload);
    await applyImport(admin, { ...upload, fileHash: preview.fileHash, validOnly: true });
    const imported = await db.question.count({ where: { lectureId, versions: { some: { origin: "IMPORT" } } } });

    expect((await exportContent(db, root))[0]).toMatchObject({ questions: 3 + imported, added: imported, changed: ["questions.json", "quiz.json"] });
    const [alpha] = await loadContentTree(db, readContentTree(root));
    expect([alpha!.questions, alpha!.conflicts, alpha!.quiz]).toEqual([{ created: 0, "new-version": 0, unchanged: 3 + imported }, [], "in-agreement"]);
    expect((await exportContent(db, root))[0]!.changed).toEqual([]);
  });

  it("exports only the lecture asked for, and refuses a lecture the files do not have", async () => {
    const root = await editedInTheApp();
    const alphaBefore = readFileSync(alphaFile(root, "questions.json"), "utf8");
    expect((await exportContent(db, root, { lecture: "beta" })).map((e) => [e.slug, e.changed])).toEqual([["beta", []]]);
    expect(readFileSync(alphaFile(root, "questions.json"), "utf8")).toBe(alphaBefore);
    await expect(exportContent(db, root, { lecture: "gamma" })).rejects.toThrow('No lecture "gamma"');
  });
});
