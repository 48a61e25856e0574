import "server-only";
// A quiz's slots, variants and options as the statistics describe them, their texts as plain text
// (an HTML question's tags are dropped: the tables and the CSV show words). They change when content
// is loaded, a question gets a new version (the editor, an import) or the quiz editor changes slots:
// each process keeps them a minute under a stamp of those changes, read in one small query, so an
// edit shows on the next view of any replica and the default view costs the sums rows and the stamp.
import { plainText, versionFormat } from "../../bank/rich-text/format";
import { ttlCache } from "../../cache";
import { db } from "../../db";
import type { QuizStructure } from "../describe";

const structureCache = ttlCache<QuizStructure | null>(60_000);

async function fetchQuizStructure(quizId: string): Promise<QuizStructure | null> {
  const quiz = await db.quiz.findUnique({
    where: { id: quizId },
    select: {
      id: true,
      title: true,
      lecture: { select: { title: true } },
      slots: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: {
          id: true,
          key: true,
          position: true,
          variants: {
            orderBy: { position: "asc" },
            select: {
              question: {
                select: {
                  versions: {
                    orderBy: { version: "desc" },
                    select: {
                      id: true,
                      stem: true,
                      maxMark: true,
                      data: true,
                      options: { orderBy: { position: "asc" }, select: { key: true, text: true, isCorrect: true } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!quiz) return null;
  return {
    ...quiz,
    slots: quiz.slots.map((slot) => ({
      ...slot,
      variants: slot.variants.map((variant) => ({
        question: {
          versions: variant.question.versions.map(({ data, ...v }) => {
            const text = plainText(versionFormat(data));
            return { ...v, stem: text(v.stem), options: v.options.map((o) => ({ ...o, text: text(o.text) })) };
          }),
        },
      })),
    })),
  };
}

/** The quiz's live slots (not retired) with every version of each variant, newest first; null when there is no such quiz. */
export async function quizStructure(quizId: string): Promise<QuizStructure | null> {
  const [stamp] = await db.$queryRaw<{ stamp: string }[]>`
    SELECT concat_ws('|', q.updated_at::text, q.edited_at::text,
      (SELECT concat_ws('|', count(*), max(qv.created_at)::text)
       FROM quiz_slots s JOIN quiz_slot_variants sv ON sv.slot_id = s.id JOIN question_versions qv ON qv.question_id = sv.question_id
       WHERE s.quiz_id = q.id AND s.retired_at IS NULL),
      (SELECT count(*) FROM quiz_slots s WHERE s.quiz_id = q.id AND s.retired_at IS NULL)) AS stamp
    FROM quizzes q WHERE q.id = ${quizId}`;
  if (!stamp) return null;
  return structureCache.get(`${quizId}|${stamp.stamp}`, () => fetchQuizStructure(quizId));
}
