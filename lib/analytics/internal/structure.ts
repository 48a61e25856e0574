import "server-only";
// A quiz's slots, variants and options as the statistics describe them, their texts as plain text
// (an HTML question's tags are dropped: the tables and the CSV show words). They change only when
// content is loaded: each process keeps them a minute, so the default view costs the sums rows alone.
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
export function quizStructure(quizId: string): Promise<QuizStructure | null> {
  return structureCache.get(quizId, () => fetchQuizStructure(quizId));
}
