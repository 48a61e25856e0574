// The one next thing worth doing, chosen from a student's figures (pure, tested on fixtures).
// In order: cards due now (mistakes first, then flashcards, then the student's own), the next unread section before the quiz is taken, the
// quiz not yet taken, the weakest topic below "strong", the remaining unread sections, new
// flashcards, the podcast not yet heard. The first lecture (by number) with something to do wins
// within each kind.
import { STRONG_MASTERY } from "./mastery";

export interface LectureFigures {
  slug: string;
  number: number;
  title: string;
  sections: { key: string; title: string; read: boolean }[];
  /** null when the lecture has no quiz. */
  quiz: { attempts: number; canAttempt: boolean } | null;
  flashcardsDueNow: number;
  mistakesDueNow: number;
  /** The student's own cards due now ("My cards"). */
  ownCardsDueNow: number;
  newCardsLeftToday: number;
  /** null without an episode (or without its audio). */
  podcastPercent: number | null;
  topics: { key: string; name: string; mastery: number | null; sectionKey: string | null }[];
}

export type NextStepKind =
  "review-mistakes" | "review-cards" | "review-own-cards" | "read-section" | "take-quiz" | "strengthen-topic" | "learn-cards" | "listen" | "done";

export interface NextStep {
  kind: NextStepKind;
  title: string;
  detail: string;
  href: string;
  lectureSlug: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function chooseNextStep(lectures: readonly LectureFigures[]): NextStep {
  const ordered = [...lectures].sort((a, b) => a.number - b.number);
  const base = (l: LectureFigures) => `/lectures/${l.slug}`;
  const rules: ((l: LectureFigures) => NextStep | null)[] = [
    (l) =>
      l.mistakesDueNow > 0
        ? {
            kind: "review-mistakes",
            title: `Review ${plural(l.mistakesDueNow, "missed question")}`,
            detail: `Questions you got wrong in Lecture ${l.number}'s quiz are due again.`,
            href: `${base(l)}/flashcards?deck=mistakes`,
            lectureSlug: l.slug,
          }
        : null,
    (l) =>
      l.flashcardsDueNow > 0
        ? {
            kind: "review-cards",
            title: `Review ${plural(l.flashcardsDueNow, "due flashcard")}`,
            detail: `Lecture ${l.number}: reviewing now, as they come due, is what makes them stick.`,
            href: `${base(l)}/flashcards`,
            lectureSlug: l.slug,
          }
        : null,
    (l) =>
      l.ownCardsDueNow > 0
        ? {
            kind: "review-own-cards",
            title: `Review ${plural(l.ownCardsDueNow, "card")} of your own`,
            detail: `Lecture ${l.number}: the cards you wrote are due again.`,
            href: `${base(l)}/flashcards?deck=own`,
            lectureSlug: l.slug,
          }
        : null,
    (l) => {
      const unread = l.sections.find((s) => !s.read);
      return unread && l.quiz && l.quiz.attempts === 0
        ? {
            kind: "read-section",
            title: `Read “${unread.title}”`,
            detail: `Lecture ${l.number}: ${l.sections.filter((s) => s.read).length} of ${l.sections.length} sections read.`,
            href: `${base(l)}#${unread.key}`,
            lectureSlug: l.slug,
          }
        : null;
    },
    (l) =>
      l.quiz && l.quiz.attempts === 0 && l.quiz.canAttempt
        ? {
            kind: "take-quiz",
            title: `Take Lecture ${l.number}'s quiz`,
            detail: "You have read the notes: see what stuck.",
            href: `${base(l)}/quiz`,
            lectureSlug: l.slug,
          }
        : null,
    (l) => {
      const weakest = l.topics
        .filter((t) => t.mastery !== null && t.mastery < STRONG_MASTERY)
        .sort((a, b) => a.mastery! - b.mastery! || a.name.localeCompare(b.name))[0];
      return weakest
        ? {
            kind: "strengthen-topic",
            title: `Strengthen “${weakest.name}”`,
            detail: `Your weakest topic in Lecture ${l.number} (mastery ${Math.round(weakest.mastery! * 100)}%): reread its notes, then practise.`,
            href: weakest.sectionKey ? `${base(l)}#${weakest.sectionKey}` : `${base(l)}/quiz/practice`,
            lectureSlug: l.slug,
          }
        : null;
    },
    (l) => {
      const unread = l.sections.find((s) => !s.read);
      return unread
        ? {
            kind: "read-section",
            title: `Read “${unread.title}”`,
            detail: `Lecture ${l.number}: ${plural(l.sections.filter((s) => !s.read).length, "section")} left to read.`,
            href: `${base(l)}#${unread.key}`,
            lectureSlug: l.slug,
          }
        : null;
    },
    (l) =>
      l.newCardsLeftToday > 0
        ? {
            kind: "learn-cards",
            title: "Learn new flashcards",
            detail: `Lecture ${l.number}: up to ${plural(l.newCardsLeftToday, "new card")} today.`,
            href: `${base(l)}/flashcards`,
            lectureSlug: l.slug,
          }
        : null,
    (l) =>
      l.podcastPercent !== null && l.podcastPercent < 100
        ? {
            kind: "listen",
            title: `Listen to Lecture ${l.number}'s podcast`,
            detail: `${l.podcastPercent}% heard so far.`,
            href: `${base(l)}/podcast`,
            lectureSlug: l.slug,
          }
        : null,
  ];
  for (const rule of rules) {
    for (const lecture of ordered) {
      const step = rule(lecture);
      if (step) return step;
    }
  }
  return { kind: "done", title: "You're up to date", detail: "Nothing is due. Come back tomorrow for your next reviews.", href: "/", lectureSlug: null };
}
