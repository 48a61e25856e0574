import "server-only";
// What scheduling a student's card rests on, read in one statement each: their profile (the latest
// accepted fit and the retention they chose), and for the due-date rules the exam days of the
// card's lecture and their daily load. Checks no viewer: callers pass the student whose card it is.
import { DEFAULT_PROFILE, type SchedulingProfile } from "../fsrs";
import type { DuePlanContext } from "../due-plan";
import type { RawTransaction } from "../../db-pool-transaction";

/** How far ahead the daily load is counted: beyond it no interval is balanced. */
const LOAD_HORIZON_DAYS = 400;

/** Prisma clients and pool transactions both run tagged raw SQL. */
type Reader = Pick<RawTransaction, "$queryRaw">;

interface ProfileRow {
  userId: string;
  retention: number | null;
  fitId: string | null;
  parameters: number[] | null;
}

/** The scheduling profile of each student: a stored choice of retention and the newest accepted fit, or the defaults. */
export async function loadProfiles(reader: Reader, userIds: readonly string[]): Promise<Map<string, SchedulingProfile>> {
  const rows = await reader.$queryRaw<ProfileRow[]>`
    SELECT u.id AS "userId", s.desired_retention AS retention, f.id AS "fitId", f.parameters
    FROM unnest(${[...new Set(userIds)]}::text[]) AS u(id)
      LEFT JOIN review_settings s ON s.user_id = u.id
      LEFT JOIN LATERAL (
        SELECT id, parameters FROM fsrs_parameter_sets WHERE user_id = u.id AND status = 'ACCEPTED' ORDER BY created_at DESC LIMIT 1
      ) f ON true`;
  const profiles = new Map<string, SchedulingProfile>();
  for (const row of rows) {
    const fitted = row.parameters !== null && row.parameters.length > 0;
    profiles.set(row.userId, {
      parameters: fitted ? row.parameters : null,
      parameterSetId: fitted ? row.fitId : null,
      desiredRetention: row.retention ?? DEFAULT_PROFILE.desiredRetention,
    });
  }
  return profiles;
}

export async function loadProfile(reader: Reader, userId: string): Promise<SchedulingProfile> {
  return (await loadProfiles(reader, [userId])).get(userId) ?? DEFAULT_PROFILE;
}

/** The exam days (class-wide and the student's own) of each lecture that have not ended at `now`. */
export async function loadExamDays(reader: Reader, userId: string, lectureIds: readonly string[], now: Date): Promise<Map<string, Date[]>> {
  const rows = await reader.$queryRaw<{ lectureId: string; date: Date }[]>`
    SELECT lecture_id AS "lectureId", date FROM exam_dates
    WHERE lecture_id = ANY(${[...lectureIds]}::text[]) AND (user_id IS NULL OR user_id = ${userId})
      AND date > ${now}::timestamp - interval '1 day'
    ORDER BY date`;
  const byLecture = new Map<string, Date[]>();
  for (const row of rows) byLecture.set(row.lectureId, [...(byLecture.get(row.lectureId) ?? []), row.date]);
  return byLecture;
}

/** The student's reviews due per UTC day from today on (key: the day's start in ms), some cards left out. */
export async function loadDailyLoad(reader: Reader, userId: string, now: Date, leaveOut: readonly string[] = []): Promise<Map<number, number>> {
  const rows = await reader.$queryRaw<{ day: number; n: number }[]>`
    SELECT (extract(epoch FROM date_trunc('day', due)) * 1000)::float8 AS day, count(*)::int AS n FROM review_cards
    WHERE user_id = ${userId} AND state <> 'NEW' AND due >= date_trunc('day', ${now}::timestamp)
      AND due < ${now}::timestamp + make_interval(days => ${LOAD_HORIZON_DAYS}) AND id <> ALL(${[...leaveOut]}::text[])
    GROUP BY 1`;
  return new Map(rows.map((row) => [Number(row.day), row.n]));
}

/** Everything planDue needs for cards of one lecture. */
export async function loadPlanContext(
  reader: Reader,
  userId: string,
  lectureId: string,
  profile: SchedulingProfile,
  now: Date,
  leaveOut: readonly string[] = [],
): Promise<DuePlanContext> {
  const [exams, load] = await Promise.all([loadExamDays(reader, userId, [lectureId], now), loadDailyLoad(reader, userId, now, leaveOut)]);
  return { profile, exams: exams.get(lectureId) ?? [], load };
}
