// Writes the app's current bank and quiz back to the course files (`npm run content:export`): each
// lecture's questions.json holds the newest version of every question of the lecture (the files'
// ones in the files' order, then those imported or written in the app), and quiz.json the quiz's
// settings and live slots as the app has them. A question the app did not change is written as the
// file has it, so an export changes only what the app changed, and exporting again writes the same
// bytes. After an export the files and the app agree: the next load changes nothing and records the
// exported hashes (conflicts.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db, DbTransaction } from "../db-client";
import { toBankJson } from "../bank/formats/json";
import type { BankQuestion } from "../bank/schemas";
import type { KeyedQuestion } from "../bank/types";
import { fromVersionData, toVersionData } from "../bank/version-data";
import type { QuizContent } from "./conflicts";
import { readContentTree, type LectureContent } from "./read";
import { readAppQuiz, readLectureQuestions, readStoredQuestions, type StoredQuestion } from "./stored";

export interface LectureExport {
  slug: string;
  folder: string;
  /** Questions written, and how many of them the files did not have. */
  questions: number;
  added: number;
  /** Which files the export changed. */
  changed: string[];
  /** The lecture is not in the database: nothing was written. */
  missing: boolean;
}

type RawQuestion = Record<string, unknown> & { id: string };
type RawQuiz = Record<string, unknown> & { slots?: Record<string, unknown>[] };

/** How a question's fields are ordered when the file gives no order: as the course's own files have them. */
const QUESTION_KEY_ORDER = [
  "id",
  "type",
  "name",
  "stem",
  "options",
  "answer",
  "feedbackTrue",
  "feedbackFalse",
  "caseSensitive",
  "answers",
  "pairs",
  "parts",
  "explanation",
  "generalFeedback",
  "section",
  "topic",
  "category",
  "maxMark",
  "origin",
  "idnumber",
  "format",
  "lecture",
  "files",
];

function ordered(value: Record<string, unknown>, ...orders: string[][]): Record<string, unknown> {
  const keys = [...new Set([...orders.flat(), ...Object.keys(value)])].filter((k) => value[k] !== undefined);
  return Object.fromEntries(keys.map((k) => [k, value[k]]));
}

/** A stored question's newest version in the files' JSON, keeping what only the file knows (its origin, its key order, defaults it leaves out). */
function contentQuestion(stored: StoredQuestion, slug: string, raw: RawQuestion | undefined): Record<string, unknown> {
  const question = fromVersionData(
    { externalKey: stored.externalKey, category: stored.category, topic: stored.topicKey ? { key: stored.topicKey } : null, version: stored.latest!.fields },
    slug,
  ) as Record<string, unknown>;
  // Credits that are the defaults anyway are left out, as the files write them.
  if (Array.isArray(question.options)) {
    const options = question.options as { fraction?: number }[];
    const bare = options.map((option) => Object.fromEntries(Object.entries(option).filter(([key]) => key !== "fraction")));
    const defaults = toVersionData({ ...question, options: bare } as unknown as BankQuestion).options;
    if (options.every((o, i) => o.fraction === defaults[i]?.fraction)) question.options = bare;
  }
  const spelled = (key: string) => raw !== undefined && key in raw;
  if (!spelled("lecture")) delete question.lecture; // the folder says which lecture
  question.origin = raw?.origin ?? (stored.latest!.origin === "IMPORT" ? "imported" : "authored");
  if (question.origin === "authored" && !spelled("origin")) delete question.origin;
  if (question.maxMark === 1 && !spelled("maxMark")) delete question.maxMark;
  if (question.explanation === "" && !spelled("explanation")) delete question.explanation;
  return ordered(question, raw ? Object.keys(raw) : [], QUESTION_KEY_ORDER);
}

/** Whether the file's question already says what the app's newest version says. */
function agrees(question: BankQuestion, stored: StoredQuestion): boolean {
  return (
    stored.latest !== null &&
    toVersionData(question).contentHash === stored.latest.contentHash &&
    (question.topic ?? null) === stored.topicKey &&
    (question.category ?? "") === stored.category
  );
}

const QUIZ_DEFAULTS: Partial<Record<keyof QuizContent, unknown>> = {
  description: "",
  attemptsAllowed: null,
  gradingPolicy: "BEST",
  timeLimitMinutes: null,
  shuffleOptions: true,
  shuffleSlots: false,
};

