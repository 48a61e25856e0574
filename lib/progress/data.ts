import "server-only";
import { db } from "../db";
import { assertRole, ROLES, STAFF_ROLES, type SessionUser } from "../auth/roles";
import { getEpisodeDuration, getPodcastHeardByLecture } from "../podcast/data";
import { getDeckCountsByLecture, snapshotSelect, type DeckCounts } from "../review/data";
import { retrievability, type CardState } from "../review/fsrs";
import { cardRecall, computeMastery, type AnswerEvidence, type CardEvidence, type TopicMastery } from "./mastery";
import { chooseNextStep, type LectureFigures, type NextStep } from "./next-step";

export interface LectureProgress {
  id: string;
  slug: string;
  number: number;
  title: string;
  sectionsRead: number;
  sectionCount: number;
  podcastPercent: number | null;
  hasPodcast: boolean;
  quiz: { attemptsUsed: number; attemptsAllowed: number | null; bestPercent: number | null; lastPercent: number | null } | null;
  flashcards: DeckCounts;
  mistakes: DeckCounts;
  topics: (TopicMastery & { name: string; sectionKey: string | null })[];
}

export interface MyProgress {
  lectures: LectureProgress[];
  nextStep: NextStep;
}

const percentOf = (score: number | null, max: number) => (score === null || max <= 0 ? null : Math.round((score / max) * 1000) / 10);

/** Everything the student's progress page shows, computed for `now`. Only the student's own rows are read. */
export async function getMyProgress(user: SessionUser, now = new Date()): Promise<MyProgress> {
  assertRole(user, ROLES);
  const [lectures, reads, podcasts, decks, attempts, responses, cards] = await Promise.all([
    db.lecture.findMany({
      orderBy: { number: "asc" },
      select: {
        id: true,
        slug: true,
        number: true,
        title: true,
        sections: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, key: true, title: true } },
        quizzes: { orderBy: { createdAt: "asc" }, take: 1, select: { id: true, attemptsAllowed: true } },
        topics: { orderBy: { key: "asc" }, select: { key: true, name: true, questions: { select: { versions: { orderBy: { version: "desc" }, take: 1, select: { sectionKey: true } } } } } },
        podcast: { select: { id: true } },
      },
    }),
    db.sectionRead.findMany({ where: { userId: user.id }, select: { sectionId: true } }),
    getPodcastHeardByLecture(user),
    getDeckCountsByLecture(user, now),
    db.attempt.findMany({ where: { userId: user.id }, orderBy: { attemptNumber: "asc" }, select: { quizId: true, status: true, score: true, maxScore: true } }),
    db.response.findMany({
      where: { attempt: { userId: user.id, status: "SUBMITTED" } },
      select: { mark: true, maxMark: true, attempt: { select: { submittedAt: true } }, questionVersion: { select: { question: { select: { topic: { select: { key: true } } } } } } },
    }),
    db.reviewCard.findMany({
      where: { userId: user.id, state: { not: "NEW" } },
      select: {
        ...snapshotSelect,
        lectureId: true,
        flashcard: { select: { retiredAt: true, topic: { select: { key: true } } } },
        question: { select: { topic: { select: { key: true } } } },
      },
    }),
  ]);
  const read = new Set(reads.map((r) => r.sectionId));
  const answers: AnswerEvidence[] = responses.flatMap((r) => {
    const topic = r.questionVersion.question.topic?.key;
    return topic && r.attempt.submittedAt ? [{ topic, score: r.maxMark > 0 ? (r.mark ?? 0) / r.maxMark : 0, at: r.attempt.submittedAt }] : [];
  });
  const cardEvidence: CardEvidence[] = cards.flatMap((c) => {
    const topic = c.flashcard ? (c.flashcard.retiredAt ? undefined : c.flashcard.topic?.key) : c.question?.topic?.key;
    const recall = cardRecall(c.state, retrievability({ ...c, state: c.state as CardState }, now));
    return topic && recall !== null ? [{ topic, retrievability: recall }] : [];
  });

  const result: LectureProgress[] = lectures.map((lecture) => {
    const quiz = lecture.quizzes[0];
    const mine = quiz ? attempts.filter((a) => a.quizId === quiz.id) : [];
    const submitted = mine.filter((a) => a.status === "SUBMITTED");
    const best = submitted.reduce<number | null>((m, a) => Math.max(m ?? 0, percentOf(a.score, a.maxScore) ?? 0), null);
    const last = submitted.length ? percentOf(submitted[submitted.length - 1]!.score, submitted[submitted.length - 1]!.maxScore) : null;
    const deck = decks.get(lecture.id)!;
    const sectionOfTopic = (topic: (typeof lecture.topics)[number]) => {
      const counts = new Map<string, number>();
      for (const q of topic.questions) {
        const key = q.versions[0]?.sectionKey;
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    };
    const mastery = computeMastery(
      lecture.topics.map((t) => t.key),
      answers,
      cardEvidence,
      now,
    );
    return {
      id: lecture.id,
      slug: lecture.slug,
      number: lecture.number,
      title: lecture.title,
      sectionsRead: lecture.sections.filter((s) => read.has(s.id)).length,
      sectionCount: lecture.sections.length,
      podcastPercent: podcasts.get(lecture.id)?.percentHeard ?? null,
      hasPodcast: lecture.podcast !== null,
      quiz: quiz ? { attemptsUsed: mine.length, attemptsAllowed: quiz.attemptsAllowed, bestPercent: best, lastPercent: last } : null,
      flashcards: deck.flashcards,
      mistakes: deck.mistakes,
      // In the order of the notes: by the section each topic draws on most.
      topics: mastery
        .map((m, i) => ({ ...m, name: lecture.topics[i]!.name, sectionKey: sectionOfTopic(lecture.topics[i]!) }))
        .sort((x, y) => sectionIndex(lecture.sections, x.sectionKey) - sectionIndex(lecture.sections, y.sectionKey) || x.name.localeCompare(y.name)),
    };
  });

  const figures: LectureFigures[] = result.map((l, i) => ({
    slug: l.slug,
    number: l.number,
    title: l.title,
    sections: lectures[i]!.sections.map((s) => ({ key: s.key, title: s.title, read: read.has(s.id) })),
    quiz: l.quiz ? { attempts: l.quiz.attemptsUsed, canAttempt: l.quiz.attemptsAllowed === null || l.quiz.attemptsUsed < l.quiz.attemptsAllowed } : null,
    flashcardsDueNow: cardsDueNow(cards, l.id, "flashcard", now),
    mistakesDueNow: cardsDueNow(cards, l.id, "mistake", now),
    newCardsLeftToday: l.flashcards.newLeftToday,
    podcastPercent: l.podcastPercent,
    topics: l.topics.map((t) => ({ key: t.topic, name: t.name, mastery: t.mastery, sectionKey: t.sectionKey })),
  }));
  return { lectures: result, nextStep: chooseNextStep(figures) };
}

