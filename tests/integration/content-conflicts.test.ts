import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { questionState } from "@/lib/content/conflicts";
import { toVersionData } from "@/lib/bank/version-data";
import { quizContent, quizHash } from "@/lib/content/conflicts";
import { conflictsOf, loadContentTree } from "@/lib/content/load";
import { findContentConflicts } from "@/lib/content/plan";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { addSlotInApp, alphaFile, editInApp, editQuizInApp, fileQuestion, freshContent, latestVersion, rewrite, runScript, temp } from "./content-sync-helpers";

afterAll(() => rmSync(temp, { recursive: true, force: true }));

const load = (root: string, options: Parameters<typeof loadContentTree>[2] = {}) => loadContentTree(db, readContentTree(root), options);
const alpha = async (root: string, options: Parameters<typeof loadContentTree>[2] = {}) => (await load(root, options))[0]!;
/** The question's state in the files, as Question.fileHash keeps it: its content, topic and category. */
const hashOf = (root: string, id: string) => {
  const question = fileQuestion(root, id);
  return questionState(toVersionData(question).contentHash, question.topic, question.category);
};

/** Loads the fixture, then edits alpha-q1 in the app (a new stem, option B's text). */
async function withAppEdit() {
  const root = await freshContent();
  await load(root);
  const original = fileQuestion(root, "alpha-q1");
  if (original.type !== "single") throw new Error("alpha-q1 is a single-answer question");
  await editInApp({ ...original, stem: "Which letter opens the alphabet?", options: original.options.map((o, i) => (i === 1 ? { ...o, text: "Bee" } : o)) });
  return root;
}

const fileEditOfQ1 = (root: string) => rewrite(alphaFile(root, "questions.json"), "Which is the first letter?", "Which letter is first?");

describe("a topic changed in the app (the question's own field, not a version's)", () => {
  const topicOf = async (externalKey: string) =>
    (await db.question.findUniqueOrThrow({ where: { externalKey }, select: { topic: { select: { key: true } } } })).topic?.key ?? null;
  const moveToMore = async () => {
    const more = await db.topic.findFirstOrThrow({ where: { key: "more" }, select: { id: true } });
    await db.question.update({ where: { externalKey: "alpha-q1" }, data: { topicId: more.id } });
  };

  it("survives a load of a lecture whose files changed elsewhere", async () => {
    const root = await freshContent();
    await load(root);
    expect(await topicOf("alpha-q1")).toBe("basics");
    await moveToMore();
    rewrite(alphaFile(root, "notes.md"), "The second section.", "The second section, edited.");
    const loaded = await alpha(root);
    expect([loaded.skipped, loaded.keptAppEdits, loaded.conflicts]).toEqual([false, 1, []]);
    expect(await topicOf("alpha-q1")).toBe("more");
  });

  it("is a conflict when the files change the question too, and --prefer files takes the files' topic", async () => {
    const root = await freshContent();
    await load(root);
    await moveToMore();
    fileEditOfQ1(root);
    const loaded = await alpha(root);
    expect(loaded.conflicts).toEqual([expect.objectContaining({ id: "alpha-q1", differences: ["the question text", "the topic"] })]);
    expect(await topicOf("alpha-q1")).toBe("more");
    await alpha(root, { prefer: "files" });
    expect(await topicOf("alpha-q1")).toBe("basics");
  });
});

