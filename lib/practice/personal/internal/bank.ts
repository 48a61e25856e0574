import "server-only";
// A lecture's practice bank for one student: the latest version of each of its questions that has a
// topic and a type the practice runner checks, and the lecture's topics in the order of the notes.
// Practice shows the key after each answer, so a question that a quiz still holds for the student
// (one they have not submitted an attempt at: not yet open, open, or in progress) is left out: it
// would hand them the key of a graded question before they answer it. Read by the personal
// practice loaders only (they check the viewer).
import { CHOICE_TYPES } from "../../../bank/question-types";
import { db } from "../../../db";
import type { QuestionType } from "../../../generated/prisma/enums";

/**
 * The types a practice answer is checked against a key for: every objective type. An explicit list,
 * so that a type added later (or one that stops being offered) is not practised by accident; essays
 * have no key to practise against.
 */
export const PRACTICE_TYPES = [
  "SINGLE_CHOICE",
  "MULTIPLE_CHOICE",
  "TRUE_FALSE",
  "SHORT_ANSWER",
  "NUMERICAL",
  "MATCHING",
  "CLOZE",
] as const satisfies readonly QuestionType[];

const practiceTypes = new Set<QuestionType>(PRACTICE_TYPES);
const choiceTypes = new Set<QuestionType>(CHOICE_TYPES);

export interface BankQuestion {
  questionId: string;
  versionId: string;
  topic: string;
}

export interface PracticeBank {
  lecture: { id: string; slug: string; title: string };
  /** The lecture's topics, in the order of the notes (by the section most of their questions draw on). */
  topics: { key: string; name: string }[];
  questions: BankQuestion[];
  /** Questions left out because a quiz the student has not submitted still holds them. */
  heldForQuizzes: number;
}

/** Of `questionIds`, those in a quiz the student has not submitted an attempt at. */
async function heldForQuizzes(userId: string, questionIds: string[]): Promise<Set<string>> {
  if (questionIds.length === 0) return new Set();
  const held = await db.quizSlotVariant.findMany({
    where: { questionId: { in: questionIds }, slot: { quiz: { attempts: { none: { userId, status: "SUBMITTED" } } } } },
    distinct: ["questionId"],
    select: { questionId: true },
  });
  return new Set(held.map((v) => v.questionId));
}

export async function loadPracticeBank(lectureSlug: string, userId: string): Promise<PracticeBank | null> {
  const lecture = await db.lecture.findUnique({
    where: { slug: lectureSlug },
    select: {
      id: true,
      slug: true,
      title: true,
      sections: { where: { retiredAt: null }, select: { key: true, position: true } },
      topics: { orderBy: { key: "asc" }, select: { key: true, name: true } },
      questions: {
        where: { topicId: { not: null } },
        orderBy: { externalKey: "asc" },
        select: {
          id: true,
          topic: { select: { key: true } },
          versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, type: true, sectionKey: true, _count: { select: { options: true } } } },
        },
      },
    },
  });
  if (!lecture) return null;
  const held = await heldForQuizzes(
    userId,
    lecture.questions.map((q) => q.id),
  );
  const questions: (BankQuestion & { sectionKey: string | null })[] = lecture.questions.flatMap((q) => {
    const version = q.versions[0];
    if (!version || !q.topic || !practiceTypes.has(version.type) || held.has(q.id)) return [];
    // A choice question needs options to choose from (an imported stem may have none yet).
    if (choiceTypes.has(version.type) && version._count.options < 2) return [];
    return [{ questionId: q.id, versionId: version.id, topic: q.topic.key, sectionKey: version.sectionKey }];
  });
  const position = new Map(lecture.sections.map((s) => [s.key, s.position]));
  const place = (topic: string) => {
    const counts = new Map<string, number>();
    for (const q of questions)
      if (q.topic === topic && q.sectionKey && position.has(q.sectionKey)) counts.set(q.sectionKey, (counts.get(q.sectionKey) ?? 0) + 1);
    const main = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    return main === undefined ? Infinity : position.get(main)!;
  };
  const topics = lecture.topics
    .map((t) => ({ ...t, at: place(t.key) }))
    .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
    .map(({ key, name }) => ({ key, name }));
  return {
    lecture: { id: lecture.id, slug: lecture.slug, title: lecture.title },
    topics,
    questions: questions.map(({ questionId, versionId, topic }) => ({ questionId, versionId, topic })),
    heldForQuizzes: held.size,
  };
}
