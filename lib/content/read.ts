// Reads and validates the whole content tree from disk. Nothing touches the database until every file
// of every lecture is valid: a problem anywhere stops the load with all problems listed.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { ContentValidationError, type ContentProblem } from "./errors";
import { questionBankFile, type QuestionBankFile } from "../bank/schemas";
import { locateJsonPath, parseJsonFile } from "../json/file";
import { parseNotes, type NoteSectionSource } from "./notes";
import {
  courseFile,
  flashcardsFile,
  lectureFile,
  podcastFile,
  quizFile,
  type CourseFile,
  type FlashcardsFile,
  type LectureFile,
  type PodcastFile,
  type QuizFile,
} from "./schemas";

export interface LectureContent {
  folder: string;
  lecture: LectureFile;
  notesTitle: string | null;
  sections: NoteSectionSource[];
  bank: QuestionBankFile;
  quiz: QuizFile;
  flashcards: FlashcardsFile;
  podcast: PodcastFile | null;
  /** Hash of every file in the folder: an unchanged folder need not be written again. */
  contentHash: string;
}

export interface ContentTree {
  root: string;
  course: CourseFile;
  lectures: LectureContent[];
}

export const LECTURE_FILES = ["lecture.json", "notes.md", "questions.json", "quiz.json", "flashcards.json"] as const;

function read(root: string, relative: string, problems: ContentProblem[]): string | null {
  const full = path.join(root, relative);
  if (!existsSync(full)) {
    problems.push({ file: relative, message: "file is missing" });
    return null;
  }
  const buffer = readFileSync(full);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(buffer);
  if (text.includes("\uFFFD")) problems.push({ file: relative, message: "file is not valid UTF-8" });
  return text;
}

function readJson<S extends z.ZodType>(root: string, relative: string, schema: S, problems: ContentProblem[]): { value?: z.output<S>; text: string } {
  const text = read(root, relative, problems);
  if (text === null) return { text: "" };
  const result = parseJsonFile(text, relative, schema);
  problems.push(...result.problems);
  return { value: result.value, text };
}