describe("questions edited in the app and in the files", () => {
  it("keeps an app edit through a load of unchanged files and of files changed elsewhere in the lecture", async () => {
    const root = await withAppEdit();
    const fileHash = hashOf(root, "alpha-q1");
    const edited = await latestVersion("alpha-q1");
    expect(edited).toMatchObject({ versions: 2, version: 2, origin: "EDITOR", stem: "Which letter opens the alphabet?", fileHash });

    // Unchanged folder: skipped; forced: every question looked at, the app's version kept.
    expect((await alpha(root)).skipped).toBe(true);
    const forced = await alpha(root, { force: true });
    expect([forced.questions, forced.keptAppEdits, forced.conflicts, forced.quiz]).toEqual([
      { created: 0, "new-version": 0, unchanged: 2 },
      1,
      [],
      "in-agreement",
    ]);
    expect(await latestVersion("alpha-q1")).toEqual(edited);

    // Another file of the lecture changed: the lecture is loaded, the app's version still kept.
    rewrite(alphaFile(root, "notes.md"), "The second section.", "The second section, edited.");
    const changed = await alpha(root);
    expect([changed.skipped, changed.questions, changed.keptAppEdits, changed.conflicts]).toEqual([
      false,
      { created: 0, "new-version": 0, unchanged: 2 },
      1,
      [],
    ]);
    expect(await latestVersion("alpha-q1")).toEqual(edited);
    expect(await findContentConflicts(db, readContentTree(root).lectures)).toEqual([]);
  });

  it("reports a file change to an app-edited question as a conflict, keeps both sides, and turns a change nobody edited into a new version", async () => {
    const root = await withAppEdit();
    const edited = await latestVersion("alpha-q1");
    fileEditOfQ1(root);
    rewrite(alphaFile(root, "questions.json"), "Which of these are vowels?", "Which of these letters are vowels?");
    rewrite(alphaFile(root, "notes.md"), "The second section.", "Edited notes.");

    const expected = {
      lecture: "alpha",
      kind: "question",
      id: "alpha-q1",
      differences: ["the question text", "option B's text"],
    };
    const summary = await alpha(root);
    expect([summary.questions, summary.keptAppEdits, summary.resolved, summary.conflicts]).toEqual([
      { created: 0, "new-version": 1, unchanged: 1 },
      0,
      0,
      [expected],
    ]);
    // The app's version is untouched, and so is what the files last had.
    expect(await latestVersion("alpha-q1")).toEqual(edited);
    // Everything else of the lecture was loaded in the same transaction.
    expect(await latestVersion("alpha-q2")).toMatchObject({
      versions: 2,
      origin: "CONTENT",
      stem: "Which of these letters are vowels?",
      fileHash: hashOf(root, "alpha-q2"),
    });
    expect((await db.noteSection.findFirstOrThrow({ where: { key: "more" }, select: { bodyMarkdown: true } })).bodyMarkdown).toMatch(/^Edited notes\.\n/);
    // The folder's hash is not recorded, so the next load is not skipped and reports it again.
    expect((await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).contentHash).toBeNull();
    expect(conflictsOf(await load(root))).toEqual([expected]);
    expect(await findContentConflicts(db, readContentTree(root).lectures)).toEqual([expected]);

    // The command: the conflict, how to resolve it, exit code 1; the check says the same.
    const loadRun = runScript(["scripts/content.ts", "load"], root);
    expect(loadRun.status).toBe(1);
    expect(loadRun.stderr).toContain(
      "alpha: question alpha-q1 was changed both in the files and in the app since the last load. They differ in the question text; option B's text.",
    );
    expect(loadRun.stderr).toContain("npm run content:load -- --prefer files");
    expect(loadRun.stderr).toContain("npm run content:load -- --prefer app");
    const check = runScript(["scripts/content.ts", "check"], root);
    expect([check.status, check.stderr.includes("alpha: question alpha-q1 was changed both")]).toEqual([1, true]);
    const unchecked = runScript(["scripts/content.ts", "check"], root, { DATABASE_URL: undefined });
    expect([unchecked.status, unchecked.stdout.includes("Conflicts with the app's edits were not checked: DATABASE_URL is not set.")]).toEqual([0, true]);
    // The seed (every `npm start`) is not blocked: it warns and names the command.
    const seed = runScript(["prisma/seed.ts"], root, { SEED_DEMO_ACCOUNTS: "false" });
    expect(seed.status).toBe(0);
    expect(seed.stderr).toContain("Seed: warning: 1 conflict between the course files and the app");
    expect(seed.stderr).toContain("npm run content:load -- --prefer files");
    expect(await latestVersion("alpha-q1")).toEqual(edited);
  });

  it("--prefer files: the file's question becomes the newest version", async () => {
    const root = await withAppEdit();
    fileEditOfQ1(root);
    const summary = await alpha(root, { prefer: "files" });
    expect([summary.questions, summary.resolved, summary.conflicts]).toEqual([{ created: 0, "new-version": 1, unchanged: 2 }, 1, []]);
    expect(await latestVersion("alpha-q1")).toMatchObject({
      versions: 3,
      version: 3,
      origin: "CONTENT",
      stem: "Which letter is first?",
      fileHash: hashOf(root, "alpha-q1"),
      contentHash: toVersionData(fileQuestion(root, "alpha-q1")).contentHash,
    });
    expect((await alpha(root)).skipped).toBe(true);
    expect(await findContentConflicts(db, readContentTree(root).lectures)).toEqual([]);
  });

  it("--prefer app: the app's version stays and the file's change counts as seen", async () => {
    const root = await withAppEdit();
    const edited = await latestVersion("alpha-q1");
    fileEditOfQ1(root);
    const summary = await alpha(root, { prefer: "app" });
    expect([summary.questions, summary.resolved, summary.conflicts]).toEqual([{ created: 0, "new-version": 0, unchanged: 2 }, 1, []]);
    expect(await latestVersion("alpha-q1")).toEqual({ ...edited, fileHash: hashOf(root, "alpha-q1") });
    // Not reported again: the next load skips the folder, a forced one keeps the app's edit.
    expect((await alpha(root)).skipped).toBe(true);
    const forced = await alpha(root, { force: true });
    expect([forced.keptAppEdits, forced.conflicts]).toEqual([1, []]);
    expect(await findContentConflicts(db, readContentTree(root).lectures)).toEqual([]);
    expect(await latestVersion("alpha-q1")).toEqual({ ...edited, fileHash: hashOf(root, "alpha-q1") });
  });

  it("for questions loaded before Question.fileHash existed, takes the newest version's hash as the files' when that version came from them", async () => {
    const root = await freshContent();
    await load(root);
    await db.question.updateMany({ data: { fileHash: null } });
    rewrite(alphaFile(root, "questions.json"), "Which of these are vowels?", "Which of these letters are vowels?");
    const summary = await alpha(root);
    expect([summary.questions, summary.conflicts]).toEqual([{ created: 0, "new-version": 1, unchanged: 2 }, []]);
    expect(await latestVersion("alpha-q2")).toMatchObject({ versions: 2, origin: "CONTENT", fileHash: hashOf(root, "alpha-q2") });
    expect(await latestVersion("alpha-q1")).toMatchObject({ versions: 1, fileHash: hashOf(root, "alpha-q1") });
  });

  it("an imported version of a question the files later change is a conflict too", async () => {
    const root = await freshContent();
    await load(root);
    await editInApp({ ...fileQuestion(root, "alpha-q2"), explanation: "Imported explanation." }, "IMPORT");
    rewrite(alphaFile(root, "questions.json"), "A and E are vowels.", "A and E are the vowels here.");
    expect(conflictsOf(await load(root))).toEqual([{ lecture: "alpha", kind: "question", id: "alpha-q2", differences: ["the explanation"] }]);
    expect(await latestVersion("alpha-q2")).toMatchObject({ versions: 2, origin: "IMPORT" });
  });
});

