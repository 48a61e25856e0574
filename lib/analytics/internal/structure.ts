import "server-only";
// A quiz's slots, variants and options as the statistics describe them. They change only when
// content is loaded: each process keeps them a minute, so the default view costs the sums rows alone.
import { ttlCache } from "../../cache";
import { db } from "../../db";
import type { QuizStructure } from "../describe";

const structureCache = ttlCache<QuizStructure | null>(60_000);

function fetchQuizStructure(quizId: string): Promise<QuizStructure | null> {
  return db.quiz.findUnique({
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
}

/** The quiz's live slots (not retired) with every version of each variant, newest first; null when there is no such quiz. */
export function quizStructure(quizId: string): Promise<QuizStructure | null> {
  return structureCache.get(quizId, () => fetchQuizStructure(quizId));
}
