import "server-only";
// The editor's own reads, shared by its loaders and its save: a question with its newest version, the
// course's topics and the lecture's sections; a version read back as a bank question; the quiz slots
// that use a question and those whose submitted attempts saw an older version. Internal: no viewer
// check here (every caller in lib/question-editor has made it).
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { KeyedQuestion } from "../../bank/types";
import { fromVersionData, versionContentSelect as bankVersionSelect } from "../../bank/version-data";

/** A version's rows as fromVersionData reads them back, with its id, number and hash. */
export const versionContentSelect = { ...bankVersionSelect, id: true, version: true, contentHash: true } as const satisfies Prisma.QuestionVersionSelect;

type VersionContent = Prisma.QuestionVersionGetPayload<{ select: typeof versionContentSelect }>;

/** A stored version as a question in the bank's model (what the export writes). */
export function versionQuestion(
  row: { externalKey: string; category: string; topic: { key: string } | null; lecture: { slug: string } | null },
  version: VersionContent,
): KeyedQuestion {
  return fromVersionData({ externalKey: row.externalKey, category: row.category, topic: row.topic, version }, row.lecture?.slug ?? "");
}

export const slotUseSelect = {
  slot: { select: { id: true, position: true, retiredAt: true, quiz: { select: { id: true, title: true } } } },
} as const satisfies Prisma.QuizSlotVariantSelect;

export const slotUses = (variants: Prisma.QuizSlotVariantGetPayload<{ select: typeof slotUseSelect }>[]) =>
  variants
    .filter((v) => v.slot.retiredAt === null)
    .map((v) => ({ quizId: v.slot.quiz.id, quizTitle: v.slot.quiz.title, slotId: v.slot.id, position: v.slot.position }));

const questionSelect = {
  id: true,
  externalKey: true,
  category: true,
  lectureId: true,
  topicId: true,
  topic: { select: { key: true } },
  lecture: {
    select: {
      id: true,
      slug: true,
      title: true,
      courseId: true,
      sections: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { key: true, title: true } },
    },
  },
} as const satisfies Prisma.QuestionSelect;

/** A question with what its editor offers: the course's topics and the lecture's sections; null when there is no such question. */
export async function loadEditableQuestion(questionId: string) {
  const question = await db.question.findUnique({
    where: { id: questionId },
    select: { ...questionSelect, versions: { orderBy: { version: "desc" }, take: 1, select: versionContentSelect } },
  });
  if (!question || !question.versions[0]) return null;
  const topics = await db.topic.findMany({
    where: question.lecture ? { courseId: question.lecture.courseId } : { id: question.topicId ?? "" },
    orderBy: { name: "asc" },
    select: { id: true, key: true, name: true },
  });
  return { ...question, latest: question.versions[0], topics, sections: question.lecture?.sections ?? [] };
}

export type EditableQuestion = NonNullable<Awaited<ReturnType<typeof loadEditableQuestion>>>;

/** The quiz slots using the question whose submitted attempts saw an older version than `newest`, with the oldest one seen. */
export async function staleSlots(questionId: string, newest: number) {
  const uses = await db.quizSlotVariant.findMany({ where: { questionId, slot: { retiredAt: null } }, select: slotUseSelect });
  const slots = slotUses(uses);
  if (slots.length === 0) return [];
  const groups = await db.response.groupBy({
    by: ["slotId", "questionVersionId"],
    where: { slotId: { in: slots.map((s) => s.slotId) }, attempt: { status: "SUBMITTED" }, questionVersion: { questionId, version: { lt: newest } } },
    _count: { _all: true },
  });
  const versions = new Map((await db.questionVersion.findMany({ where: { questionId }, select: { id: true, version: true } })).map((v) => [v.id, v.version]));
  return slots.flatMap((slot) => {
    const seen = groups.filter((g) => g.slotId === slot.slotId);
    if (seen.length === 0) return [];
    const from = Math.min(...seen.map((g) => versions.get(g.questionVersionId) ?? newest));
    const attempts = seen.reduce((sum, g) => sum + g._count._all, 0);
    return [{ ...slot, attempts, from, href: `/instructor/quizzes/${slot.quizId}/slots/${slot.slotId}/regrade?from=${from}` }];
  });
}