/** The app's quiz as quiz.json, leaving out defaults the file did not spell out. */
function contentQuiz(app: QuizContent, raw: RawQuiz): Record<string, unknown> {
  const keep = (value: unknown, fallback: unknown, spelled: boolean) => (spelled || JSON.stringify(value) !== JSON.stringify(fallback) ? value : undefined);
  const rawSlots = new Map((raw.slots ?? []).map((s) => [s.key, s]));
  const quiz: Record<string, unknown> = { key: app.key, title: app.title };
  for (const [field, fallback] of Object.entries(QUIZ_DEFAULTS)) quiz[field] = keep(app[field as keyof QuizContent], fallback, field in raw);
  quiz.slots = app.slots.map((slot) => {
    const before = rawSlots.get(slot.key) ?? {};
    return ordered({
      key: slot.key,
      variants: slot.variants,
      note: keep(slot.note, "", "note" in before),
      maxMark: keep(slot.maxMark, 1, "maxMark" in before),
    });
  });
  return ordered(quiz);
}

/** Writes the file unless it already holds the same JSON (however it is laid out: a file nobody changed keeps its author's formatting). */
function writeIfChanged(file: string, text: string): boolean {
  const before = readFileSync(file, "utf8");
  if (before === text || JSON.stringify(JSON.parse(before)) === JSON.stringify(JSON.parse(text))) return false;
  writeFileSync(file, text);
  return true;
}

async function exportLecture(db: DbTransaction, root: string, content: LectureContent): Promise<LectureExport> {
  const slug = content.lecture.slug;
  const folder = path.join(root, "lectures", content.folder);
  const result: LectureExport = { slug, folder: content.folder, questions: 0, added: 0, changed: [], missing: false };
  const lecture = await db.lecture.findUnique({ where: { slug }, select: { id: true } });
  if (!lecture) return { ...result, missing: true };

  const questionsFile = path.join(folder, "questions.json");
  const rawBank = JSON.parse(readFileSync(questionsFile, "utf8")) as { questions: RawQuestion[] };
  const raw = new Map(rawBank.questions.map((q) => [q.id, q]));
  const stored = new Map((await readLectureQuestions(db, lecture.id)).map((q) => [q.externalKey, q]));
  // A file question the lecture no longer has was moved to another lecture in the app (it is written
  // there), unless the database has never heard of it: then it is a new question of the files, kept.
  const elsewhere = await readStoredQuestions(
    db,
    content.bank.questions.filter((q) => !stored.has(q.id)).map((q) => q.id),
  );
  const questions: Record<string, unknown>[] = [];
  for (const question of content.bank.questions) {
    const app = stored.get(question.id);
    if (!app) {
      if (!elsewhere.has(question.id)) questions.push(raw.get(question.id)!);
      continue;
    }
    questions.push(agrees(question, app) || !app.latest ? raw.get(question.id)! : contentQuestion(app, slug, raw.get(question.id)));
  }
  const inFile = new Set(content.bank.questions.map((q) => q.id));
  for (const app of stored.values()) {
    if (inFile.has(app.externalKey) || !app.latest) continue;
    questions.push(contentQuestion(app, slug, undefined));
    result.added += 1;
  }
  result.questions = questions.length;
  if (writeIfChanged(questionsFile, toBankJson(questions as unknown as KeyedQuestion[]))) result.changed.push("questions.json");

  const quizFile = path.join(folder, "quiz.json");
  const app = await readAppQuiz(db, content.quiz.key);
  if (app) {
    const rawQuiz = JSON.parse(readFileSync(quizFile, "utf8")) as RawQuiz;
    if (writeIfChanged(quizFile, `${JSON.stringify(contentQuiz(app.content, rawQuiz), null, 2)}\n`)) result.changed.push("quiz.json");
  }
  return result;
}

/**
 * Exports every lecture of the content tree under `root` (or only `lecture`, by slug) from the
 * database to its files. The files must be valid first (their order and what only they know are kept).
 */
export async function exportContent(db: Db, root: string, options: { lecture?: string } = {}): Promise<LectureExport[]> {
  const tree = readContentTree(root);
  const lectures = options.lecture ? tree.lectures.filter((l) => l.lecture.slug === options.lecture) : tree.lectures;
  if (options.lecture && lectures.length === 0)
    throw new Error(`No lecture "${options.lecture}" in ${root} (lectures: ${tree.lectures.map((l) => l.lecture.slug).join(", ")}).`);
  // Read in one snapshot, so each lecture's bank and quiz are exported as of the same moment.
  return db.$transaction(
    async (tx) => {
      const exported: LectureExport[] = [];
      for (const lecture of lectures) exported.push(await exportLecture(tx, root, lecture));
      return exported;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export function describeExport(exports: readonly LectureExport[]): string {
  return exports
    .map((e) =>
      e.missing
        ? `  ${e.slug}: not in the database, nothing written`
        : `  ${e.slug}: ${e.questions} questions (${e.added} from the app), ${e.changed.length ? `wrote ${e.changed.join(" and ")}` : "files already up to date"}`,
    )
    .join("\n");
}
