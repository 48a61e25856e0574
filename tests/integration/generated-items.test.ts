// Generated study items against a real database: generating a section from the notes, what reaches the
// student's page (no answers), answering, "My cards", reports, the rate limit, privacy between
// students, and the instructors' review queue (approve into the bank with a version history, reject).
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { getStudyPage } from "@/lib/generate/data";
import { addItemToMyCards, answerGeneratedItem, proposeGeneratedItem, reportGeneratedItem } from "@/lib/generate/items";
import { saveDrafts } from "@/lib/generate/internal/store";
import { GENERATION_LIMITS } from "@/lib/generate/limits";
import { requestGeneration } from "@/lib/generate/requests";
import { approveGeneratedItem, getReviewQueue, rejectGeneratedItem } from "@/lib/generate/review/data";
import { approveGeneratedItemAction } from "@/lib/generate/review/actions";
import { createUser } from "./helpers";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: async () => session.user }));

const SLUG = "ml-systems-and-data-engineering";
let lectureId = "";

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../../content")));
  lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: SLUG } })).id;
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

async function generated(student: SessionUser, sectionKey: string) {
  await requestGeneration(student, { lectureId, sectionKey, generator: "offline" });
  const page = await getStudyPage(student, SLUG);
  return page!.sections.find((s) => s.key === sectionKey)!.items;
}

async function expectError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).code).toBe(code);
  if (message) expect((error as ActionError).message).toMatch(message);
}

describe("generating from the notes", () => {
  it("shows a section's items once the student asks, without answers, backs or citations", async () => {
    const student = await createUser();
    const before = await getStudyPage(student, SLUG);
    expect(before!.sections.every((s) => s.items.length === 0 && !s.generated)).toBe(true);
    const result = await requestGeneration(student, { lectureId, sectionKey: "data-formats", generator: "offline" });
    expect(result.generator).toBe("offline");
    const page = await getStudyPage(student, SLUG);
    const section = page!.sections.find((s) => s.key === "data-formats")!;
    expect(section.generated).toBe(true);
    expect(section.items.length).toBeGreaterThan(0);
    expect(page!.sections.filter((s) => s.key !== "data-formats").every((s) => s.items.length === 0)).toBe(true);
    const stored = await db.generatedItem.findMany({ where: { lectureId, sectionKey: "data-formats" } });
    expect(stored).toHaveLength(section.items.length);
    for (const item of section.items) {
      expect(Object.keys(item).sort()).toEqual(["front", "generator", "id", "kind", "options", "proposed", "reported", "sectionKey", "stem"]);
      const row = stored.find((s) => s.id === item.id)!;
      if (row.kind !== "MCQ") expect(JSON.stringify(item)).not.toContain(JSON.stringify(row.back).slice(1, -1));
    }
  });

  it("adds nothing twice when the section is generated again, and the offline set is shared", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const first = await generated(a, "etl-vs-elt");
    const again = await requestGeneration(a, { lectureId, sectionKey: "etl-vs-elt", generator: "offline" });
    expect(again).toMatchObject({ generator: "offline", made: 0 });
    const other = await generated(b, "etl-vs-elt");
    expect(other.map((i) => i.id)).toEqual(first.map((i) => i.id));
  });

  it("checks answers on the server and sends the key and the cited sentence only then", async () => {
    const student = await createUser();
    const items = await generated(student, "framing-the-problem");
    const mcq = items.find((i) => i.kind === "MCQ")!;
    const row = await db.generatedItem.findUniqueOrThrow({ where: { id: mcq.id } });
    const wrong = row.options.find((o) => o !== row.answer)!;
    await expect(answerGeneratedItem(student, mcq.id, wrong)).resolves.toEqual({
      correct: false,
      answer: row.answer,
      source: row.source,
      sectionKey: row.sectionKey,
    });
    await expect(answerGeneratedItem(student, mcq.id, row.answer)).resolves.toMatchObject({ correct: true });
    await expectError(answerGeneratedItem(student, mcq.id, "Something else"), "VALIDATION", /one of the options/);
    const card = items.find((i) => i.kind !== "MCQ")!;
    const cardRow = await db.generatedItem.findUniqueOrThrow({ where: { id: card.id } });
    await expect(answerGeneratedItem(student, card.id, null)).resolves.toMatchObject({ answer: cardRow.back, source: cardRow.source });
  });

  it("adds an item to My cards once", async () => {
    const student = await createUser();
    const [item] = await generated(student, "data-models");
    const first = await addItemToMyCards(student, item!.id);
    expect(first.added).toBe(true);
    expect(await addItemToMyCards(student, item!.id)).toEqual({ cardId: first.cardId, added: false });
    const cards = await db.studentCard.findMany({ where: { userId: student.id } });
    expect(cards).toHaveLength(1);
    const row = await db.generatedItem.findUniqueOrThrow({ where: { id: item!.id } });
    expect(cards[0]).toMatchObject({ lectureId, sectionKey: "data-models", generatedItemId: item!.id, back: row.kind === "MCQ" ? row.answer : row.back });
  });

  it("adds an item to My cards once even when the key is pressed twice at once", async () => {
    const student = await createUser();
    const [item] = await generated(student, "data-formats");
    const results = await Promise.all(Array.from({ length: 4 }, () => addItemToMyCards(student, item!.id)));
    expect(results.filter((r) => r.added)).toHaveLength(1);
    expect(new Set(results.map((r) => r.cardId)).size).toBe(1);
    expect(await db.studentCard.count({ where: { userId: student.id } })).toBe(1);
  });

  it("leaves out a draft too long to be a study item instead of failing the request", async () => {
    const draft = {
      kind: "TERM" as const,
      section: "etl-vs-elt",
      source: "x".repeat(2_001),
      front: "Long",
      back: "A long one.",
      stem: "",
      options: [],
      answer: "A long one.",
      lint: [],
    };
    await expect(saveDrafts(db, { lectureId, generator: "OFFLINE", createdById: null, runId: null }, [draft])).resolves.toBe(0);
    await expect(
      saveDrafts(db, { lectureId, generator: "OFFLINE", createdById: null, runId: null }, [{ ...draft, source: "Short enough.", front: "Long-2" }]),
    ).resolves.toBe(1);
  });

  it("limits how often one student may generate", async () => {
    const student = await createUser();
    const now = new Date();
    await db.generationRun.createMany({
      data: Array.from({ length: GENERATION_LIMITS.OFFLINE.perHour }, () => ({
        userId: student.id,
        lectureId,
        sectionKey: "etl-vs-elt",
        generator: "OFFLINE" as const,
        status: "DONE" as const,
        createdAt: new Date(now.getTime() - 60_000),
      })),
    });
    await expectError(requestGeneration(student, { lectureId, sectionKey: "etl-vs-elt", generator: "offline" }, now), "RATE_LIMITED", /in the last hour/);
    // Another student is not affected.
    await expect(requestGeneration(await createUser(), { lectureId, sectionKey: "etl-vs-elt", generator: "offline" }, now)).resolves.toMatchObject({
      generator: "offline",
    });
  });

  it("refuses an unknown section and the model path while no model is configured", async () => {
    const student = await createUser();
    await expectError(requestGeneration(student, { lectureId, sectionKey: "no-such-section", generator: "offline" }), "NOT_FOUND");
    await expectError(requestGeneration(student, { lectureId, sectionKey: "etl-vs-elt", generator: "model" }), "CONFLICT", /No language model/);
  });
});

