// Which pages the device may keep (lib/offline/paths.ts). A kept page is shown without asking the
// server, so a page that can carry an answer key (results, practice, personal practice, study) or
// another role's data must never be one of them; the refusals below are the point of this file.
import { describe, expect, it } from "vitest";
import { isKeptPage, isPodcastAudio, lecturePages } from "@/lib/offline/paths";

const SLUG = "ml-systems-and-data-engineering";

describe("isKeptPage: the pages that never show an answer key before submission", () => {
  it.each([
    "/",
    "/progress",
    "/review",
    `/lectures/${SLUG}`,
    `/lectures/${SLUG}/flashcards`,
    `/lectures/${SLUG}/podcast`,
    `/lectures/${SLUG}/quiz`,
    `/lectures/${SLUG}/quiz/attempts/cm9x2k1ab0000qz8f3h5t7v2w`,
    `/lectures/${SLUG}/quiz/attempts/a`,
    `/lectures/${SLUG}/quiz/attempts/${"A_b-9".repeat(12)}abcd`, // 64 characters
    "/lectures/1",
    `/lectures/${"a".repeat(100)}`, // the longest slug
  ])("keeps %s", (pathname) => {
    expect(isKeptPage(pathname)).toBe(true);
  });
});

describe("isKeptPage refuses every page that may carry a key, another role's data, or a crafted path", () => {
  it.each([
    // Results show the key once submitted; a kept copy could be shown before (or to someone else).
    `/lectures/${SLUG}/quiz/attempts/abc123/results`,
    `/lectures/${SLUG}/quiz/attempts/abc123/results/`,
    `/lectures/${SLUG}/quiz/attempts/abc123/review`,
    `/lectures/${SLUG}/quiz/attempts`,
    `/lectures/${SLUG}/quiz/attempts/`,
    // Practice shows each question's key as it goes; personal practice and study too.
    `/lectures/${SLUG}/quiz/practice`,
    `/lectures/${SLUG}/quiz/practice/`,
    `/lectures/${SLUG}/quiz/practice/abc123`,
    `/lectures/${SLUG}/quiz/practice/abc123/results`,
    `/lectures/${SLUG}/quiz/personal`,
    `/lectures/${SLUG}/quiz/personal/abc123`,
    `/lectures/${SLUG}/study`,
    `/lectures/${SLUG}/study/data-formats`,
    // Other roles' pages, the account, signing in, and every API route.
    "/instructor",
    "/instructor/",
    `/instructor/lectures/${SLUG}`,
    `/instructor/lectures/${SLUG}/quiz`,
    "/admin",
    "/admin/imports",
    "/account",
    "/account/",
    "/sign-in",
    "/sign-up",
    "/api/auth/session",
    `/api/podcast/${SLUG}/episode-abc.mp3`,
    `/api/lectures/${SLUG}/quiz`,
    // Neighbours of kept pages that are not them.
    "/review/",
    "/reviews",
    "/review/settings",
    "/progress/",
    "/progress/class",
    "/progress-report",
    `/lectures/${SLUG}/`,
    `/lectures/${SLUG}/flashcards/`,
    `/lectures/${SLUG}/flashcards/own`,
    `/lectures/${SLUG}/podcast/transcript`,
    `/lectures/${SLUG}/quizzes`,
    `/lectures/${SLUG}/quiz/`,
    "/lectures",
    "/lectures/",
    // Traversal and encodings: the slug and the attempt id are plain names, never path tricks.
    "/lectures/..",
    "/lectures/../admin",
    `/lectures/${SLUG}/../../admin`,
    `/lectures/${SLUG}/quiz/attempts/..`,
    `/lectures/${SLUG}/quiz/attempts/../practice`,
    `/lectures/${SLUG}/quiz/attempts/abc/../results`,
    `/lectures/${SLUG}/quiz/attempts/abc%2Fresults`,
    "/lectures/%2e%2e/admin",
    "/lectures/%2E%2E",
    "/lectures/./quiz",
    `/lectures/${SLUG}/./quiz`,
    `//lectures/${SLUG}`,
    `/lectures//quiz`,
    `/lectures/${SLUG}//quiz`,
    `\\lectures\\${SLUG}`,
    `/lectures/${SLUG}\\quiz\\practice`,
    // Slugs: lowercase letters, digits and dashes, not starting with a dash, at most 100 long.
    "/lectures/Alpha",
    `/lectures/${SLUG.toUpperCase()}`,
    `/lectures/ML-systems/quiz`,
    "/lectures/-alpha",
    "/lectures/al_pha",
    "/lectures/al pha",
    "/lectures/alph\u0430", // Cyrillic a
    `/lectures/${"a".repeat(101)}`,
    // Attempt ids: at most 64 of [A-Za-z0-9_-].
    `/lectures/${SLUG}/quiz/attempts/${"a".repeat(65)}`,
    `/lectures/${SLUG}/quiz/attempts/abc.def`,
    `/lectures/${SLUG}/quiz/attempts/abc def`,
    // A pathname is only ever a path: no query, fragment, line break, case games or missing slash.
    "/review?x=1",
    "/review#top",
    "/review\n",
    "/review\n/admin",
    `/lectures/${SLUG}/quiz/attempts/abc\n/results`,
    `/lectures/${SLUG}\n`,
    "/Review",
    "/PROGRESS",
    `/Lectures/${SLUG}`,
    `/lectures/${SLUG}/Quiz`,
    `/lectures/${SLUG}/quiz/Practice`,
    "review",
    "",
    " /",
    "/ ",
    `https://example.com/lectures/${SLUG}`,
  ])("refuses %j", (pathname) => {
    expect(isKeptPage(pathname)).toBe(false);
  });
});

