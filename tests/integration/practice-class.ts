// A simulated class on Lecture 1's quiz, for the personal practice tests: 300 students take the quiz
// once, answering from a Rasch model with known difficulties, and scripted students whose one
// attempt has two topics all wrong and the rest all right. Written straight into the database (as
// the bench's simulated class is), with seeded draws, so every number is the same on every run.
import path from "node:path";
import type { SessionUser } from "@/lib/auth/roles";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { successProbability } from "@/lib/practice/personal/select";
import { seededRandom } from "@/lib/random";
import { createUser } from "./helpers";

export const SLUG = "ml-systems-and-data-engineering";
/** The scripted students' two weak topics: every question of them wrong in their attempt. */
export const WEAK = ["data-models", "storage-and-processing"];
const CLASS_SIZE = 300;
/** How much harder (logits) the weak topics' questions are than the bank's mean. */
const WEAK_SHIFT = 0.5;

export interface SimulatedClass {
  lectureId: string;
  quizId: string;
  /** The difficulty each question really has (logits, mean 0): what the simulated answers follow. */
  trueDifficulty: Map<string, number>;
  topicOf: Map<string, string>;
  /** A new student whose only attempt (its variants drawn with `seed`) has every question of WEAK wrong and every other right. */
  scriptedStudent(seed: number): Promise<SessionUser>;
}

interface SlotShape {
  id: string;
  maxMark: number;
  variants: { questionId: string; versionId: string; topic: string; keys: string[]; right: string[] }[];
}

let lectureId = "";
let quizId = "";
let slots: SlotShape[] = [];
const trueDifficulty = new Map<string, number>();
const topicOf = new Map<string, string>();

/** Writes one submitted first attempt per student: a variant per slot drawn with `random`, right when `right(question)` says. */
async function writeAttempts(students: { id: string; right: (questionId: string) => boolean }[], random: () => number) {
  const submittedAt = new Date(Date.now() - 86_400_000);
  const maxScore = slots.reduce((s, slot) => s + slot.maxMark, 0);
  const attempts: {
    id: string;
    quizId: string;
    userId: string;
    attemptNumber: number;
    status: "SUBMITTED";
    seed: number;
    startedAt: Date;
    submittedAt: Date;
    score: number;
    maxScore: number;
  }[] = [];
  const responses: object[] = [];
  for (const student of students) {
    const attemptId = `${student.id}a1`;
    let score = 0;
    slots.forEach((slot, position) => {
      const variant = slot.variants[Math.floor(random() * slot.variants.length)]!;
      const right = student.right(variant.questionId);
      const wrongKey = variant.keys.find((k) => !variant.right.includes(k))!;
      score += right ? slot.maxMark : 0;
      responses.push({
        id: `${attemptId}r${position}`,
        attemptId,
        slotId: slot.id,
        questionVersionId: variant.versionId,
        position,
        optionOrder: variant.keys,
        chosenOptionKeys: right ? variant.right : [wrongKey],
        isCorrect: right,
        mark: right ? slot.maxMark : 0,
        maxMark: slot.maxMark,
        savedAt: submittedAt,
        saveSeq: 1n,
      });
    });
    attempts.push({
      id: attemptId,
      quizId,
      userId: student.id,
      attemptNumber: 1,
      status: "SUBMITTED",
      seed: 1,
      startedAt: submittedAt,
      submittedAt,
      score,
      maxScore,
    });
  }
  await db.attempt.createMany({ data: attempts });
  await db.response.createMany({ data: responses as never });
}

async function scriptedStudent(seed: number): Promise<SessionUser> {
  const student = await createUser();
  await writeAttempts([{ id: student.id, right: (q) => !WEAK.includes(topicOf.get(q)!) }], seededRandom(seed));
  return student;
}

export async function prepareSimulatedClass(): Promise<SimulatedClass> {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../../content")));
  const quiz = await db.quiz.findUniqueOrThrow({ where: { key: "l01-quiz" }, select: { id: true, lectureId: true } });
  [quizId, lectureId] = [quiz.id, quiz.lectureId];
  const rows = await db.quizSlot.findMany({
    where: { quizId, retiredAt: null },
    orderBy: { position: "asc" },
    select: {
      id: true,
      maxMark: true,
      variants: {
        orderBy: { position: "asc" },
        select: {
          question: {
            select: {
              id: true,
              topic: { select: { key: true } },
              versions: {
                orderBy: { version: "desc" },
                take: 1,
                select: { id: true, options: { orderBy: { position: "asc" }, select: { key: true, isCorrect: true } } },
              },
            },
          },
        },
      },
    },
  });
  slots = rows.map((slot) => ({
    id: slot.id,
    maxMark: slot.maxMark,
    variants: slot.variants.map(({ question }) => ({
      questionId: question.id,
      versionId: question.versions[0]!.id,
      topic: question.topic!.key,
      keys: question.versions[0]!.options.map((o) => o.key),
      right: question.versions[0]!.options.filter((o) => o.isCorrect).map((o) => o.key),
    })),
  }));
  // True difficulties: each topic's questions evenly spread over 4 logits in a scrambled order, so
  // that every topic has easy and hard questions; the student's weak topics are the harder ones (by
  // half a logit; the others a little easier, so that the bank's mean stays 0).
  const questions = await db.question.findMany({
    where: { lectureId },
    orderBy: { externalKey: "asc" },
    select: { id: true, topic: { select: { key: true } } },
  });
  const byTopic = new Map<string, typeof questions>();
  const weakCount = questions.filter((q) => WEAK.includes(q.topic!.key)).length;
  for (const q of questions) byTopic.set(q.topic!.key, [...(byTopic.get(q.topic!.key) ?? []), q]);
  for (const [topic, list] of byTopic) {
    list.forEach((q, k) => {
      const spread = list.length === 1 ? 0 : -2 + (4 * ((k * 7) % list.length)) / (list.length - 1);
      trueDifficulty.set(q.id, spread + (WEAK.includes(topic) ? WEAK_SHIFT : -WEAK_SHIFT * (weakCount / (questions.length - weakCount))));
      topicOf.set(q.id, topic);
    });
  }
  // The class: abilities normal around 0.8, each student answering right with the Rasch probability.
  const random = seededRandom(20261202);
  const classmates = Array.from({ length: CLASS_SIZE }, (_, i) => ({
    id: `simstudent${i}`,
    theta: 0.8 + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
  }));
  await db.user.createMany({
    data: classmates.map((c) => ({ id: c.id, email: `${c.id}@example.com`, name: `Simulated ${c.id}`, passwordHash: "not-a-password-hash" })),
  });
  await writeAttempts(
    classmates.map((c) => ({ id: c.id, right: (q: string) => random() < successProbability(c.theta, trueDifficulty.get(q)!) })),
    random,
  );
  return { lectureId, quizId, trueDifficulty, topicOf, scriptedStudent };
}