function sectionIndex(sections: { key: string }[], key: string | null): number {
  const index = key ? sections.findIndex((s) => s.key === key) : -1;
  return index === -1 ? sections.length : index;
}

function cardsDueNow(cards: { lectureId: string; due: Date; flashcard: { retiredAt: Date | null } | null }[], lectureId: string, kind: "flashcard" | "mistake", now: Date): number {
  return cards.filter((c) => c.lectureId === lectureId && c.due <= now && (kind === "flashcard" ? c.flashcard && !c.flashcard.retiredAt : !c.flashcard)).length;
}

// ─── class progress, for instructors ───

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
  averageBestPercent: number | null;
  rows: StudentProgressRow[];
}

export const CLASS_SORT_KEYS = ["name", "sectionsRead", "podcastPercent", "attempts", "bestPercent", "cardsReviewed", "lastActive"] as const;
export type ClassSortKey = (typeof CLASS_SORT_KEYS)[number];

/** Per lecture: how many students read, listened, attempted the quiz and reviewed cards, and each student's figures. Staff only. */
export async function getClassProgress(user: SessionUser, options: { sort?: ClassSortKey; dir?: "asc" | "desc" } = {}): Promise<ClassProgress[]> {
  assertRole(user, STAFF_ROLES);
  const [lectures, students] = await Promise.all([
    db.lecture.findMany({
      orderBy: { number: "asc" },
      select: { id: true, slug: true, number: true, title: true, _count: { select: { sections: { where: { retiredAt: null } } } }, podcast: { select: { id: true } }, quizzes: { take: 1, orderBy: { createdAt: "asc" }, select: { id: true } } },
    }),
    db.user.findMany({ where: { role: "STUDENT" }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true, cohort: { select: { name: true } } } }),
  ]);
  const ids = students.map((s) => s.id);
  const [reads, listens, attempts, reviews] = await Promise.all([
    db.$queryRaw<{ user_id: string; lecture_id: string; n: number; last: Date }[]>`
      SELECT r.user_id, s.lecture_id, count(*)::int AS n, max(r.last_read_at) AS last FROM section_reads r JOIN note_sections s ON s.id = r.section_id
      WHERE s.retired_at IS NULL GROUP BY r.user_id, s.lecture_id`,
    db.$queryRaw<{ user_id: string; lecture_id: string; heard: number; last: Date }[]>`
      SELECT p.user_id, e.lecture_id, p.heard_seconds AS heard, p.updated_at AS last FROM podcast_progress p JOIN podcast_episodes e ON e.id = p.episode_id`,
    db.$queryRaw<{ user_id: string; quiz_id: string; n: number; best: number | null; last: Date | null }[]>`
      SELECT user_id, quiz_id, count(*)::int AS n, max(CASE WHEN status = 'SUBMITTED' AND max_score > 0 THEN score / max_score END) AS best, max(coalesce(submitted_at, started_at)) AS last
      FROM attempts GROUP BY user_id, quiz_id`,
    db.$queryRaw<{ user_id: string; lecture_id: string; n: number; last: Date }[]>`
      SELECT l.user_id, c.lecture_id, count(*)::int AS n, max(l.reviewed_at) AS last FROM review_logs l JOIN review_cards c ON c.id = l.review_card_id
      WHERE l.undone_at IS NULL AND c.kind = 'FLASHCARD' GROUP BY l.user_id, c.lecture_id`,
  ]);
  const key = (a: string, b: string) => `${a}|${b}`;
  const readMap = new Map(reads.map((r) => [key(r.user_id, r.lecture_id), r]));
  const listenMap = new Map(listens.map((r) => [key(r.user_id, r.lecture_id), r]));
  const attemptMap = new Map(attempts.map((r) => [key(r.user_id, r.quiz_id), r]));
  const reviewMap = new Map(reviews.map((r) => [key(r.user_id, r.lecture_id), r]));
  const durations = await getPodcastDurations(lectures.map((l) => l.slug));

  return lectures.map((lecture) => {
    const quizId = lecture.quizzes[0]?.id;
    const duration = durations.get(lecture.slug) ?? null;
    const rows: StudentProgressRow[] = ids.map((id, i) => {
      const r = readMap.get(key(id, lecture.id));
      const p = listenMap.get(key(id, lecture.id));
      const a = quizId ? attemptMap.get(key(id, quizId)) : undefined;
      const v = reviewMap.get(key(id, lecture.id));
      const last = [r?.last, p?.last, a?.last, v?.last].filter((d): d is Date => !!d).sort((x, y) => y.getTime() - x.getTime())[0];
      return {
        userId: id,
        name: students[i]!.name,
        email: students[i]!.email,
        cohort: students[i]!.cohort?.name ?? null,
        sectionsRead: r?.n ?? 0,
        podcastPercent: duration ? Math.min(100, Math.floor(((p?.heard ?? 0) / duration) * 100)) : null,
        attempts: a?.n ?? 0,
        bestPercent: a?.best === null || a?.best === undefined ? null : Math.round(a.best * 1000) / 10,
        cardsReviewed: v?.n ?? 0,
        lastActive: last?.toISOString() ?? null,
      };
    });
    sortRows(rows, options.sort ?? "name", options.dir ?? (options.sort && options.sort !== "name" ? "desc" : "asc"));
    const bests = rows.map((r) => r.bestPercent).filter((b): b is number => b !== null);
    return {
      lecture: { id: lecture.id, slug: lecture.slug, number: lecture.number, title: lecture.title, sectionCount: lecture._count.sections, hasPodcast: lecture.podcast !== null, hasQuiz: !!quizId },
      students: rows.length,
      read: rows.filter((r) => r.sectionsRead > 0).length,
      listened: rows.filter((r) => (listenMap.get(key(r.userId, lecture.id))?.heard ?? 0) > 0).length,
      attempted: rows.filter((r) => r.bestPercent !== null).length,
      reviewed: rows.filter((r) => r.cardsReviewed > 0).length,
      averageBestPercent: bests.length ? Math.round((bests.reduce((s, b) => s + b, 0) / bests.length) * 10) / 10 : null,
      rows,
    };
  });
}

async function getPodcastDurations(slugs: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const slug of slugs) {
    const duration = await getEpisodeDuration(slug);
    if (duration) result.set(slug, duration);
  }
  return result;
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