describe("privacy between students", () => {
  it("keeps a model's drafts to the student they were made for", async () => {
    const [owner, other] = [await createUser(), await createUser()];
    const item = await db.generatedItem.create({
      data: {
        lectureId,
        sectionKey: "etl-vs-elt",
        kind: "TERM",
        generator: "MODEL",
        source: "ETL stands for extract, transform, load.",
        front: "ETL",
        back: "Extract, transform, load.",
        answer: "Extract, transform, load.",
        contentHash: `private-${owner.id}`,
        createdById: owner.id,
      },
    });
    const ownerPage = await getStudyPage(owner, SLUG);
    expect(ownerPage!.sections.find((s) => s.key === "etl-vs-elt")!.items.map((i) => i.id)).toContain(item.id);
    const otherPage = await getStudyPage(other, SLUG);
    expect(otherPage!.sections.flatMap((s) => s.items).map((i) => i.id)).not.toContain(item.id);
    await expectError(answerGeneratedItem(other, item.id, null), "NOT_FOUND");
    await expectError(addItemToMyCards(other, item.id), "NOT_FOUND");
    await expectError(reportGeneratedItem(other, item.id, "wrong"), "NOT_FOUND");
    await expectError(proposeGeneratedItem(other, item.id), "NOT_FOUND");
  });
});

