// When the course files and the app disagree: the one rule the content loader, `content:check` and
// the export follow. Instructors edit questions and quizzes in the app; the files are edited too. The
// loader must never lose an app edit, and never silently drop a change made in the files.
//
// A question. Its state is its content (toVersionData(question).contentHash) with its topic and its
// category: those two live on the question, not on a version, so the editor changes a topic without a
// new version, and the rule must see that too (questionState). F = the state of the question in the
// files now; P = Question.fileHash, the state the files had at the last load (for a row loaded before
// that column existed: the app's state when its newest version came from the files, else unknown);
// A = the app's state (its newest version, its topic and category now).
//   - F = A: unchanged (fileHash = F).
//   - F = P: the files did not change it since the last load, so A is an app edit or an import: keep
//     it ("kept app edit").
//   - A ≠ P: the app changed it since the last load too: a CONFLICT. Keep the app's side, write
//     nothing for the question, report it with what differs.
//   - otherwise the file changed a question nobody edited in the app: a new version, the file's topic
//     and category (fileHash = F).
// The quiz. F = the hash of quiz.json's parsed content, P = Quiz.fileHash, and Quiz.editedAt (set by
// the quiz editor on every change, null once the loader has written the quiz from the file).
//   - F = the hash of the quiz as the app has it: in agreement (fileHash = F, editedAt = null).
//   - F = P: quiz.json did not change since the last load: the app's settings and slots stay.
//   - editedAt null: load quiz.json (its own CONTENT slots retire when they leave it; the editor's
//     and the importer's slots stay).
//   - editedAt set: a CONFLICT. Keep the app's quiz, report it.
// A conflict is resolved by `content:load -- --prefer files` (the file wins: a new version from the
// file, the quiz from quiz.json with editedAt cleared and the editor's slots not in it retired) or
// `--prefer app` (the app's side stays, and fileHash = F records the file's change as seen, so it is
// not reported again). Without a flag, the load writes everything else and keeps the app's side; a
// lecture with a conflict left keeps no folder hash, so the next load looks at it again instead of
// skipping it as unchanged.
import { createHash } from "node:crypto";
import type { VersionOrigin } from "../generated/prisma/enums";
import type { VersionData } from "../bank/version-data";
import type { QuizFile } from "./schemas";

export type Preference = "files" | "app";

/** What a load does with one question of the files. */
export type QuestionDecision =
  | "created" // not in the database yet
  | "unchanged" // the files and the newest version agree
  | "kept-app-edit" // the files did not change it; the app's newer version stays
  | "file-change" // the files changed it and nobody edited it in the app: a new version
  | "conflict"; // both changed it since the last load

export interface StoredVersionState {
  contentHash: string;
  origin: VersionOrigin;
}

/** A question's state as the rule compares it: content, topic and category. */
export function questionState(contentHash: string, topicKey: string | null | undefined, category: string | null | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify([contentHash, topicKey ?? "", category ?? ""]))
    .digest("hex");
}

/** P: what the files had at the last load, as well as it is known. */
export function lastFileHash(fileHash: string | null, latest: StoredVersionState | null, appState: string): string | null {
  if (fileHash !== null) return fileHash;
  return latest?.origin === "CONTENT" ? appState : null;
}

export function decideQuestion(
  fileState: string,
  stored: { fileHash: string | null; latest: StoredVersionState | null; appState: string } | null,
): QuestionDecision {
  if (!stored || !stored.latest) return stored ? "file-change" : "created";
  const previous = lastFileHash(stored.fileHash, stored.latest, stored.appState);
  if (fileState === stored.appState) return "unchanged";
  if (fileState === previous) return "kept-app-edit";
  if (stored.appState !== previous) return "conflict";
  return "file-change";
}

export type QuizDecision = "created" | "in-agreement" | "kept-app-edit" | "load" | "conflict";

export function decideQuiz(fileHash: string, stored: { fileHash: string | null; editedAt: Date | null; appHash: string } | null): QuizDecision {
  if (!stored) return "created";
  if (fileHash === stored.appHash) return "in-agreement";
  if (fileHash === stored.fileHash) return "kept-app-edit";
  return stored.editedAt === null ? "load" : "conflict";
}

// ─── the quiz's content, as the file and the app each have it ───

/** A quiz's settings and slots in one canonical shape (quiz.json's parsed form), whichever side it comes from. */
export type QuizContent = Omit<QuizFile, "slots"> & { slots: { key: string; variants: string[]; note: string; maxMark: number }[] };

export function quizContent(quiz: QuizContent): QuizContent {
  return {
    key: quiz.key,
    title: quiz.title,
    description: quiz.description,
    attemptsAllowed: quiz.attemptsAllowed,
    gradingPolicy: quiz.gradingPolicy,
    timeLimitMinutes: quiz.timeLimitMinutes,
    shuffleOptions: quiz.shuffleOptions,
    shuffleSlots: quiz.shuffleSlots,
    slots: quiz.slots.map((s) => ({ key: s.key, variants: [...s.variants], note: s.note, maxMark: s.maxMark })),
  };
}

export function quizHash(quiz: QuizContent): string {
  return createHash("sha256")
    .update(JSON.stringify(quizContent(quiz)))
    .digest("hex");
}

/** The app's time limit in quiz.json's minutes. */
export const minutesOf = (seconds: number | null): number | null => (seconds === null ? null : seconds / 60);

// ─── conflicts, in words ───

