// A Moodle export with one question of every type: imported, taken in a quiz, scored as Moodle would,
// read back with its feedback, and never showing its key while the attempt is open.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getSlotStatistics } from "@/lib/analytics/slot";
import { getReviewSession } from "@/lib/review/data";
import { applyImport, previewImport } from "@/lib/bank/import/data";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { saveAnswer } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { getAttemptForTaking, getAttemptResult } from "@/lib/quiz/data";
import { optionsOf } from "@/lib/quiz/question-display";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { createUser } from "./helpers";

const bank = readFileSync(path.resolve(import.meta.dirname, "../fixtures/banks/moodle-every-type.xml"));
let quizId = "";

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  const lecture = await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" }, select: { id: true, quizzes: { select: { id: true } } } });
  quizId = lecture.quizzes[0]!.id;
  // The content's own slots are retired, so the attempt holds the imported questions only.
  await db.quizSlot.updateMany({ where: { quizId }, data: { retiredAt: new Date() } });
  const admin = await createUser("ADMIN");
  const upload = { fileName: "moodle-every-type.xml", bytes: bank, lectureId: lecture.id, convert: false };
  const preview = await previewImport(admin, upload);
  await applyImport(admin, { ...upload, fileHash: preview.fileHash, validOnly: true });
});

let n = 0;
const key = () => `every-type-${++n}-${Date.now()}`;

