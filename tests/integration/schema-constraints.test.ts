// Constraints the later features rely on: they make double starts and double submissions impossible
// at the database level, whatever the application code does.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "./helpers";

async function quizFixture() {
  const course = await db.course.create({ data: { slug: `c-${Date.now()}`, title: "Course" } });
  const lecture = await db.lecture.create({ data: { courseId: course.id, slug: `l-${Date.now()}`, number: 1, title: "Lecture" } });
  return db.quiz.create({ data: { lectureId: lecture.id, key: `q-${Date.now()}`, title: "Quiz" } });
}

describe("schema constraints", () => {
  it("allows one attempt in progress per student and quiz, and unique attempt numbers", async () => {
    const quiz = await quizFixture();
    const student = await createUser();
    const base = { quizId: quiz.id, userId: student.id, seed: 1, maxScore: 10 };
    await db.attempt.create({ data: { ...base, attemptNumber: 1 } });
    await expect(db.attempt.create({ data: { ...base, attemptNumber: 2 } })).rejects.toMatchObject({ code: "P2002" });
    await db.attempt.updateMany({ where: { quizId: quiz.id, userId: student.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    await db.attempt.create({ data: { ...base, attemptNumber: 2 } });
    await db.attempt.updateMany({ where: { quizId: quiz.id, userId: student.id, attemptNumber: 2 }, data: { status: "SUBMITTED" } });
    await expect(db.attempt.create({ data: { ...base, attemptNumber: 2 } })).rejects.toMatchObject({ code: "P2002" });
    expect(await db.attempt.count({ where: { quizId: quiz.id } })).toBe(2);
  });

  it("gives a quiz slot the content loader's source unless it says otherwise", async () => {
    const quiz = await quizFixture();
    const plain = await db.quizSlot.create({ data: { quizId: quiz.id, key: "from-files", position: 0 }, select: { source: true } });
    const imported = await db.quizSlot.create({ data: { quizId: quiz.id, key: "import-q", position: 1, source: "IMPORT" }, select: { source: true } });
    expect([plain.source, imported.source]).toEqual(["CONTENT", "IMPORT"]);
  });

  it("records each submission key once", async () => {
    const quiz = await quizFixture();
    const [a, b] = [await createUser(), await createUser()];
    await db.attempt.create({ data: { quizId: quiz.id, userId: a.id, attemptNumber: 1, seed: 1, maxScore: 1, submissionKey: "key-1" } });
    await expect(
      db.attempt.create({ data: { quizId: quiz.id, userId: b.id, attemptNumber: 1, seed: 1, maxScore: 1, submissionKey: "key-1" } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
