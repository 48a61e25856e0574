import "server-only";
// The reads a regrade plans from: a slot's submitted responses, the question versions they saw and
// the newest ones, and the class's totals. Unchecked: the callers (regrade.ts) have checked the viewer.
import type { DbTransaction } from "../../db-client";
import { Prisma } from "../../generated/prisma/client";
import type { PlanResponse, PlanVersion, RegradeTarget } from "../regrade-plan";
import type { AttemptBeforeRow } from "./rewrite";

interface SlotResponseRow {
  id: string;
  attempt_id: string;
  name: string;
  attempt_number: number;
  score: number;
  max_score: number;
  mark: number | null;
  max_mark: number;
  slot_max_mark: number;
  is_correct: boolean | null;
  chosen: string[];
  answer_text: string | null;
  option_order: string[];
  hand_graded: boolean;
  version_id: string;
  question_id: string;
}

/** The slot's responses in submitted attempts (target OLD_VERSION: those on an older version than their question's newest). */
export async function slotResponses(tx: DbTransaction, quizId: string, slotId: string, target: RegradeTarget): Promise<PlanResponse[]> {
  const older =
    target === "OLD_VERSION"
      ? Prisma.sql`AND qv.version < (SELECT max(n.version) FROM question_versions n WHERE n.question_id = qv.question_id)`
      : Prisma.empty;
  const rows = await tx.$queryRaw<SlotResponseRow[]>`
    SELECT r.id, r.attempt_id, u.name, a.attempt_number, a.score, a.max_score, r.mark, r.max_mark, s.max_mark AS slot_max_mark, r.is_correct,
      coalesce(r.chosen_option_keys, ARRAY[]::text[]) AS chosen, r.answer_text, r.option_order,
      (r.graded_at IS NOT NULL) AS hand_graded, r.question_version_id AS version_id, qv.question_id
    FROM responses r
    JOIN attempts a ON a.id = r.attempt_id
    JOIN users u ON u.id = a.user_id
    JOIN question_versions qv ON qv.id = r.question_version_id
    JOIN quiz_slots s ON s.id = r.slot_id
    WHERE r.slot_id = ${slotId} AND a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.score IS NOT NULL ${older}
    ORDER BY a.submitted_at, a.id`;
  return rows.map((r) => ({
    responseId: r.id,
    attemptId: r.attempt_id,
    student: r.name,
    attemptNumber: r.attempt_number,
    score: r.score,
    maxScore: r.max_score,
    mark: r.mark ?? 0,
    maxMark: r.max_mark,
    slotMaxMark: r.slot_max_mark,
    isCorrect: r.is_correct ?? false,
    chosenOptionKeys: r.chosen,
    answerText: r.answer_text,
    optionOrder: r.option_order,
    handGraded: r.hand_graded,
    versionId: r.version_id,
  }));
}

const versionSelect = {
  id: true,
  questionId: true,
  version: true,
  type: true,
  data: true,
  options: { orderBy: { position: "asc" }, select: { key: true, text: true, isCorrect: true, fraction: true, feedback: true } },
} as const;

/** Every version of the slot's questions, by id, and the newest of each question, by question id. */
export async function slotVersions(tx: DbTransaction, slotId: string): Promise<{ byId: Map<string, PlanVersion>; newest: Map<string, PlanVersion> }> {
  const versions = await tx.questionVersion.findMany({
    where: { question: { slotVariants: { some: { slotId } } } },
    orderBy: { version: "asc" },
    select: versionSelect,
  });
  // Responses may point at a question the slot no longer lists: their versions come too.
  const seenElsewhere = await tx.questionVersion.findMany({
    where: { responses: { some: { slotId } }, id: { notIn: versions.map((v) => v.id) } },
    select: { questionId: true },
    distinct: ["questionId"],
  });
  const extra = seenElsewhere.length
    ? await tx.questionVersion.findMany({
        where: { questionId: { in: seenElsewhere.map((v) => v.questionId) } },
        orderBy: { version: "asc" },
        select: versionSelect,
      })
    : [];
  const all = [...versions, ...extra] as PlanVersion[];
  const newest = new Map<string, PlanVersion>();
  for (const v of all) newest.set(v.questionId, v);
  return { byId: new Map(all.map((v) => [v.id, v])), newest };
}

/** Locks the submitted attempts with an answer on the slot (a regrade's), with what a rewrite needs of them. */
export function lockSlotAttempts(tx: DbTransaction, quizId: string, slotId: string): Promise<AttemptBeforeRow[]> {
  return tx.$queryRaw<AttemptBeforeRow[]>`
    SELECT a.id, a.user_id, q.lecture_id, a.score, a.max_score FROM attempts a JOIN quizzes q ON q.id = a.quiz_id
    WHERE a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.score IS NOT NULL
      AND EXISTS (SELECT 1 FROM responses r WHERE r.attempt_id = a.id AND r.slot_id = ${slotId})
    ORDER BY a.id FOR UPDATE OF a`;
}

export interface ClassTotals {
  attempts: number;
  sumScore: number;
  /** Σ score / max score (0 for an attempt whose maximum is 0). */
  sumShare: number;
}

export async function classTotals(tx: DbTransaction, quizId: string): Promise<ClassTotals> {
  const [row] = await tx.$queryRaw<{ attempts: number; sum_score: number | null; sum_share: number | null }[]>`
    SELECT count(*)::int AS attempts, sum(score)::float8 AS sum_score, sum(CASE WHEN max_score > 0 THEN score / max_score ELSE 0 END)::float8 AS sum_share
    FROM attempts WHERE quiz_id = ${quizId} AND status = 'SUBMITTED' AND score IS NOT NULL`;
  return { attempts: row?.attempts ?? 0, sumScore: row?.sum_score ?? 0, sumShare: row?.sum_share ?? 0 };
}

export async function inProgressOnSlot(tx: DbTransaction, quizId: string, slotId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM responses r JOIN attempts a ON a.id = r.attempt_id
    WHERE r.slot_id = ${slotId} AND a.quiz_id = ${quizId} AND a.status = 'IN_PROGRESS'`;
  return row?.n ?? 0;
}
