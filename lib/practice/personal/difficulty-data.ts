import "server-only";
// The difficulty of a lecture's bank questions, from the class's first attempts at the lecture's
// quizzes. For students: it reads every student's first answers but returns only per-question
// difficulties and one class-wide figure (./difficulty.ts), never a person, an answer or a count per
// student. Kept two minutes per lecture and bank, like the dashboard's Rasch difficulties (it reads
// every first answer).
import { createHash } from "node:crypto";
import { assertRole, ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { ttlCache } from "../../cache";
import { db } from "../../db";
import { calibrateBank, type BankCalibration, type ClassAnswer } from "./difficulty";

const calibrations = ttlCache<BankCalibration>(120_000);

/** Each student's first submitted attempt at each quiz of the lecture, answer by answer (a person number, not who). */
function firstAnswersSql(lectureId: string) {
  return db.$queryRaw<ClassAnswer[]>`
    WITH firsts AS (
      SELECT DISTINCT ON (a.user_id, a.quiz_id) a.id, a.user_id, a.submitted_at
      FROM attempts a JOIN quizzes z ON z.id = a.quiz_id
      WHERE z.lecture_id = ${lectureId} AND a.status = 'SUBMITTED'
      ORDER BY a.user_id, a.quiz_id, a.attempt_number
    )
    SELECT (dense_rank() OVER (ORDER BY f.user_id))::int AS person, qv.question_id AS "questionId", (r.mark >= r.max_mark - 1e-9) AS right
    FROM firsts f
    JOIN responses r ON r.attempt_id = f.id
    JOIN question_versions qv ON qv.id = r.question_version_id
    WHERE r.mark IS NOT NULL
    ORDER BY f.submitted_at, f.id, r.position`;
}

/** Difficulties (logits) of `questionIds`, the lecture's practice questions, and the class's typical ability. */
export async function getBankCalibration(viewer: Viewer, lectureId: string, questionIds: readonly string[]): Promise<BankCalibration> {
  assertRole(viewer, ROLES);
  const bank = createHash("sha256")
    .update([...questionIds].sort().join(","))
    .digest("hex")
    .slice(0, 16);
  return calibrations.get(`${lectureId}:${bank}`, async () => calibrateBank(questionIds, await firstAnswersSql(lectureId)));
}
