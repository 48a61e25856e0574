import "server-only";
// What the quiz editor shows: the quiz's settings, its live slots in order with their variants, and
// the lecture's bank questions that can be added. Staff only. The writes are in settings.ts and slots.ts.
import { assertRole, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { plainText, versionFormat } from "../../bank/rich-text/format";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { QuestionType } from "../../generated/prisma/enums";

const LABEL_LENGTH = 140;

const questionSelect = {
  id: true,
  externalKey: true,
  latestVersion: true,
  versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, type: true, name: true, stem: true, data: true } },
} as const satisfies Prisma.QuestionSelect;

type QuestionRow = Prisma.QuestionGetPayload<{ select: typeof questionSelect }>;

/** A question as the editor lists it: its name, or its stem as plain words (no HTML tags), shortened. */
export interface EditorQuestion {
  questionId: string;
  externalKey: string;
  label: string;
  type: QuestionType;
  version: number;
}

function editorQuestion(question: QuestionRow): EditorQuestion {
  const newest = question.versions[0];
  const words = newest ? newest.name.trim() || plainText(versionFormat(newest.data))(newest.stem).replace(/\s+/g, " ").trim() : "";
  return {
    questionId: question.id,
    externalKey: question.externalKey,
    label: words.length > LABEL_LENGTH ? `${words.slice(0, LABEL_LENGTH - 1)}…` : words || question.externalKey,
    type: newest?.type ?? "SINGLE_CHOICE", // every question has a version; the fallback only satisfies the type
    version: newest?.version ?? question.latestVersion,
  };
}

const editorQuizSelect = {
  id: true,
  key: true,
  title: true,
  attemptsAllowed: true,
  gradingPolicy: true,
  timeLimitSeconds: true,
  shuffleOptions: true,
  shuffleSlots: true,
  opensAt: true,
  closesAt: true,
  editedAt: true,
  lecture: { select: { id: true, slug: true, number: true, title: true } },
  slots: {
    where: { retiredAt: null },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      key: true,
      position: true,
      maxMark: true,
      source: true,
      variants: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { question: { select: questionSelect } } },
    },
  },
} as const satisfies Prisma.QuizSelect;

/** The quiz as the editor shows it, or null when there is no such quiz. Staff only. */
export async function getQuizForEditing(viewer: Viewer, quizId: string) {
  assertRole(viewer, STAFF_ROLES);
  const quiz = await db.quiz.findUnique({ where: { id: quizId }, select: editorQuizSelect });
  if (!quiz) return null;
  const bank = await db.question.findMany({ where: { lectureId: quiz.lecture.id }, orderBy: { externalKey: "asc" }, select: questionSelect });
  const slotOf = new Map<string, string>();
  const { slots: liveSlots, ...settings } = quiz;
  const slots = liveSlots.map((slot) => {
    const variants = slot.variants.map((v) => editorQuestion(v.question));
    for (const v of variants) slotOf.set(v.questionId, slot.key);
    return { id: slot.id, key: slot.key, position: slot.position, maxMark: slot.maxMark, source: slot.source, variants };
  });
  return {
    quiz: settings,
    slots,
    /** The lecture's questions; those already in a live slot say which (a question is a variant of one slot at most). */
    bank: bank.map((q) => ({ ...editorQuestion(q), inSlot: slotOf.get(q.id) ?? null })),
  };
}

export type QuizForEditing = NonNullable<Awaited<ReturnType<typeof getQuizForEditing>>>;
export type EditorSlot = QuizForEditing["slots"][number];
export type EditorBankQuestion = QuizForEditing["bank"][number];