describe("isPodcastAudio", () => {
  it.each([
    [`/api/podcast/${SLUG}/episode-3f9a1c2b7d4e.mp3`, true],
    ["/api/podcast/beta/episode.mp3", true],
    ["/api/podcast/beta/Episode_1.2.mp3", true],
    ["/api/podcast/beta/episode.MP3", false],
    ["/api/podcast/beta/episode.mp3/", false],
    ["/api/podcast/beta/episode.mp4", false],
    ["/api/podcast/beta/episode.mp3.json", false],
    ["/api/podcast/beta/timing.json", false],
    ["/api/podcast/beta/.mp3", false],
    ["/api/podcast/beta", false],
    ["/api/podcast/beta/", false],
    ["/api/podcast/Beta/episode.mp3", false],
    ["/api/podcast/beta/sub/episode.mp3", false],
    ["/api/podcast/beta/../alpha/episode.mp3", false],
    ["/api/podcast/../admin/episode.mp3", false],
    ["/api/podcast/beta/%2e%2e%2fsecret.mp3", false],
    ["/api/podcast/beta/episode.mp3?download=1", false],
    ["/api/podcast/beta/episode.mp3\n", false],
    ["/api/export/beta/episode.mp3", false],
    [`/lectures/${SLUG}/podcast`, false],
    ["/podcast/beta/episode.mp3", false],
  ])("%j → %s", (pathname, expected) => {
    expect(isPodcastAudio(pathname)).toBe(expected);
  });
});

describe("lecturePages", () => {
  it("lists the lecture, then its quiz intro, flashcards and podcast, only those it has", () => {
    expect(lecturePages(SLUG, { quiz: true, flashcards: true, podcast: true })).toEqual([
      `/lectures/${SLUG}`,
      `/lectures/${SLUG}/quiz`,
      `/lectures/${SLUG}/flashcards`,
      `/lectures/${SLUG}/podcast`,
    ]);
    expect(lecturePages("beta", { quiz: false, flashcards: false, podcast: false })).toEqual(["/lectures/beta"]);
    expect(lecturePages("beta", { quiz: false, flashcards: true, podcast: false })).toEqual(["/lectures/beta", "/lectures/beta/flashcards"]);
    expect(lecturePages("beta", { quiz: true, flashcards: false, podcast: true })).toEqual(["/lectures/beta", "/lectures/beta/quiz", "/lectures/beta/podcast"]);
  });

  it("lists only pages the device may keep", () => {
    const pages = lecturePages(SLUG, { quiz: true, flashcards: true, podcast: true });
    expect(pages.filter((page) => !isKeptPage(page))).toEqual([]);
  });
});
