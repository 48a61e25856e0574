import { describe, expect, it } from "vitest";
import {
  describeInterval,
  formatInterval,
  newCard,
  previewRatings,
  rate,
  retrievability,
  snapshotFromJson,
  snapshotToJson,
  type CardSnapshot,
} from "@/lib/review/fsrs";
import { buildQueue, countDeck, endOfDay, LEARN_AHEAD_MS, newAllowance, startOfDay, type QueueCard } from "@/lib/review/queue";
import { cardRecall, computeMastery, masteryLabel, recencyWeight } from "@/lib/progress/mastery";
import { chooseNextStep, type LectureFigures } from "@/lib/progress/next-step";

const T0 = new Date("2026-03-02T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number, from = T0) => new Date(from.getTime() + n * 86_400_000);

describe("the FSRS adapter", () => {
  it("schedules a new card: Again in 1 minute, Hard 6, Good 10 (learning steps), Easy 8 days", () => {
    const previews = previewRatings(newCard(T0), T0);
    expect(Object.fromEntries(Object.entries(previews).map(([r, p]) => [r, p.label]))).toEqual({ AGAIN: "1m", HARD: "6m", GOOD: "10m", EASY: "8d" });
    expect(previews.AGAIN.due).toEqual(minutes(1));
    expect(previews.GOOD.due).toEqual(minutes(10));
  });

  it("moves a card through learning to review, and Again is always due before Good", () => {
    const learning = rate(newCard(T0), "GOOD", T0).card;
    expect(learning).toMatchObject({ state: "LEARNING", reps: 1, learningSteps: 1, due: minutes(10), lastReview: T0 });
    const review = rate(learning, "GOOD", minutes(10)).card;
    expect(review).toMatchObject({ state: "REVIEW", reps: 2, scheduledDays: 2, due: days(2, minutes(10)) });
    for (const card of [newCard(T0), learning, review]) {
      const at = card === review ? days(2, minutes(10)) : card.due;
      expect(rate(card, "AGAIN", at).card.due.getTime()).toBeLessThan(rate(card, "GOOD", at).card.due.getTime());
    }
    // A lapse: Again on a review card sends it to relearning and counts a lapse.
    const lapsed = rate(review, "AGAIN", days(2, minutes(10))).card;
    expect(lapsed).toMatchObject({ state: "RELEARNING", lapses: 1 });
  });

  it("logs the card as it was before the rating", () => {
    const before = rate(newCard(T0), "GOOD", T0).card;
    const { log } = rate(before, "HARD", minutes(10));
    // ts-fsrs's log "due" is when the card was last scheduled (its previous review).
    expect(log).toMatchObject({
      rating: "HARD",
      state: "LEARNING",
      due: T0,
      stability: before.stability,
      difficulty: before.difficulty,
      reviewedAt: minutes(10),
    });
  });

  it("undo restores a card exactly: its snapshot survives the JSON round trip of the review log", () => {
    const states: CardSnapshot[] = [newCard(T0)];
    states.push(rate(states[0]!, "GOOD", T0).card);
    states.push(rate(states[1]!, "EASY", minutes(10)).card);
    for (const card of states) {
      const restored = snapshotFromJson(JSON.parse(JSON.stringify(snapshotToJson(card))));
      expect(restored).toEqual(card);
    }
  });

  it("gives the probability of recall, falling with time", () => {
    const review = rate(rate(newCard(T0), "GOOD", T0).card, "GOOD", minutes(10)).card;
    expect(retrievability(newCard(T0), T0)).toBe(0);
    const soon = retrievability(review, days(1, minutes(10)));
    const due = retrievability(review, review.due);
    const late = retrievability(review, days(30, minutes(10)));
    expect(soon).toBeGreaterThan(due);
    expect(due).toBeCloseTo(0.9, 1); // scheduled for 90% retention
    expect(late).toBeLessThan(due);
  });

  it("labels intervals briefly and in words", () => {
    expect([30_000, 60_000, 600_000, 3 * 3_600_000, 86_400_000, 12 * 86_400_000, 45 * 86_400_000, 400 * 86_400_000].map(formatInterval)).toEqual([
      "<1m",
      "1m",
      "10m",
      "3h",
      "1d",
      "12d",
      "1.5mo",
      "1.1y",
    ]);
    expect(describeInterval(60_000)).toBe("in 1 minute");
    expect(describeInterval(12 * 86_400_000)).toBe("in 12 days");
    expect(describeInterval(10_000)).toBe("in less than a minute");
  });
});

describe("the review queue", () => {
  const card = (itemId: string, position: number, state: QueueCard["state"], due: Date): QueueCard => ({ itemId, position, state, due });
  const deck = [
    card("new-b", 2, "NEW", T0),
    card("new-a", 1, "NEW", T0),
    card("review-late", 5, "REVIEW", minutes(-5)),
    card("review-early", 6, "REVIEW", minutes(-60)),
    card("learning-soon", 7, "LEARNING", minutes(10)),
    card("review-tomorrow", 8, "REVIEW", days(1)),
  ];

  it("shows due cards first (earliest first), then new cards in deck order", () => {
    expect(buildQueue(deck, T0, 20).current).toBe("review-early");
    const noDue = deck.filter((c) => !c.itemId.startsWith("review-") || c.itemId === "review-tomorrow");
    expect(buildQueue(noDue, T0, 20).current).toBe("new-a");
  });

  it("stops new cards at the daily limit, then learns ahead up to 20 minutes, then says when the next is due", () => {
    const noDue = deck.filter((c) => c.itemId === "new-a" || c.itemId === "learning-soon" || c.itemId === "review-tomorrow");
    expect(buildQueue(noDue, T0, 0)).toEqual({ current: "learning-soon", upcoming: [], nextDue: null });
    expect(LEARN_AHEAD_MS).toBe(20 * 60_000);
    const later = noDue.map((c) => (c.itemId === "learning-soon" ? { ...c, due: minutes(30) } : c));
    expect(buildQueue(later, T0, 0)).toEqual({ current: null, upcoming: [], nextDue: minutes(30) });
  });

  it("is the same on every call (a reload resumes the same card), and a preferred card comes first when eligible", () => {
    expect(buildQueue([...deck].reverse(), T0, 20).current).toBe(buildQueue(deck, T0, 20).current);
    expect(buildQueue(deck, T0, 20, "new-b").current).toBe("new-b");
    expect(buildQueue(deck, T0, 20, "review-tomorrow").current).toBe("review-early");
  });

  it("starts the review day at midnight UTC", () => {
    expect(startOfDay(new Date("2026-03-02T23:59:59.999Z"))).toEqual(new Date("2026-03-02T00:00:00.000Z"));
  });
});

describe("deck counts", () => {
  it("counts states, what is due before midnight UTC, and the new cards left under the daily allowance", () => {
    const card = (state: QueueCard["state"], due: Date) => ({ state, due });
    const cards = [
      card("NEW", T0),
      card("NEW", T0),
      card("LEARNING", minutes(10)),
      card("RELEARNING", days(2)),
      card("REVIEW", minutes(14 * 60)),
      card("REVIEW", days(1)),
    ];
    expect(endOfDay(T0)).toEqual(new Date("2026-03-03T00:00:00.000Z"));
    // Due today: the learning card (09:10) and the first review card (23:00); not the one due tomorrow at 09:00.
    expect(countDeck(cards, newAllowance(19), T0)).toEqual({ total: 6, dueToday: 2, learning: 2, learned: 2, new: 2, newLeftToday: 1 });
    expect(countDeck(cards, newAllowance(0), T0).newLeftToday).toBe(2);
    expect(newAllowance(25)).toBe(0);
    expect(countDeck([], 20, T0)).toEqual({ total: 0, dueToday: 0, learning: 0, learned: 0, new: 0, newLeftToday: 0 });
  });
});

describe("mastery", () => {
  it("weighs an answer half as much after 14 days", () => {
    expect(recencyWeight(T0, T0)).toBe(1);
    expect(recencyWeight(T0, days(14))).toBeCloseTo(0.5, 12);
    expect(recencyWeight(T0, days(28))).toBeCloseTo(0.25, 12);
  });

  it("is the weighted share of marks and recall, against a prior of one wrong answer", () => {
    const [m] = computeMastery(
      ["formats"],
      [
        { topic: "formats", score: 1, at: T0 },
        { topic: "formats", score: 1, at: T0 },
        { topic: "formats", score: 0, at: T0 },
      ],
      [{ topic: "formats", retrievability: 0.9 }],
      T0,
    );
    // (1 + 1 + 0 + 0.9) / (3 + 1 + 1) = 0.58
    expect(m!.mastery).toBeCloseTo(0.58, 12);
    expect(m).toMatchObject({ answers: 3, cards: 1 });
  });

  it("rises with correct answers and decays when the topic is not practised", () => {
    const answers = [
      { topic: "t", score: 1, at: T0 },
      { topic: "t", score: 1, at: T0 },
    ];
    const now = computeMastery(["t"], answers, [], T0)[0]!.mastery!;
    expect(now).toBeCloseTo(2 / 3, 12);
    const more = computeMastery(["t"], [...answers, { topic: "t", score: 1, at: T0 }], [], T0)[0]!.mastery!;
    expect(more).toBeCloseTo(3 / 4, 12);
    const later = computeMastery(["t"], answers, [], days(14))[0]!.mastery!;
    // weights 0.5 each: (0.5 + 0.5) / (1 + 1) = 0.5
    expect(later).toBeCloseTo(0.5, 12);
    expect(computeMastery(["t"], answers, [], days(60))[0]!.mastery!).toBeLessThan(later);
  });

  it("counts a learned card's recall, a lapsed card as forgotten, and a card still being learned not at all", () => {
    expect([cardRecall("REVIEW", 0.83), cardRecall("RELEARNING", 0.99), cardRecall("LEARNING", 0.99), cardRecall("NEW", 0)]).toEqual([0.83, 0, null, null]);
  });

  it("has no value without evidence, and labels the levels", () => {
    expect(computeMastery(["none"], [], [], T0)).toEqual([{ topic: "none", mastery: null, answers: 0, cards: 0 }]);
    expect([null, 0.2, 0.5, 0.8].map(masteryLabel)).toEqual(["Not started", "Needs work", "Getting there", "Strong"]);
  });
});

describe("the next step", () => {
  const lecture = (overrides: Partial<LectureFigures> = {}): LectureFigures => ({
    slug: "l1",
    number: 1,
    title: "Lecture one",
    sections: [
      { key: "intro", title: "Intro", read: true },
      { key: "formats", title: "Formats", read: false },
    ],
    quiz: { attempts: 0, canAttempt: true },
    flashcardsDueNow: 0,
    mistakesDueNow: 0,
    ownCardsDueNow: 0,
    newCardsLeftToday: 20,
    podcastPercent: 0,
    topics: [],
    ...overrides,
  });

  it("sends a new student to the first unread section", () => {
    expect(chooseNextStep([lecture()])).toMatchObject({ kind: "read-section", title: "Read “Formats”", href: "/lectures/l1#formats" });
  });

  it("puts due mistakes, then due cards, before anything else", () => {
    expect(chooseNextStep([lecture({ flashcardsDueNow: 3, mistakesDueNow: 2 })])).toMatchObject({
      kind: "review-mistakes",
      title: "Review 2 missed questions",
      href: "/lectures/l1/flashcards?deck=mistakes",
    });
    expect(chooseNextStep([lecture({ flashcardsDueNow: 1 })])).toMatchObject({
      kind: "review-cards",
      title: "Review 1 due flashcard",
      href: "/lectures/l1/flashcards",
    });
  });

  it("suggests the quiz once the notes are read, then the weakest topic", () => {
    const allRead = lecture({ sections: [{ key: "intro", title: "Intro", read: true }] });
    expect(chooseNextStep([allRead])).toMatchObject({ kind: "take-quiz", href: "/lectures/l1/quiz" });
    const taken = {
      ...allRead,
      quiz: { attempts: 1, canAttempt: true },
      topics: [
        { key: "a", name: "Alpha", mastery: 0.65, sectionKey: "intro" },
        { key: "b", name: "Beta", mastery: 0.3, sectionKey: "beta-section" },
        { key: "c", name: "Gamma", mastery: 0.9, sectionKey: null },
        { key: "d", name: "Delta", mastery: null, sectionKey: null },
      ],
    };
    expect(chooseNextStep([taken])).toMatchObject({ kind: "strengthen-topic", title: "Strengthen “Beta”", href: "/lectures/l1#beta-section" });
  });

  it("then the unread sections, new cards, the podcast; and says when everything is done", () => {
    const strong = { quiz: { attempts: 1, canAttempt: false }, topics: [{ key: "a", name: "A", mastery: 0.8, sectionKey: null }] };
    expect(chooseNextStep([lecture(strong)])).toMatchObject({ kind: "read-section", href: "/lectures/l1#formats" });
    const read = lecture({ ...strong, sections: [{ key: "intro", title: "Intro", read: true }] });
    expect(chooseNextStep([read])).toMatchObject({ kind: "learn-cards" });
    expect(chooseNextStep([{ ...read, newCardsLeftToday: 0, podcastPercent: 40 }])).toMatchObject({
      kind: "listen",
      detail: "40% heard so far.",
      href: "/lectures/l1/podcast",
    });
    expect(chooseNextStep([{ ...read, newCardsLeftToday: 0, podcastPercent: 100 }])).toMatchObject({ kind: "done", href: "/" });
  });

  it("prefers the earlier lecture for the same kind of step, but a more urgent kind in a later lecture", () => {
    const first = lecture({ slug: "l1", number: 1 });
    const second = lecture({ slug: "l2", number: 2 });
    expect(chooseNextStep([second, first]).lectureSlug).toBe("l1");
    expect(chooseNextStep([first, { ...second, flashcardsDueNow: 4 }])).toMatchObject({ kind: "review-cards", lectureSlug: "l2" });
  });
});