describe("every type in a quiz", () => {
  it("is shown without its key, saved as chosen or typed, and scored with Moodle's partial credit", async () => {
    const student = await createUser();
    const { id: attemptId } = await startOrResumeAttempt(student, quizId);
    const view = (await getAttemptForTaking(student, attemptId))!;
    expect(view.questions.map((q) => q.type)).toEqual(["SINGLE_CHOICE", "TRUE_FALSE", "SHORT_ANSWER", "NUMERICAL", "MATCHING", "CLOZE", "ESSAY"]);

    // The key of each type: credits, feedback, accepted answers, which answer goes with which prompt, the gaps' answers.
    const shown = JSON.stringify(view);
    for (const secret of [
      "fraction",
      "isCorrect",
      "feedback",
      "Right: column chunks",
      "*orc*",
      "1024",
      "That is a kilobyte",
      "2013",
      "Nearly",
      "pairs",
      '"answer"',
      "Parquet stores columns",
    ])
      expect(shown, secret).not.toContain(secret);
    expect(JSON.stringify(view.questions[5]), "the cloze gaps' answers").not.toMatch(/columnar|column\*/);
    const matching = view.questions[4]!.display;
    expect(matching).toMatchObject({ kind: "matching", prompts: ["CSV", "Parquet"] });
    expect(matching.kind === "matching" && matching.choices.map((c) => c.text).sort()).toEqual(["column-major", "diagonal", "row-major"]);
    const cloze = view.questions[5]!.display;
    expect(cloze).toMatchObject({
      kind: "cloze",
      segments: [{ text: "Parquet is " }, { gap: 0 }, { text: ". It was released in " }, { gap: 1 }, { text: ". Its files are " }, { gap: 2 }, { text: "." }],
      gaps: [
        { kind: "text" },
        { kind: "number" },
        {
          kind: "choice",
          multiple: false,
          display: "dropdown",
          options: [
            { value: "0", text: "binary" },
            { value: "1", text: "text" },
          ],
        },
      ],
    });

    const single = optionsOf(view.questions[0]!.display);
    const partly = single.find((o) => o.text === "ORC, partly")!.key;
    const choiceOf = (text: string) => (matching.kind === "matching" ? matching.choices.find((c) => c.text === text)!.value : "");
    const answers: { chosen?: string[]; text?: string }[] = [
      { chosen: [partly] },
      { chosen: ["true"] },
      { text: "Apache ORC" },
      { text: "1000" },
      { text: JSON.stringify([choiceOf("row-major"), choiceOf("diagonal")]) },
      { text: JSON.stringify(["Columnar", "2014", "1"]) },
      { text: "ETL transforms before loading; ELT after." },
    ];
    for (const [position, answer] of answers.entries())
      expect(
        await saveAnswer(student, {
          attemptId,
          position,
          chosen: answer.chosen ?? [],
          text: answer.text ?? null,
          flagged: false,
          timeSpentMs: 0,
          idempotencyKey: key(),
          baseRevision: 0,
        }),
      ).toMatchObject({ status: "saved" });
    // A choice is never typed, and a typed question has no options to choose.
    await expect(
      saveAnswer(student, { attemptId, position: 2, chosen: ["a"], flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 1 }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      saveAnswer(student, { attemptId, position: 0, chosen: [], text: "a", flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 1 }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect((await getAttemptForTaking(student, attemptId))!.questions.map((q) => q.text)).toEqual([null, null, ...answers.slice(2).map((a) => a.text)]);

    const submitted = await submitAttempt(student, attemptId, key());
    // 1/3 + 0 + 1/2 + 1/2 + 1/2 + (1 + 1 + 0·2)/4 of 4 marks + an essay awaiting its mark (0 of 5).
    const result = (await getAttemptResult(student, attemptId))!;
    expect(result.responses.map((r) => [r.type, r.mark, r.maxMark, r.isCorrect])).toEqual([
      ["SINGLE_CHOICE", 0.3333333, 1, false],
      ["TRUE_FALSE", 0, 1, false],
      ["SHORT_ANSWER", 0.5, 1, false],
      ["NUMERICAL", 0.5, 1, false],
      ["MATCHING", 0.5, 1, false],
      ["CLOZE", 2, 4, false],
      ["ESSAY", 0, 5, false],
    ]);
    expect(submitted.score).toBeCloseTo(0.3333333 + 0.5 + 0.5 + 0.5 + 2, 9);
    expect(submitted.maxScore).toBe(14);

    const [r0, r1, r2, r3, r4, r5, r6] = result.responses.map((r) => r);
    // The Moodle file's HTML is kept (sanitised) and rendered; the plain true/false question's text is escaped.
    expect(r0!.stem).toBe("<p>Which format is <em>columnar</em>?</p>");
    expect(r0!.generalFeedback).toBe("<p>Parquet stores columns together.</p>");
    expect(r0!.review.options.find((o) => o.chosen)).toMatchObject({ text: "<p>ORC, partly</p>", isCorrect: false });
    expect(r1!.review.options.find((o) => o.chosen)).toMatchObject({ key: "true", feedback: "No: Parquet is columnar." });
    expect(r2!.review).toMatchObject({ given: ["Apache ORC"], right: ["Parquet"], feedback: ["<p>ORC is columnar too, but we studied Parquet.</p>"] });
    expect(r3!.review).toMatchObject({ given: ["1000"], right: ["1024"], feedback: ["<p>That is a kilobyte.</p>"] });
    expect(r4!.review).toMatchObject({ given: ["CSV → row-major", "Parquet → diagonal"], right: ["CSV → row-major", "Parquet → column-major"] });
    expect(r5!.review).toMatchObject({
      given: ["Gap 1: Columnar", "Gap 2: 2014", "Gap 3: text"],
      right: ["Gap 1: columnar", "Gap 2: 2013 (± 1)", "Gap 3: binary"],
      feedback: ["Gap 1: Right", "Gap 2: Good", "Gap 3: No"],
    });
    expect(r6!.review).toMatchObject({ awaitingGrading: true, given: ["ETL transforms before loading; ELT after."] });

    // The instructor's page of each question: responses by frequency (short answer, numerical), figures per pair (matching).
    const staff = await createUser("INSTRUCTOR");
    const slots = await db.response.findMany({ where: { attemptId }, orderBy: { position: "asc" }, select: { slotId: true } });
    const page = async (position: number) => (await getSlotStatistics(staff, quizId, slots[position]!.slotId))!.detail;
    expect((await page(2)).analysis).toEqual([
      { variantKey: expect.any(String), kind: "responses", total: 1, classes: [{ response: "Apache ORC", count: 1, credit: 0.5 }], others: 0 },
    ]);
    expect((await page(3)).analysis[0]).toMatchObject({ kind: "responses", classes: [{ response: "1000", count: 1, credit: 0.5 }] });
    expect((await page(4)).analysis[0]).toEqual({
      variantKey: expect.any(String),
      kind: "pairs",
      total: 1,
      pairs: [
        { prompt: "CSV", answer: "row-major", right: 1, answered: 1, commonWrong: null },
        { prompt: "Parquet", answer: "column-major", right: 0, answered: 1, commonWrong: { text: "diagonal", count: 1 } },
      ],
    });
    expect((await page(4)).responses[0]!.answered).toBe("CSV → row-major; Parquet → diagonal");
    expect((await page(0)).analysis).toEqual([]);

    // Missed, each joins the mistakes queue, whose card shows the question's words and its right answer.
    const lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" }, select: { id: true } })).id;
    const card = async (name: string) => {
      const { id } = await db.reviewCard.findFirstOrThrow({ where: { userId: student.id, question: { versions: { some: { name } } } }, select: { id: true } });
      return (await getReviewSession(student, lectureId, "mistakes", { now: new Date(Date.now() + 3_600_000), prefer: id })).current!;
    };
    expect(await card("Name a columnar format")).toMatchObject({ front: "Name a columnar format.", options: [], back: "Parquet" });
    expect(await card("Layouts")).toMatchObject({ back: "CSV → row-major\nParquet → column-major" });
    expect(await card("Cloze formats")).toMatchObject({
      front: "Parquet is _____ (1). It was released in _____ (2). Its files are _____ (3).",
      back: "Gap 1: columnar\nGap 2: 2013 (± 1)\nGap 3: binary",
    });
    expect(await card("Columnar formats")).toMatchObject({ front: "Which format is columnar?", back: "Parquet" });
  });
});
