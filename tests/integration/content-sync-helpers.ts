// Shared by the content conflict and export tests: a fresh copy of the fixture content per test, an
// empty course in the database, edits as the app's editors write them, and the content script run
// as a child process.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { upsertQuestionVersion } from "@/lib/bank/internal/versioning";
import type { BankQuestion } from "@/lib/bank/schemas";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const fixture = path.resolve(import.meta.dirname, "../fixtures/content");
export const temp = mkdtempSync(path.join(os.tmpdir(), "content-sync-"));
let copies = 0;

/** A copy of the fixture content to change, and the database emptied of every course, question and user. */
export async function freshContent(): Promise<string> {
  await db.$executeRawUnsafe('TRUNCATE TABLE "courses", "questions", "users" CASCADE');
  copies += 1;
  const root = path.join(temp, `content-${copies}`);
  cpSync(fixture, root, { recursive: true });
  return root;
}

export const alphaFile = (root: string, name: string) => path.join(root, "lectures/01-alpha", name);

export function rewrite(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  writeFileSync(file, text.replace(from, to));
}

/** The question as the files have it now. */
export function fileQuestion(root: string, id: string): BankQuestion {
  const question = readContentTree(root)
    .lectures.flatMap((l) => l.bank.questions)
    .find((q) => q.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return question;
}

/** What the question editor writes: a new version with origin EDITOR, by an instructor. */
export async function editInApp(question: BankQuestion, origin: "EDITOR" | "IMPORT" = "EDITOR"): Promise<void> {
  const author = await db.user.create({
    data: { email: `editor-${Date.now()}-${Math.random()}@example.com`, name: "Editor", role: "INSTRUCTOR", passwordHash: "x" },
  });
  const lecture = await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" }, select: { id: true } });
  const topic = question.topic ? await db.topic.findFirst({ where: { key: question.topic }, select: { id: true } }) : null;
  await db.$transaction((tx) => upsertQuestionVersion(tx, question, { lectureId: lecture.id, topicId: topic?.id ?? null }, { origin, createdById: author.id }));
}

/** What the quiz editor writes: its changes and Quiz.editedAt = now. */
export async function editQuizInApp(key: string, data: { title?: string; attemptsAllowed?: number | null; timeLimitSeconds?: number | null }): Promise<void> {
  await db.quiz.update({ where: { key }, data: { ...data, editedAt: new Date() } });
}

/** A slot added by the quiz editor (source EDITOR), after the quiz's last one. */
export async function addSlotInApp(quizKey: string, slotKey: string, questionIds: string[], source: "EDITOR" | "IMPORT" = "EDITOR"): Promise<void> {
  const quiz = await db.quiz.findUniqueOrThrow({ where: { key: quizKey }, select: { id: true, slots: { select: { position: true } } } });
  const questions = await db.question.findMany({ where: { externalKey: { in: questionIds } }, select: { id: true, externalKey: true } });
  await db.quizSlot.create({
    data: {
      quizId: quiz.id,
      key: slotKey,
      source,
      position: Math.max(-1, ...quiz.slots.map((s) => s.position)) + 1,
      note: "Added in the app.",
      variants: { create: questionIds.map((id, position) => ({ questionId: questions.find((q) => q.externalKey === id)!.id, position })) },
    },
  });
  if (source === "EDITOR") await db.quiz.update({ where: { id: quiz.id }, data: { editedAt: new Date() } });
}

export async function latestVersion(externalKey: string) {
  const question = await db.question.findUniqueOrThrow({
    where: { externalKey },
    select: {
      fileHash: true,
      latestVersion: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, stem: true, origin: true, contentHash: true } },
      _count: { select: { versions: true } },
    },
  });
  return { fileHash: question.fileHash, versions: question._count.versions, ...question.versions[0]! };
}

/** Runs `tsx scripts/content.ts <args>` (or another script) against this file's database and `root`. */
export function runScript(
  args: string[],
  root: string,
  env: Record<string, string | undefined> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(path.join(projectRoot, "node_modules/.bin/tsx"), args, {
    cwd: projectRoot,
    env: { ...process.env, CONTENT_DIR: root, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