export interface ContentConflict {
  lecture: string;
  kind: "question" | "quiz";
  /** The question's id, or the quiz's key. */
  id: string;
  /** What differs between the file and the app's version, in words. */
  differences: string[];
}

/** The stored version's fields, as VersionData names them (without the hash). */
export type ComparableVersion = Omit<VersionData, "contentHash" | "data"> & { data: unknown };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const letter = (index: number) => String.fromCharCode(65 + (index % 26)) + (index >= 26 ? String(Math.floor(index / 26)) : "");

/** The fields a file's question and the app's version disagree on. */
export function questionDifferences(file: ComparableVersion, app: ComparableVersion): string[] {
  const out: string[] = [];
  if (file.type !== app.type) out.push(`the type (${file.type} in the file, ${app.type} in the app)`);
  if (file.name !== app.name) out.push("the name");
  if (file.stem !== app.stem) out.push("the question text");
  if (file.options.length !== app.options.length) out.push(`the number of options (${file.options.length} in the file, ${app.options.length} in the app)`);
  else
    file.options.forEach((o, i) => {
      const other = app.options[i]!;
      if (o.text !== other.text) out.push(`option ${letter(i)}'s text`);
      if (o.isCorrect !== other.isCorrect) out.push(`whether option ${letter(i)} is right`);
      if (o.fraction !== other.fraction) out.push(`option ${letter(i)}'s credit`);
      if (o.feedback !== other.feedback) out.push(`option ${letter(i)}'s feedback`);
    });
  const fileData = (file.data ?? {}) as Record<string, unknown>;
  const appData = (app.data ?? {}) as Record<string, unknown>;
  const dataWords: Record<string, string> = {
    answers: "the accepted answers",
    caseSensitive: "whether case matters",
    pairs: "the matching pairs",
    parts: "the gaps",
    idnumber: "the idnumber",
    format: "the text format",
  };
  for (const key of [...new Set([...Object.keys(fileData), ...Object.keys(appData)])]) {
    if (!same(fileData[key], appData[key])) out.push(dataWords[key] ?? `its ${key}`);
  }
  if (file.explanation !== app.explanation) out.push("the explanation");
  if (file.generalFeedback !== app.generalFeedback) out.push("the general feedback");
  if (file.sectionKey !== app.sectionKey) out.push(`the notes section (${file.sectionKey ?? "none"} in the file, ${app.sectionKey ?? "none"} in the app)`);
  if (file.maxMark !== app.maxMark) out.push(`the mark (${file.maxMark} in the file, ${app.maxMark} in the app)`);
  return out;
}

/** The settings and slots a quiz.json and the app's quiz disagree on. */
export function quizDifferences(file: QuizContent, app: QuizContent): string[] {
  const out: string[] = [];
  const settings: [keyof QuizContent, string][] = [
    ["title", "the title"],
    ["description", "the description"],
    ["attemptsAllowed", "the attempts allowed"],
    ["gradingPolicy", "the grading policy"],
    ["timeLimitMinutes", "the time limit"],
    ["shuffleOptions", "whether options are shuffled"],
    ["shuffleSlots", "whether questions are shuffled"],
  ];
  for (const [field, words] of settings)
    if (!same(file[field], app[field])) out.push(`${words} (${String(file[field])} in the file, ${String(app[field])} in the app)`);
  const appSlots = new Map(app.slots.map((s) => [s.key, s]));
  const fileKeys = new Set(file.slots.map((s) => s.key));
  const onlyFile = file.slots.filter((s) => !appSlots.has(s.key)).map((s) => s.key);
  const onlyApp = app.slots.filter((s) => !fileKeys.has(s.key)).map((s) => s.key);
  if (onlyFile.length) out.push(`slots only in the file: ${onlyFile.join(", ")}`);
  if (onlyApp.length) out.push(`slots only in the app: ${onlyApp.join(", ")}`);
  for (const slot of file.slots) {
    const other = appSlots.get(slot.key);
    if (!other) continue;
    if (!same(slot.variants, other.variants)) out.push(`slot ${slot.key}'s questions`);
    if (slot.note !== other.note) out.push(`slot ${slot.key}'s note`);
    if (slot.maxMark !== other.maxMark) out.push(`slot ${slot.key}'s mark (${slot.maxMark} in the file, ${other.maxMark} in the app)`);
  }
  const shared = (slots: QuizContent["slots"]) => slots.map((s) => s.key).filter((k) => fileKeys.has(k) && appSlots.has(k));
  if (!same(shared(file.slots), shared(app.slots))) out.push("the order of the slots");
  return out;
}

export function formatConflict(conflict: ContentConflict): string {
  const what = conflict.kind === "question" ? `question ${conflict.id}` : `quiz ${conflict.id}`;
  const differences = conflict.differences.length ? conflict.differences.join("; ") : "their content";
  return `${conflict.lecture}: ${what} was changed both in the files and in the app since the last load. They differ in ${differences}.`;
}

export const RESOLVE_HINT =
  "Resolve with `npm run content:load -- --prefer files` (the files win: a new version from the file, the quiz from quiz.json) " +
  "or `npm run content:load -- --prefer app` (the app's versions stay; `npm run content:export` then writes them to the files).";

export function describeConflicts(conflicts: readonly ContentConflict[]): string {
  return [
    `${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"} between the course files and the app (the app's side was kept):`,
    ...conflicts.map((c) => `  ${formatConflict(c)}`),
    RESOLVE_HINT,
  ].join("\n");
}