describe("the quiz edited in the app and in quiz.json", () => {
  const quizRow = () =>
    db.quiz.findUniqueOrThrow({
      where: { key: "alpha-quiz" },
      select: {
        title: true,
        attemptsAllowed: true,
        fileHash: true,
        editedAt: true,
        slots: { orderBy: { position: "asc" }, select: { key: true, source: true, retiredAt: true } },
      },
    });
  const fileQuizHash = (root: string) => quizHash(quizContent(readContentTree(root).lectures[0]!.quiz));

  async function withQuizEdit() {
    const root = await freshContent();
    await load(root);
    expect((await quizRow()).fileHash).toBe(fileQuizHash(root));
    await editInApp({ ...fileQuestion(root, "alpha-q2"), id: "alpha-app-q", stem: "Written in the app." });
    await addSlotInApp("alpha-quiz", "app-slot", ["alpha-app-q"]);
    await editQuizInApp("alpha-quiz", { title: "App title", attemptsAllowed: 5 });
    return root;
  }
  const appSlots = [
    { key: "first-letter", source: "CONTENT", retiredAt: null },
    { key: "vowels", source: "CONTENT", retiredAt: null },
    { key: "app-slot", source: "EDITOR", retiredAt: null },
  ];

  it("keeps the app's settings and slots through loads of an unchanged quiz.json", async () => {
    const root = await withQuizEdit();
    const forced = await alpha(root, { force: true });
    expect([forced.quiz, forced.conflicts]).toEqual(["kept-app-edit", []]);
    rewrite(alphaFile(root, "flashcards.json"), '"back": "The first letter."', '"back": "The very first letter."');
    const changed = await alpha(root);
    expect([changed.skipped, changed.quiz, changed.conflicts]).toEqual([false, "kept-app-edit", []]);
    expect(await quizRow()).toMatchObject({
      title: "App title",
      attemptsAllowed: 5,
      fileHash: fileQuizHash(root),
      editedAt: expect.any(Date),
      slots: appSlots,
    });
  });

  it("reports a changed quiz.json as a conflict when the app edited the quiz, and --prefer app keeps the app's quiz", async () => {
    const root = await withQuizEdit();
    const before = await quizRow();
    rewrite(alphaFile(root, "quiz.json"), '"title": "Alpha quiz"', '"title": "File title"');
    const expected = {
      lecture: "alpha",
      kind: "quiz",
      id: "alpha-quiz",
      differences: [
        "the title (File title in the file, App title in the app)",
        "the attempts allowed (3 in the file, 5 in the app)",
        "slots only in the app: app-slot",
      ],
    };
    expect(conflictsOf(await load(root))).toEqual([expected]);
    expect(await quizRow()).toEqual(before);
    expect(await findContentConflicts(db, readContentTree(root).lectures)).toEqual([expected]);

    const resolved = await alpha(root, { prefer: "app" });
    expect([resolved.quiz, resolved.resolved, resolved.conflicts]).toEqual(["kept-app-edit", 1, []]);
    expect(await quizRow()).toEqual({ ...before, fileHash: fileQuizHash(root) });
    expect(conflictsOf(await load(root, { force: true }))).toEqual([]);
  });

  it("--prefer files loads quiz.json, clears editedAt and retires the editor's slots, keeping imported ones", async () => {
    const root = await withQuizEdit();
    await editInApp({ ...fileQuestion(root, "alpha-q2"), id: "alpha-imported-q", stem: "Imported." }, "IMPORT");
    await addSlotInApp("alpha-quiz", "import-alpha-imported-q", ["alpha-imported-q"], "IMPORT");
    rewrite(alphaFile(root, "quiz.json"), '"title": "Alpha quiz"', '"title": "File title"');
    const summary = await alpha(root, { prefer: "files" });
    expect([summary.quiz, summary.resolved, summary.conflicts]).toEqual(["load", 1, []]);
    expect(await quizRow()).toEqual({
      title: "File title",
      attemptsAllowed: 3,
      fileHash: fileQuizHash(root),
      editedAt: null,
      slots: [
        { key: "first-letter", source: "CONTENT", retiredAt: null },
        { key: "vowels", source: "CONTENT", retiredAt: null },
        { key: "app-slot", source: "EDITOR", retiredAt: expect.any(Date) },
        { key: "import-alpha-imported-q", source: "IMPORT", retiredAt: null },
      ],
    });
  });

  it("loads a changed quiz.json when nobody edited the quiz in the app, keeping the importer's slots", async () => {
    const root = await freshContent();
    await load(root);
    await editInApp({ ...fileQuestion(root, "alpha-q2"), id: "alpha-imported-q", stem: "Imported." }, "IMPORT");
    await addSlotInApp("alpha-quiz", "import-alpha-imported-q", ["alpha-imported-q"], "IMPORT");
    const file = alphaFile(root, "quiz.json");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace('"title": "Alpha quiz"', '"title": "File title"')
        .replace(/,\n\s*\{ "key": "vowels".*\}/, ""),
    );
    const summary = await alpha(root);
    expect([summary.quiz, summary.conflicts]).toEqual(["load", []]);
    expect(await quizRow()).toEqual({
      title: "File title",
      attemptsAllowed: 3,
      fileHash: fileQuizHash(root),
      editedAt: null,
      slots: [
        { key: "first-letter", source: "CONTENT", retiredAt: null },
        { key: "vowels", source: "CONTENT", retiredAt: expect.any(Date) },
        { key: "import-alpha-imported-q", source: "IMPORT", retiredAt: null },
      ],
    });
  });
});
