// Going on with a review session without a connection (lib/offline/review-offline.ts): a rating kept
// on the device takes its card out of the session and brings up the next one the session carries.
import { describe, expect, it } from "vitest";
import { advanceSession, withoutKept } from "@/lib/offline/review-offline";
import type { ReviewItem, ReviewSession } from "@/lib/review/data";
import type { CardState } from "@/lib/review/fsrs";

function item(itemId: string, state: CardState): ReviewItem {
  const preview = { label: "1m", description: "in 1 minute" };
  return {
    itemId,
    state,
    front: `front of ${itemId}`,
    options: [],
    back: `back of ${itemId}`,
    explanation: "",
    sectionKey: null,
    topic: null,
    previews: { AGAIN: preview, HARD: preview, GOOD: preview, EASY: preview },
  };
}

/** Two due cards (one relearning), then three new ones, as the server sends a session. */
function session(): ReviewSession {
  return {
    lectureId: "lecture-1",
    deck: "flashcards",
    counts: { total: 9, dueToday: 2, learning: 1, learned: 1, new: 5, newLeftToday: 3 },
    current: item("due-a", "REVIEW"),
    upcoming: [item("due-b", "RELEARNING"), item("new-a", "NEW"), item("new-b", "NEW"), item("new-c", "NEW")],
    nextDue: null,
  };
}

const ids = (s: ReviewSession) => ({ current: s.current?.itemId ?? null, upcoming: s.upcoming.map((card) => card.itemId) });

describe("advanceSession", () => {
  it("rating the current card brings up the first upcoming one and counts one due card less", () => {
    const before = session();
    const copy = structuredClone(before);
    const after = advanceSession(before, "due-a");
    expect(ids(after)).toEqual({ current: "due-b", upcoming: ["new-a", "new-b", "new-c"] });
    expect(after.counts).toEqual({ total: 9, dueToday: 1, learning: 1, learned: 1, new: 5, newLeftToday: 3 });
    expect(after).toMatchObject({ lectureId: "lecture-1", deck: "flashcards", nextDue: null });
    // The cards themselves travel unchanged; the session it came from is not modified.
    expect(after.current).toEqual(item("due-b", "RELEARNING"));
    expect(before).toEqual(copy);
  });

  it("rating a new card counts one new card less and one less left for today, not a due one", () => {
    const after = advanceSession(advanceSession(advanceSession(session(), "due-a"), "due-b"), "new-a");
    expect(ids(after)).toEqual({ current: "new-b", upcoming: ["new-c"] });
    expect(after.counts).toEqual({ total: 9, dueToday: 0, learning: 1, learned: 1, new: 4, newLeftToday: 2 });
  });

  it("takes out a card rated from further down the queue and leaves the current one in place", () => {
    const after = advanceSession(session(), "new-b");
    expect(ids(after)).toEqual({ current: "due-a", upcoming: ["due-b", "new-a", "new-c"] });
    expect(after.counts).toEqual({ total: 9, dueToday: 2, learning: 1, learned: 1, new: 4, newLeftToday: 2 });
  });

  it.each<[CardState, Partial<ReviewSession["counts"]>]>([
    ["LEARNING", { dueToday: 4, new: 5, newLeftToday: 3 }],
    ["RELEARNING", { dueToday: 4, new: 5, newLeftToday: 3 }],
    ["REVIEW", { dueToday: 4, new: 5, newLeftToday: 3 }],
    ["NEW", { dueToday: 5, new: 4, newLeftToday: 2 }],
  ])("a %s card changes the counts by its state", (state, expected) => {
    const start: ReviewSession = { ...session(), counts: { ...session().counts, dueToday: 5 }, current: item("x", state), upcoming: [] };
    expect(advanceSession(start, "x").counts).toMatchObject(expected);
  });

  it("never counts below zero", () => {
    const start: ReviewSession = {
      ...session(),
      counts: { total: 2, dueToday: 0, learning: 0, learned: 0, new: 0, newLeftToday: 0 },
      current: item("review", "REVIEW"),
      upcoming: [item("fresh", "NEW")],
    };
    const after = advanceSession(advanceSession(start, "review"), "fresh");
    expect(after.counts).toEqual({ total: 2, dueToday: 0, learning: 0, learned: 0, new: 0, newLeftToday: 0 });
  });

  it("rating the last card leaves nothing to show", () => {
    const start: ReviewSession = { ...session(), current: item("last", "NEW"), upcoming: [] };
    const after = advanceSession(start, "last");
    expect(after.current).toBeNull();
    expect(after.upcoming).toEqual([]);
    expect(after.counts).toMatchObject({ new: 4, newLeftToday: 2, dueToday: 2 });
  });

  it("returns the very same session for a card it does not carry", () => {
    const start = session();
    expect(advanceSession(start, "not-in-session")).toBe(start);
    expect(advanceSession(start, "")).toBe(start);
    const empty: ReviewSession = { ...start, current: null, upcoming: [], nextDue: "2026-05-05T08:00:00.000Z" };
    expect(advanceSession(empty, "due-a")).toBe(empty);
  });
});

describe("withoutKept", () => {
  it("takes out every card rated on the device and not yet sent, in any order", () => {
    const after = withoutKept(session(), ["new-a", "due-a"]);
    expect(ids(after)).toEqual({ current: "due-b", upcoming: ["new-b", "new-c"] });
    expect(after.counts).toEqual({ total: 9, dueToday: 1, learning: 1, learned: 1, new: 4, newLeftToday: 2 });
  });

  it("counts a card kept twice, or no longer in the session, only once", () => {
    const after = withoutKept(session(), ["due-a", "due-a", "gone", "new-c"]);
    expect(ids(after)).toEqual({ current: "due-b", upcoming: ["new-a", "new-b"] });
    expect(after.counts).toEqual({ total: 9, dueToday: 1, learning: 1, learned: 1, new: 4, newLeftToday: 2 });
  });

  it("leaves the session as it is when nothing is kept", () => {
    const start = session();
    expect(withoutKept(start, [])).toBe(start);
    expect(withoutKept(start, ["gone"])).toBe(start);
  });

  it("ends with nothing to show when every card was rated", () => {
    const after = withoutKept(session(), ["new-c", "new-b", "new-a", "due-b", "due-a"]);
    expect(ids(after)).toEqual({ current: null, upcoming: [] });
    expect(after.counts).toEqual({ total: 9, dueToday: 0, learning: 1, learned: 1, new: 2, newLeftToday: 0 });
  });
});