describe("the instructors' review queue", () => {
  it("approves a proposed question, as edited, into the bank as version 1 with origin GENERATED", async () => {
    const [student, instructor] = [await createUser(), await createUser("INSTRUCTOR")];
    const items = await generated(student, "data-sources");
    const mcq = items.find((i) => i.kind === "MCQ")!;
    await reportGeneratedItem(student, mcq.id, "The second option reads oddly.");
    expect(await proposeGeneratedItem(student, mcq.id)).toEqual({ status: "PROPOSED" });
    const queue = await getReviewQueue(instructor);
    const queued = queue.items.find((i) => i.id === mcq.id)!;
    expect(queued).toMatchObject({
      kind: "MCQ",
      section: "data-sources",
      lint: [],
      reports: [{ message: "The second option reads oddly." }],
      suggestedTopic: "data-sources",
    });
    expect(queued.source.length).toBeGreaterThan(0);

    // A student cannot approve; an edit the linter flags is refused and writes nothing.
    await expectError(
      approveGeneratedItem(student, { itemId: mcq.id, front: "", back: "", stem: queued.stem, options: queued.options, answer: queued.answer, topic: null }),
      "FORBIDDEN",
    );
    const flawed = [...queued.options.filter((o) => o !== queued.answer).slice(0, 2), "All of the above"];
    await expectError(
      approveGeneratedItem(instructor, {
        itemId: mcq.id,
        front: "",
        back: "",
        stem: queued.stem,
        options: [queued.answer, ...flawed],
        answer: queued.answer,
        topic: null,
      }),
      "VALIDATION",
      /Fix these first/,
    );
    expect(await db.question.count({ where: { externalKey: `generated-${mcq.id}` } })).toBe(0);

    const topic = await db.topic.findFirstOrThrow({ where: { lectureId } });
    const stem = `${queued.stem.replace(/\?$/, "")} (edited)?`;
    session.user = instructor;
    const result = await approveGeneratedItemAction(
      null,
      form({ itemId: mcq.id, stem, options: queued.options.join("\n"), answer: queued.answer, topic: topic.key }),
    );
    expect(result).toMatchObject({ ok: true, data: { key: `generated-${mcq.id}` } });
    const question = await db.question.findUniqueOrThrow({
      where: { externalKey: `generated-${mcq.id}` },
      include: { versions: { include: { options: { orderBy: { position: "asc" } } } } },
    });
    expect(question).toMatchObject({ lectureId, topicId: topic.id, category: "Generated", latestVersion: 1 });
    expect(question.versions).toHaveLength(1);
    expect(question.versions[0]).toMatchObject({
      version: 1,
      type: "SINGLE_CHOICE",
      origin: "GENERATED",
      createdById: instructor.id,
      stem,
      sectionKey: "data-sources",
    });
    expect(question.versions[0]!.options.filter((o) => o.isCorrect).map((o) => o.text)).toEqual([queued.answer]);
    expect(await db.generatedItem.findUniqueOrThrow({ where: { id: mcq.id } })).toMatchObject({
      status: "APPROVED",
      questionId: question.id,
      reviewedById: instructor.id,
    });
    expect(await db.auditEntry.count({ where: { entityType: "generated", entityId: mcq.id, action: "generated.approve", actorId: instructor.id } })).toBe(1);
    // Approved once: the queue no longer holds it, and approving again is not found.
    expect((await getReviewQueue(instructor)).items.map((i) => i.id)).not.toContain(mcq.id);
    await expectError(
      approveGeneratedItem(instructor, { itemId: mcq.id, front: "", back: "", stem, options: queued.options, answer: queued.answer, topic: null }),
      "NOT_FOUND",
    );
    // Approving adds it to the bank, not to a quiz: no graded quiz holds a generated item unless an instructor puts it there.
    expect(await db.quizSlotVariant.count({ where: { questionId: question.id } })).toBe(0);
    // It is a bank question now (a quiz may hold it): it leaves the Study page, and its key is no longer one click away.
    const page = await getStudyPage(student, SLUG);
    expect(page!.sections.flatMap((s) => s.items).map((i) => i.id)).not.toContain(mcq.id);
    await expectError(answerGeneratedItem(student, mcq.id, queued.answer), "NOT_FOUND");
  });

  it("turns an approved cloze card into a short-answer question", async () => {
    const [student, instructor] = [await createUser(), await createUser("INSTRUCTOR")];
    const cloze = (await generated(student, "data-formats")).find((i) => i.kind === "CLOZE")!;
    await proposeGeneratedItem(student, cloze.id);
    const row = await db.generatedItem.findUniqueOrThrow({ where: { id: cloze.id } });
    await approveGeneratedItem(instructor, { itemId: cloze.id, front: row.front, back: row.back, stem: "", options: [], answer: "", topic: null });
    const version = await db.questionVersion.findFirstOrThrow({ where: { question: { externalKey: `generated-${cloze.id}` } } });
    expect(version).toMatchObject({ type: "SHORT_ANSWER", stem: `Fill in the blank: ${row.front}`, origin: "GENERATED" });
  });

  it("rejects an item: students no longer see it", async () => {
    const [student, instructor] = [await createUser(), await createUser("INSTRUCTOR")];
    const [item] = await generated(student, "oltp-vs-olap");
    await proposeGeneratedItem(student, item!.id);
    await expect(rejectGeneratedItem(instructor, { itemId: item!.id, reason: "Too vague." })).resolves.toEqual({ rejected: true });
    const page = await getStudyPage(student, SLUG);
    expect(page!.sections.flatMap((s) => s.items).map((i) => i.id)).not.toContain(item!.id);
    await expectError(answerGeneratedItem(student, item!.id, null), "NOT_FOUND");
    expect(await db.generatedItem.findUniqueOrThrow({ where: { id: item!.id } })).toMatchObject({ status: "REJECTED", rejectReason: "Too vague." });
  });
});
