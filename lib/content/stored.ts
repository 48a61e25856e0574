// What the database holds for the course files' questions and quizzes: each question's newest
// version and file hash, and each quiz as the app has it (in quiz.json's shape). Read by the loader
// (inside its transaction), by `content:check` and by the export, so all three see the same thing.
import { versionContentSelect } from "../bank/version-data";
import type { DbTransaction } from "../db-client";
import { minutesOf, quizContent, quizHash, type ComparableVersion, type QuizContent, type StoredVersionState } from "./conflicts";

const latestVersionSelect = {
  orderBy: { version: "desc" },
  take: 1,
  select: {
    ...versionContentSelect,
    contentHash: true,
    origin: true,
    options: { orderBy: { position: "asc" }, select: { ...versionContentSelect.options.select, key: true, position: true } },
  },
} as const;

export interface StoredQuestion {
  id: string;
  externalKey: string;
  lectureId: string | null;
  category: string;
  topicKey: string | null;
  fileHash: string | null;
  createdAt: Date;
  latest: (StoredVersionState & { fields: ComparableVersion }) | null;
}

const questionSelect = {
  id: true,
  externalKey: true,
  lectureId: true,
  category: true,
  fileHash: true,
  createdAt: true,
  topic: { select: { key: true } },
  versions: latestVersionSelect,
} as const;

type QuestionRow = {
  id: string;
  externalKey: string;
  lectureId: string | null;
  category: string;
  fileHash: string | null;
  createdAt: Date;
  topic: { key: string } | null;
  versions: {
    type: ComparableVersion["type"];
    name: string;
    stem: string;
    explanation: string;
    generalFeedback: string;
    sectionKey: string | null;
    maxMark: number;
    data: unknown;
    contentHash: string;
    origin: StoredVersionState["origin"];
    options: ComparableVersion["options"];
  }[];
};

function toStored(row: QuestionRow): StoredQuestion {
  const version = row.versions[0];
  return {
    id: row.id,
    externalKey: row.externalKey,
    lectureId: row.lectureId,
    category: row.category,
    topicKey: row.topic?.key ?? null,
    fileHash: row.fileHash,
    createdAt: row.createdAt,
    latest: version
      ? {
          contentHash: version.contentHash,
          origin: version.origin,
          fields: {
            type: version.type,
            name: version.name,
            stem: version.stem,
            explanation: version.explanation,
            generalFeedback: version.generalFeedback,
            sectionKey: version.sectionKey,
            maxMark: version.maxMark,
            data: version.data,
            options: version.options,
          },
        }
      : null,
  };
}

/** The questions with these ids (external keys), by id. */
export async function readStoredQuestions(tx: DbTransaction, externalKeys: readonly string[]): Promise<Map<string, StoredQuestion>> {
  const rows = await tx.question.findMany({ where: { externalKey: { in: [...externalKeys] } }, select: questionSelect });
  return new Map(rows.map((row) => [row.externalKey, toStored(row as QuestionRow)]));
}

/** Every question of a lecture (the files' and those imported or written in the app), oldest first. */
export async function readLectureQuestions(tx: DbTransaction, lectureId: string): Promise<StoredQuestion[]> {
  const rows = await tx.question.findMany({ where: { lectureId }, orderBy: [{ createdAt: "asc" }, { externalKey: "asc" }], select: questionSelect });
  return rows.map((row) => toStored(row as QuestionRow));
}

export interface AppQuiz {
  id: string;
  lectureId: string;
  fileHash: string | null;
  editedAt: Date | null;
  content: QuizContent;
  /** quizHash(content): what quiz.json's hash is when the file says what the app has. */
  appHash: string;
}

/** A quiz as the app has it: its settings and live slots in order, each slot's variants by question id. */
export async function readAppQuiz(tx: DbTransaction, key: string): Promise<AppQuiz | null> {
  const quiz = await tx.quiz.findUnique({
    where: { key },
    select: {
      id: true,
      lectureId: true,
      key: true,
      title: true,
      description: true,
      attemptsAllowed: true,
      gradingPolicy: true,
      timeLimitSeconds: true,
      shuffleOptions: true,
      shuffleSlots: true,
      fileHash: true,
      editedAt: true,
      slots: {
        where: { retiredAt: null },
        orderBy: [{ position: "asc" }, { key: "asc" }],
        select: {
          key: true,
          note: true,
          maxMark: true,
          variants: { orderBy: [{ position: "asc" }, { question: { externalKey: "asc" } }], select: { question: { select: { externalKey: true } } } },
        },
      },
    },
  });
  if (!quiz) return null;
  const content = quizContent({
    key: quiz.key,
    title: quiz.title,
    description: quiz.description,
    attemptsAllowed: quiz.attemptsAllowed,
    gradingPolicy: quiz.gradingPolicy,
    timeLimitMinutes: minutesOf(quiz.timeLimitSeconds),
    shuffleOptions: quiz.shuffleOptions,
    shuffleSlots: quiz.shuffleSlots,
    slots: quiz.slots.map((s) => ({ key: s.key, note: s.note, maxMark: s.maxMark, variants: s.variants.map((v) => v.question.externalKey) })),
  });
  return { id: quiz.id, lectureId: quiz.lectureId, fileHash: quiz.fileHash, editedAt: quiz.editedAt, content, appHash: quizHash(content) };
}
