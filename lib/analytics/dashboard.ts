import "server-only";
// The instructor dashboard of one quiz: the per-slot and per-variant table with flags, and the
// whole-quiz figures. Staff only, checked here.
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { describeQuiz, type QuizDashboard } from "./describe";
import { loadBundle } from "./internal/bundles";
import { foldStatisticsSoon } from "./internal/fold";
import { quizStructure } from "./internal/structure";
import { DEFAULT_VIEW, type StatsView } from "./view";

/**
 * The quiz's statistics for staff; null when there is no such quiz. The default view (first
 * attempts, whole class) reads the running sums: one row per slot and variant, whatever the number of
 * answers. Any other view is an exact recompute from the responses.
 */
export async function getQuizDashboard(viewer: Viewer, quizId: string, view: StatsView = DEFAULT_VIEW): Promise<QuizDashboard | null> {
  assertRole(viewer, STAFF_ROLES);
  const started = performance.now();
  const [quiz, bundle] = await Promise.all([quizStructure(quizId), loadBundle(quizId, view)]);
  if (!quiz) return null;
  // Attempts a fold missed (one that failed, or a process that stopped before folding) are counted
  // after this page is sent; the figures include them either way.
  if (bundle.waiting > 0) foldStatisticsSoon(quizId);
  return {
    quiz: { id: quiz.id, title: quiz.title, lectureTitle: quiz.lecture.title },
    view,
    source: bundle.source,
    ...describeQuiz(quiz, bundle),
    computeMs: performance.now() - started,
  };
}

/** Cohorts for the dashboard's filter. */
export async function getCohortOptions(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  assertRole(viewer, STAFF_ROLES);
  return db.cohort.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
