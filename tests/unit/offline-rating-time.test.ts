// When a flashcard rating counts as made (lib/review/rating-time.ts, used by rateReviewCard): a rating
// kept on the device and sent later says when the student made it; the server believes it only within reason.
import { describe, expect, it } from "vitest";
import { OFFLINE_RATING_MAX_AGE_MS, ratingTime } from "@/lib/review/rating-time";
import { rateCardInput } from "@/lib/review/schemas";

const NOW = new Date("2026-05-04T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const iso = (date: Date) => date.toISOString();

describe("ratingTime", () => {
  it("believes a time at most a week back", () => {
    expect(OFFLINE_RATING_MAX_AGE_MS).toBe(604_800_000);
  });

  it.each<[string, string | undefined, Date | null, Date]>([
    ["no time sent: now", undefined, null, NOW],
    ["no time sent, with an earlier review: now", undefined, ago(DAY), NOW],
    ["two hours ago, a new card", iso(ago(2 * HOUR)), null, ago(2 * HOUR)],
    ["two hours ago, last reviewed three hours ago", iso(ago(2 * HOUR)), ago(3 * HOUR), ago(2 * HOUR)],
    ["two hours ago, but last reviewed an hour ago: not before the last review", iso(ago(2 * HOUR)), ago(HOUR), ago(HOUR)],
    ["two hours ago, last review stored in the future: capped at now", iso(ago(2 * HOUR)), new Date(NOW.getTime() + HOUR), NOW],
    ["exactly now", iso(NOW), null, NOW],
    ["one millisecond in the future: now", iso(new Date(NOW.getTime() + 1)), null, NOW],
    ["a day in the future: now", iso(new Date(NOW.getTime() + DAY)), ago(HOUR), NOW],
    ["exactly seven days ago: still believed", iso(ago(7 * DAY)), null, ago(7 * DAY)],
    ["seven days and a millisecond ago: now", iso(ago(7 * DAY + 1)), null, NOW],
    ["ten days ago: now", iso(ago(10 * DAY)), null, NOW],
    ["ten days ago, last reviewed twelve days ago: now", iso(ago(10 * DAY)), ago(12 * DAY), NOW],
    ["ten days ago, last reviewed an hour ago: now, not the last review", iso(ago(10 * DAY)), ago(HOUR), NOW],
    ["with an offset: 13:00+03:00 is 10:00Z", "2026-05-04T13:00:00+03:00", null, new Date("2026-05-04T10:00:00.000Z")],
    ["not a time at all: now", "not a time", null, NOW],
  ])("%s", (_name, reviewedAt, lastReview, expected) => {
    expect(ratingTime(NOW, reviewedAt, lastReview).toISOString()).toBe(expected.toISOString());
  });

  it("does not change the dates it is given", () => {
    const now = new Date(NOW);
    const last = ago(HOUR);
    ratingTime(now, iso(ago(2 * HOUR)), last);
    expect([now.toISOString(), last.toISOString()]).toEqual([NOW.toISOString(), ago(HOUR).toISOString()]);
  });
});

describe("rateCardInput.reviewedAt", () => {
  const base = { lectureId: "lecture-1", deck: "flashcards", itemId: "card-1", rating: "GOOD", idempotencyKey: "key-12345678" };

  it.each(["2026-05-04T10:00:00Z", "2026-05-04T10:00:00.123Z", "2026-05-04T13:00:00+03:00"])("accepts %s", (reviewedAt) => {
    expect(rateCardInput.parse({ ...base, reviewedAt })).toEqual({ ...base, reviewedAt });
  });

  it("is optional", () => {
    expect(rateCardInput.parse(base)).toEqual(base);
  });

  it.each(["yesterday", "2026-05-04", "2026-05-04 10:00:00Z", "10:00:00Z", "", "2026-13-04T10:00:00Z"])("rejects %j", (reviewedAt) => {
    expect(rateCardInput.safeParse({ ...base, reviewedAt }).success).toBe(false);
  });

  it("rejects a time that is not a string", () => {
    expect(rateCardInput.safeParse({ ...base, reviewedAt: NOW }).success).toBe(false);
    expect(rateCardInput.safeParse({ ...base, reviewedAt: NOW.getTime() }).success).toBe(false);
  });
});
