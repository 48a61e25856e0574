import "server-only";
// A student's review plan: the retention they chose and its workload forecast, their fitted
// parameters (history, and what the fit means), and the reviews due in the coming days. Every query
// is scoped to the viewer; instructors see none of it (retention across the class is aggregated
// elsewhere: lib/review/retention).
import { db } from "../../db";
import { assertRole, ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { ActionError } from "../../errors";
import { enqueue } from "../../jobs/boss";
import { DAY_MS, dayStart } from "../due-plan";
import { forecastWorkload, neighbourRetentions, type ForecastSeries } from "../forecast";
import { loadDailyLoad, loadProfile } from "../internal/context";
import { snapshotOf, snapshotSelect } from "../internal/sql";
import { describeParameters } from "../personal/describe";
import { MIN_REVIEWS_FOR_FIT, reviewsStillNeeded } from "../personal/fit";
import { NEW_CARDS_PER_DAY } from "../queue";

export interface FitView {
  id: string;
  status: "ACCEPTED" | "REJECTED" | "FAILED";
  createdAt: string;
  reviews: number;
  loglossDefault: number | null;
  loglossPersonal: number | null;
  rmseDefault: number | null;
  rmsePersonal: number | null;
  reason: string;
}

export interface ReviewPlan {
  desiredRetention: number;
  /** The fit in use (null: FSRS's defaults), in words. */
  inUse: { fitId: string; createdAt: string; effect: string } | null;
  fits: FitView[];
  reviews: number;
  reviewsNeeded: number;
  minReviews: number;
  /** Reviews due on each of the next 7 days from the current schedule (day 0 = tomorrow). */
  upcoming: { date: string; count: number }[];
  dueToday: number;
}

/** Cards never reviewed that the forecast introduces, per deck: each open lecture's flashcards, and own cards (each direction). */
async function unseenDecks(userId: string, now: Date): Promise<{ unseen: number; perDay: number; leftToday: number }[]> {
  const rows = await db.$queryRaw<{ unseen: number }[]>`
    SELECT count(*)::int AS unseen FROM flashcards f JOIN lectures l ON l.id = f.lecture_id
    WHERE f.retired_at IS NULL AND (l.opens_at IS NULL OR l.opens_at <= ${now}::timestamp)
      AND NOT EXISTS (SELECT 1 FROM review_cards c WHERE c.flashcard_id = f.id AND c.user_id = ${userId})
    GROUP BY f.lecture_id
    UNION ALL
    SELECT sum(d.unseen)::int FROM student_cards s
      CROSS JOIN LATERAL (
        SELECT count(*) AS unseen FROM (VALUES (false), (true)) AS dir(reversed)
        WHERE (NOT dir.reversed OR s.reversible)
          AND NOT EXISTS (SELECT 1 FROM review_cards c WHERE c.student_card_id = s.id AND c.user_id = ${userId} AND c.reversed = dir.reversed)
      ) d
    WHERE s.user_id = ${userId}
    GROUP BY s.lecture_id`;
  return rows.filter((row) => row.unseen > 0).map((row) => ({ unseen: row.unseen, perDay: NEW_CARDS_PER_DAY, leftToday: NEW_CARDS_PER_DAY }));
}

/** The viewer's workload forecast at their retention and its two neighbours (a simulation: streamed in after the page). */
export async function getWorkloadForecast(viewer: Viewer, now = new Date()): Promise<{ chosen: number; series: ForecastSeries[] }> {
  assertRole(viewer, ROLES);
  const [profile, cards, decks] = await Promise.all([
    loadProfile(db, viewer.id),
    db.reviewCard.findMany({ where: { userId: viewer.id, state: { not: "NEW" } }, select: snapshotSelect }),
    unseenDecks(viewer.id, now),
  ]);
  const series = forecastWorkload({ cards: cards.map(snapshotOf), newDecks: decks }, profile, neighbourRetentions(profile.desiredRetention), now);
  return { chosen: profile.desiredRetention, series };
}

export async function getReviewPlan(viewer: Viewer, now = new Date()): Promise<ReviewPlan> {
  assertRole(viewer, ROLES);
  const today = dayStart(now);
  const [profile, fits, reviews, dueToday, load] = await Promise.all([
    loadProfile(db, viewer.id),
    db.fsrsParameterSet.findMany({ where: { userId: viewer.id }, orderBy: { createdAt: "desc" }, take: 10 }),
    db.reviewLog.count({ where: { userId: viewer.id, undoneAt: null } }),
    db.reviewCard.count({ where: { userId: viewer.id, state: { not: "NEW" }, due: { lt: new Date(today + DAY_MS) } } }),
    loadDailyLoad(db, viewer.id, now),
  ]);
  const inUseFit = profile.parameterSetId ? fits.find((fit) => fit.id === profile.parameterSetId) : undefined;
  return {
    desiredRetention: profile.desiredRetention,
    inUse:
      profile.parameters && profile.parameterSetId
        ? { fitId: profile.parameterSetId, createdAt: (inUseFit?.createdAt ?? now).toISOString(), effect: describeParameters([...profile.parameters]) }
        : null,
    fits: fits.map((fit) => ({
      id: fit.id,
      status: fit.status,
      createdAt: fit.createdAt.toISOString(),
      reviews: fit.trainReviews + fit.heldOutReviews,
      loglossDefault: fit.loglossDefault,
      loglossPersonal: fit.loglossPersonal,
      rmseDefault: fit.rmseDefault,
      rmsePersonal: fit.rmsePersonal,
      reason: fit.reason,
    })),
    reviews,
    reviewsNeeded: reviewsStillNeeded(reviews),
    minReviews: MIN_REVIEWS_FOR_FIT,
    upcoming: Array.from({ length: 7 }, (_, i) => {
      const day = today + (i + 1) * DAY_MS;
      return { date: new Date(day).toISOString().slice(0, 10), count: load.get(day) ?? 0 };
    }),
    dueToday,
  };
}

/** Sets the viewer's desired retention and queues the reschedule of their learned cards. */
export async function setDesiredRetention(viewer: Viewer, desiredRetention: number): Promise<void> {
  assertRole(viewer, ROLES);
  await db.reviewSettings.upsert({ where: { userId: viewer.id }, create: { userId: viewer.id, desiredRetention }, update: { desiredRetention } });
  await enqueue("reviewReschedule", { userId: viewer.id }, { singletonKey: viewer.id });
}

/** Queues a refit of the viewer's parameters now (once they have enough reviews). */
export async function requestRefit(viewer: Viewer): Promise<{ queued: boolean }> {
  assertRole(viewer, ROLES);
  const reviews = await db.reviewLog.count({ where: { userId: viewer.id, undoneAt: null } });
  const needed = reviewsStillNeeded(reviews);
  if (needed > 0) throw new ActionError("VALIDATION", `Your parameters can be fitted after ${needed} more review${needed === 1 ? "" : "s"}.`);
  const id = await enqueue("fsrsRefit", { userId: viewer.id }, { singletonKey: viewer.id });
  return { queued: id !== null };
}
