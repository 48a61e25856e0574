// The audit log as staff read it: who may, newest first with the actor's name, the filters, the pages.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, getAuditEntries, getAuditLectures } from "@/lib/audit/data";
import { auditQueryString, parseAuditQuery } from "@/lib/audit/schemas";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { updateQuizSettings } from "@/lib/quiz/editor/settings";
import { setSlotMaxMark } from "@/lib/quiz/editor/slots";
import { createUser } from "./helpers";

let alpha = { quizId: "", lectureId: "", slotId: "" };
let betaLectureId = "";

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  const quiz = await db.quiz.findUniqueOrThrow({
    where: { key: "alpha-quiz" },
    select: { id: true, lectureId: true, slots: { where: { key: "vowels" }, select: { id: true } } },
  });
  alpha = { quizId: quiz.id, lectureId: quiz.lectureId, slotId: quiz.slots[0]!.id };
  betaLectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "beta" } })).id;
});

describe("the audit log", () => {
  it("is for staff only, newest first with the actor's name and the changes as lines, filtered by lecture and kind", async () => {
    const instructor = await createUser("INSTRUCTOR");
    const admin = await createUser("ADMIN");
    const student = await createUser();
    await expect(getAuditEntries(student, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getAuditLectures(student)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getAuditEntries(null as never, {})).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await getAuditEntries(admin, {})).toEqual({ entries: [], total: 0, page: 1, pageCount: 1 });

    await updateQuizSettings(instructor, {
      quizId: alpha.quizId,
      title: "Alpha quiz",
      attemptsAllowed: null,
      gradingPolicy: "BEST",
      timeLimitMinutes: null,
      shuffleOptions: true,
      shuffleSlots: false,
      opensAt: null,
      closesAt: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct timestamps: the order is the test's subject
    await setSlotMaxMark(admin, { slotId: alpha.slotId, maxMark: 2 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.auditEntry.create({
      data: {
        actorId: admin.id,
        lectureId: betaLectureId,
        entityType: "question",
        entityId: "q1",
        action: "question.edit",
        summary: "Edited beta-q1",
        before: "B",
        after: "C",
      },
    });

    for (const viewer of [instructor, admin]) {
      const all = await getAuditEntries(viewer, {});
      expect(all.total).toBe(3);
      expect(all.entries.map((e) => [e.actorName, e.action, e.summary, e.changes])).toEqual([
        [admin.name, "question.edit", "Edited beta-q1", [{ field: "value", from: "B", to: "C" }]],
        [admin.name, "slot.max-mark", "Changed the max mark of slot vowels in “Alpha quiz” from 1 to 2", [{ field: "maxMark", from: "1", to: "2" }]],
        [
          instructor.name,
          "quiz.settings",
          "Changed the settings of “Alpha quiz”: attempts allowed 3 → unlimited",
          [{ field: "attemptsAllowed", from: "3", to: "none" }],
        ],
      ]);
    }
    const byLecture = await getAuditEntries(instructor, { lectureId: alpha.lectureId });
    expect(byLecture.entries.map((e) => e.action)).toEqual(["slot.max-mark", "quiz.settings"]);
    expect((await getAuditEntries(instructor, { entityType: "question" })).entries.map((e) => e.summary)).toEqual(["Edited beta-q1"]);
    expect((await getAuditEntries(instructor, { lectureId: alpha.lectureId, entityType: "quiz" })).entries.map((e) => e.action)).toEqual(["quiz.settings"]);
    expect(await getAuditEntries(instructor, { lectureId: betaLectureId, entityType: "slot" })).toMatchObject({ entries: [], total: 0 });
    expect((await getAuditLectures(instructor)).map((l) => l.id)).toEqual([alpha.lectureId, betaLectureId]);

    // A deleted actor's entries stay, unnamed.
    const gone = await createUser("INSTRUCTOR");
    await db.auditEntry.create({
      data: { actorId: gone.id, lectureId: null, entityType: "regrade", entityId: "r1", action: "regrade.apply", summary: "Regraded" },
    });
    await db.user.delete({ where: { id: gone.id } });
    expect((await getAuditEntries(admin, { entityType: "regrade" })).entries).toMatchObject([
      { actorName: "A deleted user", summary: "Regraded", changes: [] },
    ]);
  });

  it("pages by fifty, the newest on the first page", async () => {
    const admin = await createUser("ADMIN");
    const start = Date.UTC(2030, 0, 1);
    await db.auditEntry.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 2 }, (_, i) => ({
        actorId: admin.id,
        lectureId: betaLectureId,
        entityType: "response",
        entityId: `r${i}`,
        action: "response.grade",
        summary: `Entry ${i}`,
        createdAt: new Date(start + i * 1000),
      })),
    });
    const first = await getAuditEntries(admin, { entityType: "response", page: 1 });
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 2, page: 1, pageCount: 2 });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]!.summary).toBe(`Entry ${AUDIT_PAGE_SIZE + 1}`);
    expect(first.entries[0]!.createdAt).toEqual(new Date(start + (AUDIT_PAGE_SIZE + 1) * 1000));
    const second = await getAuditEntries(admin, { entityType: "response", page: 2 });
    expect(second.entries.map((e) => e.summary)).toEqual(["Entry 1", "Entry 0"]);
    expect((await getAuditEntries(admin, { entityType: "response", page: 3 })).entries).toEqual([]);
  });

  it("reads its filters from the URL, leaving out what is not valid", () => {
    expect(parseAuditQuery({ lecture: "abc123", type: "slot", page: "2" })).toEqual({ lectureId: "abc123", entityType: "slot", page: 2 });
    expect(parseAuditQuery({ lecture: "x'; drop", type: "user", page: "-1" })).toEqual({ lectureId: undefined, entityType: undefined, page: 1 });
    expect(parseAuditQuery({ lecture: ["abc", "def"], page: "1.5" })).toEqual({ lectureId: "abc", entityType: undefined, page: 1 });
    expect(auditQueryString({ lectureId: "abc", entityType: "quiz", page: 3 })).toBe("?lecture=abc&type=quiz&page=3");
    expect(auditQueryString({ page: 1 })).toBe("");
  });
});
