import "server-only";
// The class's progress for staff, composed from the summaries each feature exposes (the roster,
// lectures, podcast, quiz, review): this feature reads no table itself.
import { getStudentRoster } from "../admin/roster";
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { getClassSectionReads, getLectureOutlines } from "../lectures/summaries";
import { getClassListening } from "../podcast/summaries";
import { sweepOverdueAttempts } from "../quiz/submission/sweep";
import { getClassAttemptSummaries } from "../quiz/summaries";
import { getClassOwnCardTotals, type OwnCardTotals } from "../review/own-cards/summaries";
import { getClassReviewCounts } from "../review/summaries";
import { firstSearchParam, type SearchParams } from "../search-params";

export interface StudentProgressRow {
  userId: string;
  name: string;
  email: string;
  cohort: string | null;
  sectionsRead: number;
  podcastPercent: number | null;
  attempts: number;
  bestPercent: number | null;
  cardsReviewed: number;
  lastActive: string | null;
}

export interface ClassProgress {
  lecture: { id: string; slug: string; number: number; title: string; sectionCount: number; hasPodcast: boolean; hasQuiz: boolean };
  students: number;
  read: number;
  listened: number;
  attempted: number;
  reviewed: number;
  /** Students' own cards in the lecture: how many, and how many students keep some (never their text). */
  ownCards: OwnCardTotals;
  averageBestPercent: number | null;
  rows: StudentProgressRow[];
}

export const CLASS_SORT_KEYS = ["name", "sectionsRead", "podcastPercent", "attempts", "bestPercent", "cardsReviewed", "lastActive"] as const;
export type ClassSortKey = (typeof CLASS_SORT_KEYS)[number];

/** Per lecture: how many students read, listened, attempted the quiz and reviewed cards, and each student's figures. Staff only. */
export async function getClassProgress(viewer: Viewer, options: { sort?: ClassSortKey; dir?: "asc" | "desc" } = {}): Promise<ClassProgress[]> {
  assertRole(viewer, STAFF_ROLES);
  // Attempts whose time ran out are counted before the figures are read.
  await sweepOverdueAttempts(viewer, {});
  const [lectures, students, reads, listening, attempts, reviews, ownCards] = await Promise.all([
    getLectureOutlines(viewer),
    getStudentRoster(viewer),
    getClassSectionReads(viewer),
    getClassListening(viewer),
    getClassAttemptSummaries(viewer),
    getClassReviewCounts(viewer),
    getClassOwnCardTotals(viewer),
  ]);

  return lectures.map((lecture) => {
    const quizId = lecture.quiz?.id;
    let listened = 0;
    const rows: StudentProgressRow[] = students.map((student) => {
      const r = reads.get(student.id, lecture.id);
      const p = listening.get(student.id, lecture.id);
      const a = quizId ? attempts.get(student.id, quizId) : undefined;
      const v = reviews.get(student.id, lecture.id);
      if (p.heardSeconds > 0) listened += 1;
      const last = [r?.lastReadAt, p.lastListenedAt, a?.lastActiveAt, v?.lastReviewedAt]
        .filter((d): d is Date => !!d)
        .sort((x, y) => y.getTime() - x.getTime())[0];
      return {
        userId: student.id,
        name: student.name,
        email: student.email,
        cohort: student.cohort,
        sectionsRead: r?.sectionsRead ?? 0,
        podcastPercent: p.percentHeard,
        attempts: a?.attempts ?? 0,
        bestPercent: a?.best === null || a?.best === undefined ? null : Math.round(a.best * 1000) / 10,
        cardsReviewed: v?.reviews ?? 0,
        lastActive: last?.toISOString() ?? null,
      };
    });
    const sort = options.sort ?? "name";
    sortRows(rows, sort, options.dir ?? defaultDirection(sort));
    const bests = rows.map((r) => r.bestPercent).filter((b): b is number => b !== null);
    return {
      lecture: {
        id: lecture.id,
        slug: lecture.slug,
        number: lecture.number,
        title: lecture.title,
        sectionCount: lecture.sections.length,
        hasPodcast: lecture.hasPodcast,
        hasQuiz: !!quizId,
      },
      students: rows.length,
      read: rows.filter((r) => r.sectionsRead > 0).length,
      listened,
      attempted: rows.filter((r) => r.bestPercent !== null).length,
      reviewed: rows.filter((r) => r.cardsReviewed > 0).length,
      ownCards: ownCards.get(lecture.id),
      averageBestPercent: bests.length ? Math.round((bests.reduce((s, b) => s + b, 0) / bests.length) * 10) / 10 : null,
      rows,
    };
  });
}

/** Names read A to Z; figures from the highest. */
export function defaultDirection(sort: ClassSortKey): "asc" | "desc" {
  return sort === "name" ? "asc" : "desc";
}

/** The page's query (user input: anything, repeated or missing) as the loader's options and the page number. */
export function parseClassProgressQuery(query: SearchParams): { sort: ClassSortKey; dir: "asc" | "desc"; page: number } {
  const requested = firstSearchParam(query.sort) ?? "";
  const sort = (CLASS_SORT_KEYS as readonly string[]).includes(requested) ? (requested as ClassSortKey) : "name";
  const dir = firstSearchParam(query.dir);
  return {
    sort,
    dir: dir === "asc" || dir === "desc" ? dir : defaultDirection(sort),
    page: Math.max(0, Math.floor(Number(firstSearchParam(query.page)) || 0)),
  };
}

/** Sorts in place; nulls last whatever the direction, ties by name. */
export function sortRows(rows: StudentProgressRow[], sort: ClassSortKey, dir: "asc" | "desc"): void {
  const sign = dir === "asc" ? 1 : -1;
  rows.sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    const c = x === null || y === null ? 0 : typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? sign * c : a.name.localeCompare(b.name);
  });
}