function readLecture(root: string, folder: string, problems: ContentProblem[]): LectureContent | null {
  const rel = (name: string) => path.posix.join("lectures", folder, name);
  const before = problems.length;
  const lecture = readJson(root, rel("lecture.json"), lectureFile, problems);
  const notesText = read(root, rel("notes.md"), problems);
  const notes = notesText === null ? null : parseNotes(notesText, rel("notes.md"));
  if (notes) problems.push(...notes.problems);
  const bank = readJson(root, rel("questions.json"), questionBankFile, problems);
  const quiz = readJson(root, rel("quiz.json"), quizFile, problems);
  const flashcards = readJson(root, rel("flashcards.json"), flashcardsFile, problems);
  const podcast = existsSync(path.join(root, rel("podcast.json"))) ? readJson(root, rel("podcast.json"), podcastFile, problems) : null;
  if (problems.length > before || !lecture.value || !notes || !bank.value || !quiz.value || !flashcards.value || (podcast && !podcast.value)) return null;

  // Cross-file references: every section, topic, question and host named must exist.
  const sectionKeys = new Set(notes.sections.map((s) => s.key));
  const topicKeys = new Set(lecture.value.topics.map((t) => t.key));
  const refProblem = (file: string, text: string, jsonPath: (string | number)[], message: string) =>
    problems.push({
      file,
      ...locateJsonPath(text, jsonPath),
      path: jsonPath
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
        .join("")
        .replace(/^\./, ""),
      message,
    });

  const seenTopics = new Set<string>();
  lecture.value.topics.forEach((topic, i) => {
    if (seenTopics.has(topic.key)) refProblem(rel("lecture.json"), lecture.text, ["topics", i, "key"], `duplicate topic "${topic.key}"`);
    seenTopics.add(topic.key);
  });
  bank.value.questions.forEach((q, i) => {
    if (q.section && !sectionKeys.has(q.section))
      refProblem(rel("questions.json"), bank.text, ["questions", i, "section"], `no section "${q.section}" in notes.md`);
    if (q.topic && !topicKeys.has(q.topic)) refProblem(rel("questions.json"), bank.text, ["questions", i, "topic"], `no topic "${q.topic}" in lecture.json`);
  });
  const questionIds = new Set(bank.value.questions.map((q) => q.id));
  quiz.value.slots.forEach((slot, s) =>
    slot.variants.forEach((id, v) => {
      if (!questionIds.has(id)) refProblem(rel("quiz.json"), quiz.text, ["slots", s, "variants", v], `no question "${id}" in questions.json`);
    }),
  );
  flashcards.value.cards.forEach((card, i) => {
    if (card.section && !sectionKeys.has(card.section))
      refProblem(rel("flashcards.json"), flashcards.text, ["cards", i, "section"], `no section "${card.section}" in notes.md`);
    if (card.topic && !topicKeys.has(card.topic))
      refProblem(rel("flashcards.json"), flashcards.text, ["cards", i, "topic"], `no topic "${card.topic}" in lecture.json`);
  });
  if (podcast?.value) {
    const hosts = new Set(podcast.value.hosts.map((h) => h.id));
    const chapters = new Set(podcast.value.chapters.map((c) => c.key));
    podcast.value.chapters.forEach((chapter, i) => {
      if (chapter.section && !sectionKeys.has(chapter.section))
        refProblem(rel("podcast.json"), podcast.text, ["chapters", i, "section"], `no section "${chapter.section}" in notes.md`);
    });
    podcast.value.lines.forEach((line, i) => {
      if (!hosts.has(line.host)) refProblem(rel("podcast.json"), podcast.text, ["lines", i, "host"], `no host "${line.host}"`);
      if (!chapters.has(line.chapter)) refProblem(rel("podcast.json"), podcast.text, ["lines", i, "chapter"], `no chapter "${line.chapter}"`);
    });
  }
  if (problems.length > before) return null;

  const hash = createHash("sha256");
  for (const name of [...LECTURE_FILES, "podcast.json"]) {
    const full = path.join(root, rel(name));
    if (existsSync(full)) hash.update(name).update("\0").update(readFileSync(full)).update("\0");
  }
  return {
    folder,
    lecture: lecture.value,
    notesTitle: notes.title,
    sections: notes.sections,
    bank: bank.value,
    quiz: quiz.value,
    flashcards: flashcards.value,
    podcast: podcast?.value ?? null,
    contentHash: hash.digest("hex"),
  };
}

/** Reads every lecture folder under `root`/lectures. Throws ContentValidationError listing all problems. */
export function readContentTree(root: string): ContentTree {
  const problems: ContentProblem[] = [];
  const course = readJson(root, "course.json", courseFile, problems);
  const lecturesDir = path.join(root, "lectures");
  const folders = existsSync(lecturesDir)
    ? readdirSync(lecturesDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lectures = folders.map((folder) => readLecture(root, folder, problems)).filter((l): l is LectureContent => l !== null);

  // Across lectures: slugs, numbers, quiz keys, question ids and flashcard ids are global keys.
  const claim = (kind: string, seen: Map<string, string>, keyValue: string, folder: string, file: string) => {
    const other = seen.get(keyValue);
    if (other) problems.push({ file: `lectures/${folder}/${file}`, message: `${kind} "${keyValue}" is also used by lectures/${other}` });
    else seen.set(keyValue, folder);
  };
  const slugs = new Map<string, string>();
  const numbers = new Map<string, string>();
  const quizzes = new Map<string, string>();
  const questions = new Map<string, string>();
  const cards = new Map<string, string>();
  for (const l of lectures) {
    claim("lecture slug", slugs, l.lecture.slug, l.folder, "lecture.json");
    claim("lecture number", numbers, String(l.lecture.number), l.folder, "lecture.json");
    claim("quiz key", quizzes, l.quiz.key, l.folder, "quiz.json");
    for (const q of l.bank.questions) claim("question id", questions, q.id, l.folder, "questions.json");
    for (const c of l.flashcards.cards) claim("flashcard id", cards, c.id, l.folder, "flashcards.json");
  }
  if (problems.length > 0 || !course.value) throw new ContentValidationError(problems);
  return { root, course: course.value, lectures };
}
