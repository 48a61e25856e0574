// Decides, for one lecture folder, what a load does with each question and with the quiz, by the rule
// in conflicts.ts, from what the database holds now. The loader runs it inside its transaction;
// `content:check` runs it read-only to report the conflicts a load would meet.
import type { Db, DbTransaction } from "../db-client";
import { toVersionData, type VersionData } from "../bank/version-data";
import type { BankQuestion } from "../bank/schemas";
import {
  decideQuestion,
  questionState,
  decideQuiz,
  questionDifferences,
  quizContent,
  quizDifferences,
  quizHash,
  type ContentConflict,
  type QuestionDecision,
  type QuizContent,
  type QuizDecision,
} from "./conflicts";
import type { LectureContent } from "./read";
import { readAppQuiz, readStoredQuestions, type AppQuiz, type StoredQuestion } from "./stored";

export interface QuestionPlan {
  question: BankQuestion;
  version: VersionData;
  /** The question's state in the files (content, topic, category): Question.fileHash once loaded. */
  fileState: string;
  stored: StoredQuestion | null;
  decision: QuestionDecision;
}

export interface LecturePlan {
  questions: QuestionPlan[];
  quiz: { content: QuizContent; fileHash: string; stored: AppQuiz | null; decision: QuizDecision };
  conflicts: ContentConflict[];
}

/** The quiz.json's parsed content in the canonical shape, and its hash (Quiz.fileHash). */
export function fileQuiz(content: LectureContent): { content: QuizContent; fileHash: string } {
  const quiz = quizContent(content.quiz);
  return { content: quiz, fileHash: quizHash(quiz) };
}

export async function planLecture(tx: DbTransaction, content: LectureContent): Promise<LecturePlan> {
  const slug = content.lecture.slug;
  const stored = await readStoredQuestions(
    tx,
    content.bank.questions.map((q) => q.id),
  );
  const conflicts: ContentConflict[] = [];
  const questions = content.bank.questions.map((question): QuestionPlan => {
    const version = toVersionData(question);
    const row = stored.get(question.id) ?? null;
    const fileState = questionState(version.contentHash, question.topic, question.category);
    const appState = row?.latest ? questionState(row.latest.contentHash, row.topicKey, row.category) : "";
    const decision = decideQuestion(fileState, row && { fileHash: row.fileHash, latest: row.latest, appState });
    if (decision === "conflict" && row?.latest) {
      const differences = questionDifferences(version, row.latest.fields);
      if ((question.topic ?? null) !== row.topicKey) differences.push("the topic");
      if ((question.category ?? "") !== row.category) differences.push("the category");
      conflicts.push({ lecture: slug, kind: "question", id: question.id, differences });
    }
    return { question, version, fileState, stored: row, decision };
  });

  const file = fileQuiz(content);
  const app = await readAppQuiz(tx, content.quiz.key);
  const decision = decideQuiz(file.fileHash, app);
  if (decision === "conflict" && app)
    conflicts.push({ lecture: slug, kind: "quiz", id: content.quiz.key, differences: quizDifferences(file.content, app.content) });
  return { questions, quiz: { ...file, stored: app, decision }, conflicts };
}

/** The conflicts a load of `lectures` would meet, read-only (`content:check`). */
export async function findContentConflicts(db: Db, lectures: readonly LectureContent[]): Promise<ContentConflict[]> {
  // One snapshot, as the load sees it.
  return db.$transaction(
    async (tx) => {
      const conflicts: ContentConflict[] = [];
      for (const lecture of lectures) conflicts.push(...(await planLecture(tx, lecture)).conflicts);
      return conflicts;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
