import "server-only";
// Rescheduling a student's learned cards (a background job: lib/worker). Runs when their retention,
// their fitted parameters or an exam date of theirs or their class changed. Only due dates move:
// memory states and review history stay, so undoing the latest rating still restores the card exactly.
import { db } from "../db";
import { snapshotOf, snapshotSelect } from "./internal/sql";
import { loadExamDays, loadProfile } from "./internal/context";
import { planReschedule } from "./reschedule-plan";
import { DAY_MS } from "./due-plan";

/** Recomputes the student's due dates; returns how many cards moved. */
export async function rescheduleStudent(userId: string, now = new Date()): Promise<number> {
  return db.$transaction(
    async (tx) => {
      // Locked in one order (by id) so a rating waits for the reschedule, or the reschedule for it.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM review_cards WHERE user_id = ${userId} AND state = 'REVIEW' ORDER BY id FOR UPDATE`;
      if (locked.length === 0) return 0;
      const rows = await tx.reviewCard.findMany({ where: { userId, state: "REVIEW" }, select: { ...snapshotSelect, lectureId: true } });
      const [profile, exams] = await Promise.all([loadProfile(tx, userId), loadExamDays(tx, userId, [...new Set(rows.map((r) => r.lectureId))], now)]);
      const changes = planReschedule(
        rows.map((row) => ({ id: row.id, card: snapshotOf(row), exams: exams.get(row.lectureId) ?? [] })),
        profile,
        now,
      );
      if (changes.size === 0) return 0;
      const lastReview = new Map(rows.map((row) => [row.id, row.lastReview]));
      const ids = [...changes.keys()];
      const dues = ids.map((id) => changes.get(id)!);
      const days = ids.map((id, i) => Math.max(0, Math.round((dues[i]!.getTime() - (lastReview.get(id)?.getTime() ?? now.getTime())) / DAY_MS)));
      await tx.$executeRaw`
        UPDATE review_cards AS c SET due = v.due, scheduled_days = v.days, updated_at = now()
        FROM unnest(${ids}::text[], ${dues}::timestamp[], ${days}::int[]) AS v(id, due, days) WHERE c.id = v.id`;
      return changes.size;
    },
    { timeout: 60_000 },
  );
}

/** The students with cards in a lecture (a class-wide exam date changed there). */
export async function studentsWithCardsIn(lectureId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT user_id AS "userId" FROM review_cards WHERE lecture_id = ${lectureId} AND state = 'REVIEW'`;
  return rows.map((row) => row.userId);
}
