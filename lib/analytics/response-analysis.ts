import "server-only";
// Moodle's response analysis for the types whose answers are typed or matched: a short-answer or
// numerical question's most frequent responses with their count and the credit they earned, and a
// matching question's figures per pair (how many matched it, and the wrong answer chosen most). Staff
// only: the caller (slot.ts) has checked the viewer.
import { db } from "../db";
import { answerList } from "../bank/answers/answer-list";
import { matchingParts } from "../bank/answers/grading";
import { slotMatchingAnswersSql, slotResponseClassesSql, type MatchingAnswerRow, type ResponseClassRow } from "./internal/sql";
import type { StatsView } from "./view";

/** How many of the most frequent responses each variant lists (the rest are counted together). */
export const RESPONSE_CLASSES_SHOWN = 20;

export interface ResponseClass {
  /** What was typed, trimmed ("" for no answer). */
  response: string;
  count: number;
  /** Mean share of the mark it earned, 0..1. */
  credit: number | null;
}

export interface PairFigure {
  prompt: string;
  answer: string;
  /** Answers that matched this prompt with its answer. */
  right: number;
  /** Answers that chose something for this prompt. */
  answered: number;
  /** The wrong answer chosen most for this prompt, if any. */
  commonWrong: { text: string; count: number } | null;
}

export type ResponseAnalysis =
  | { variantKey: string; kind: "responses"; total: number; classes: ResponseClass[]; others: number }
  | { variantKey: string; kind: "pairs"; total: number; pairs: PairFigure[] };

function byVersion<T extends { vid: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.vid);
    if (group) group.push(row);
    else groups.set(row.vid, [row]);
  }
  return groups;
}

function pairFigures(pairs: { prompt: string; answer: string }[], answers: readonly (string | null)[]): PairFigure[] {
  const { prompts, choices } = matchingParts(pairs);
  const figures = prompts.map((p) => ({ prompt: p.prompt, answer: p.answer, right: 0, answered: 0, wrong: new Map<string, number>() }));
  for (const text of answers) {
    const given = answerList(text);
    figures.forEach((figure, i) => {
      const value = given[i] ?? "";
      if (!/^\d+$/.test(value) || choices[Number(value)] === undefined) return;
      const chosen = choices[Number(value)]!;
      figure.answered++;
      if (chosen === figure.answer) figure.right++;
      else figure.wrong.set(chosen, (figure.wrong.get(chosen) ?? 0) + 1);
    });
  }
  return figures.map(({ wrong, ...figure }) => {
    const [text, count] = [...wrong.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
    return { ...figure, commonWrong: text === undefined ? null : { text, count: count! } };
  });
}

/** The response analysis of each variant of a slot that has one (short answer, numerical, matching). */
export async function loadResponseAnalysis(quizId: string, slotId: string, view: StatsView): Promise<ResponseAnalysis[]> {
  const [classes, matching] = await Promise.all([
    db.$queryRaw<ResponseClassRow[]>(slotResponseClassesSql(quizId, slotId, view)),
    db.$queryRaw<MatchingAnswerRow[]>(slotMatchingAnswersSql(quizId, slotId, view)),
  ]);
  const analyses: ResponseAnalysis[] = [];
  const byVariant = byVersion(classes);
  for (const [variantKey, rows] of byVariant) {
    const total = rows.reduce((n, r) => n + r.c, 0);
    const shown = rows.slice(0, RESPONSE_CLASSES_SHOWN);
    analyses.push({
      variantKey,
      kind: "responses",
      total,
      classes: shown.map((r) => ({ response: r.response, count: r.c, credit: r.credit })),
      others: total - shown.reduce((n, r) => n + r.c, 0),
    });
  }
  const answersByVariant = byVersion(matching);
  if (answersByVariant.size > 0) {
    const versions = await db.questionVersion.findMany({ where: { id: { in: [...answersByVariant.keys()] } }, select: { id: true, data: true } });
    for (const version of versions) {
      const answers = answersByVariant.get(version.id)!.map((r) => r.text);
      const pairs = ((version.data ?? {}) as { pairs?: { prompt: string; answer: string }[] }).pairs ?? [];
      analyses.push({ variantKey: version.id, kind: "pairs", total: answers.length, pairs: pairFigures(pairs, answers) });
    }
  }
  return analyses;
}
