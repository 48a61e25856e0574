import "server-only";
// A student's progress, composed from the summaries each feature exposes (lectures, podcast, quiz,
// review): this feature reads no table itself. The class view for staff is in ./class-data.ts.
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { getLectureOutlines, getSectionReads, type LectureOutline } from "../lectures/summaries";
import { getPodcastHeard } from "../podcast/summaries";
import { getAttemptSummaries, getTopicAnswers } from "../quiz/summaries";
import { getDeckCounts, getReviewedCards, type DeckCounts, type ReviewedCard } from "../review/summaries";
import { cardRecall, computeMastery, type CardEvidence, type TopicMastery } from "./mastery";
import { chooseNextStep, type LectureFigures, type NextStep } from "./next-step";

export interface LectureProgress {
  id: string;
  courseId: string;
  slug: string;
  number: number;
  title: string;
  summary: string;
  sectionsRead: number;
  sectionCount: number;
  podcastPercent: number | null;
  hasPodcast: boolean;
  quiz: { attemptsUsed: number; attemptsAllowed: number | null; bestPercent: number | null; lastPercent: number | null } | null;
  flashcards: DeckCounts;
  mistakes: DeckCounts;
  /** The cards the student wrote ("My cards"). */
  own: DeckCounts;
  topics: (TopicMastery & { name: string; sectionKey: string | null })[];
}

export interface MyProgress {
  lectures: LectureProgress[];
  nextStep: NextStep;
}

/** Everything the viewer's progress page shows, computed for `now`. Only the viewer's own figures are read. */
export async function getMyProgress(viewer: Viewer, now = new Date()): Promise<MyProgress> {
  assertRole(viewer, ROLES);
  const [lectures, reads, podcasts, decks, attempts, answers, cards] = await Promise.all([
    getLectureOutlines(viewer),
    getSectionReads(viewer),
    getPodcastHeard(viewer),
    getDeckCounts(viewer, now),
    getAttemptSummaries(viewer),
    getTopicAnswers(viewer),
    getReviewedCards(viewer, now),
  ]);
  const cardEvidence = cardEvidenceOf(cards);

  const result: LectureProgress[] = lectures.map((lecture) => {
    const deck = decks.get(lecture.id);
    const mastery = computeMastery(
      lecture.topics.map((t) => t.key),
      answers,
      cardEvidence,
      now,
    );
    return {
      id: lecture.id,
      courseId: lecture.courseId,
      slug: lecture.slug,
      number: lecture.number,
      title: lecture.title,
      summary: lecture.summary,
      sectionsRead: reads.countIn(lecture.id),
      sectionCount: lecture.sections.length,
      podcastPercent: podcasts.get(lecture.id)?.percentHeard ?? null,
      hasPodcast: lecture.hasPodcast,
      quiz: lecture.quiz ? { ...attempts.get(lecture.quiz.id), attemptsAllowed: lecture.quiz.attemptsAllowed } : null,
      flashcards: deck.flashcards,
      mistakes: deck.mistakes,
      own: deck.own,
      // In the order of the notes: by the section each topic draws on most.
      topics: mastery
        .map((m, i) => ({ ...m, name: lecture.topics[i]!.name, sectionKey: lecture.topics[i]!.sectionKey }))
        .sort((x, y) => sectionIndex(lecture.sections, x.sectionKey) - sectionIndex(lecture.sections, y.sectionKey) || x.name.localeCompare(y.name)),
    };
  });

  const figures: LectureFigures[] = result.map((l, i) => figuresOf(l, lectures[i]!, (id) => reads.has(id), cards, now));
  return { lectures: result, nextStep: chooseNextStep(figures) };
}

/** The viewer's mastery of each of `topicKeys` (in that order) at `now`: the figures the progress page shows. */
export async function getTopicMastery(viewer: Viewer, topicKeys: readonly string[], now = new Date()): Promise<TopicMastery[]> {
  assertRole(viewer, ROLES);
  const [answers, cards] = await Promise.all([getTopicAnswers(viewer), getReviewedCards(viewer, now)]);
  return computeMastery(topicKeys, answers, cardEvidenceOf(cards), now);
}

function cardEvidenceOf(cards: ReviewedCard[]): CardEvidence[] {
  return cards.flatMap((c) => {
    const recall = cardRecall(c.state, c.retrievability);
    return c.topic && recall !== null ? [{ topic: c.topic, retrievability: recall }] : [];
  });
}

function figuresOf(l: LectureProgress, outline: LectureOutline, read: (sectionId: string) => boolean, cards: ReviewedCard[], now: Date): LectureFigures {
  return {
    slug: l.slug,
    number: l.number,
    title: l.title,
    sections: outline.sections.map((s) => ({ key: s.key, title: s.title, read: read(s.id) })),
    quiz: l.quiz ? { attempts: l.quiz.attemptsUsed, canAttempt: l.quiz.attemptsAllowed === null || l.quiz.attemptsUsed < l.quiz.attemptsAllowed } : null,
    flashcardsDueNow: cardsDueNow(cards, l.id, "flashcards", now),
    mistakesDueNow: cardsDueNow(cards, l.id, "mistakes", now),
    ownCardsDueNow: cardsDueNow(cards, l.id, "own", now),
    newCardsLeftToday: l.flashcards.newLeftToday,
    podcastPercent: l.podcastPercent,
    topics: l.topics.map((t) => ({ key: t.topic, name: t.name, mastery: t.mastery, sectionKey: t.sectionKey })),
  };
}

function sectionIndex(sections: { key: string }[], key: string | null): number {
  const index = key ? sections.findIndex((s) => s.key === key) : -1;
  return index === -1 ? sections.length : index;
}

function cardsDueNow(cards: ReviewedCard[], lectureId: string, deck: ReviewedCard["deck"], now: Date): number {
  return cards.filter((c) => c.lectureId === lectureId && c.deck === deck && c.due <= now).length;
}
