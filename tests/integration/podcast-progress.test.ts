import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAudio } from "@/app/api/podcast/[slug]/[file]/route";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import type { PodcastFile } from "@/lib/content/schemas";
import { getCourseHome } from "@/lib/course/data";
import { db } from "@/lib/db";
import { getEpisode, getEpisodeAudioFile, getListeningProgress, saveListeningProgress } from "@/lib/podcast/data";
import { scriptHash, type TimingFile } from "@/lib/podcast/timing-file";
import { createUser, sessionCookieFor } from "./helpers";

// Beta's fixture episode has two lines in one chapter. Its "built audio" here is a timing file of a
// 100-second episode and a dummy MP3, in a podcast directory of the test's own.
const podcastDir = mkdtempSync(path.join(os.tmpdir(), "podcast-test-"));
let script: PodcastFile;
let episodeId: string;

function writeTiming(overrides: Partial<TimingFile> = {}): TimingFile {
  const timing: TimingFile = {
    version: 1,
    scriptHash: scriptHash(script),
    buildHash: "a".repeat(64),
    audioFile: "episode-aaaaaaaaaaaa.mp3",
    audioBytes: 4,
    mimeType: "audio/mpeg",
    duration: 100,
    lines: [
      { start: 0, end: 40 },
      { start: 40.35, end: 100 },
    ],
    chapters: [{ key: "intro", start: 0, end: 100 }],
    ...overrides,
  };
  mkdirSync(path.join(podcastDir, "beta"), { recursive: true });
  writeFileSync(path.join(podcastDir, "beta", timing.audioFile), "ID3\0");
  writeFileSync(path.join(podcastDir, "beta", "timing.json"), JSON.stringify(timing));
  return timing;
}

const progressRow = (userId: string) =>
  db.podcastProgress.findUnique({
    where: { userId_episodeId: { userId, episodeId } },
    select: { positionSeconds: true, heardSeconds: true, heardRanges: true },
  });

beforeAll(async () => {
  process.env.PODCAST_DIR = podcastDir;
  const tree = readContentTree(path.resolve(import.meta.dirname, "../fixtures/content"));
  await loadContentTree(db, tree);
  script = tree.lectures.find((l) => l.lecture.slug === "beta")!.podcast!;
  episodeId = (await db.podcastEpisode.findFirstOrThrow({ where: { lecture: { slug: "beta" } } })).id;
});

afterAll(() => {
  delete process.env.PODCAST_DIR;
  rmSync(podcastDir, { recursive: true, force: true });
});

describe("the podcast episode", () => {
  it("shows the transcript without audio until the audio is built, and refuses to save a position", async () => {
    const user = await createUser();
    const episode = (await getEpisode(user, "beta"))!;
    expect(episode).toMatchObject({ title: "Beta, the episode", audio: null, audioProblem: "not-built" });
    expect(episode.lines).toEqual([
      { hostId: "ana", hostName: "Ana", chapter: "intro", text: "Welcome to Beta.", start: null, end: null },
      { hostId: "ben", hostName: "Ben", chapter: "intro", text: "Thanks.", start: null, end: null },
    ]);
    expect(episode.chapters).toEqual([{ key: "intro", title: "Only section", sectionKey: "only", start: null }]);
    expect(await getEpisode(user, "alpha")).toBeNull();
    await expect(saveListeningProgress(user, { episodeId, position: 5, heard: [[0, 5]], seeked: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await progressRow(user.id)).toBeNull();
  });

  it("serves the built audio's timings, and only its current file to signed-in users", async () => {
    writeTiming();
    const user = await createUser();
    const episode = (await getEpisode(user, "beta"))!;
    expect(episode.audio).toEqual({
      url: "/api/podcast/beta/episode-aaaaaaaaaaaa.mp3",
      downloadUrl: "/api/podcast/beta/episode-aaaaaaaaaaaa.mp3?download=1",
      duration: 100,
      bytes: 4,
      mimeType: "audio/mpeg",
    });
    expect(episode.lines.map((l) => [l.start, l.end])).toEqual([
      [0, 40],
      [40.35, 100],
    ]);
    expect(episode.chapters[0]!.start).toBe(0);
    expect(await getEpisodeAudioFile(user, "beta", "episode-aaaaaaaaaaaa.mp3")).toEqual({
      path: path.join(podcastDir, "beta", "episode-aaaaaaaaaaaa.mp3"),
      bytes: 4,
      mimeType: "audio/mpeg",
      downloadName: "beta-podcast.mp3",
    });
    await expect(getEpisodeAudioFile(user, "beta", "timing.json")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getEpisodeAudioFile(user, "beta", "../../etc/passwd")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A slug from the URL with a NUL byte or a path in it names no episode (and never reaches the query).
    for (const slug of ["be\u0000ta", "../beta", "BETA", ""])
      await expect(getEpisodeAudioFile(user, slug, "episode-aaaaaaaaaaaa.mp3")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getEpisodeAudioFile(null as never, "beta", "episode-aaaaaaaaaaaa.mp3")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("treats audio built from another version of the script as missing", async () => {
    writeTiming({ scriptHash: "b".repeat(64) });
    const user = await createUser();
    expect(await getEpisode(user, "beta")).toMatchObject({ audio: null, audioProblem: "out-of-date" });
    await expect(getEpisodeAudioFile(user, "beta", "episode-aaaaaaaaaaaa.mp3")).rejects.toMatchObject({ code: "NOT_FOUND" });
    writeTiming();
    expect((await getEpisode(user, "beta"))!.audio).not.toBeNull();
  });
});

describe("the audio route", () => {
  /** The route, as a browser with `cookie` (signed in, or not when empty) asks for `file`. */
  const audio = (file: string, cookie: string, headers: Record<string, string> = {}) =>
    getAudio(new Request(`http://localhost/api/podcast/beta/${file}`, { headers: cookie ? { ...headers, cookie } : headers }), {
      params: Promise.resolve({ slug: "beta", file }),
    });

  it("answers 401 when signed out, 404 for anything but the current file, and serves the file and byte ranges", async () => {
    writeTiming();
    const anonymous = await audio("episode-aaaaaaaaaaaa.mp3", "");
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toBe("Please sign in to continue.");
    const cookie = await sessionCookieFor(await createUser());
    expect((await audio("episode-aaaaaaaaaaaa.mp3", "next-auth.session-token=forged")).status).toBe(401);
    const missing = await audio("timing.json", cookie);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("This audio file does not exist (the episode may have been rebuilt). Reload the page.");
    const whole = await audio("episode-aaaaaaaaaaaa.mp3", cookie);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe("4");
    expect(await whole.text()).toBe("ID3\u0000");
    const part = await audio("episode-aaaaaaaaaaaa.mp3", cookie, { range: "bytes=1-2" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 1-2/4");
    expect(await part.text()).toBe("D3");
  });
});

describe("listening progress", () => {
  beforeAll(() => {
    writeTiming();
  });

  it("is idempotent and never moves backwards unless the student seeks back", async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    expect(await getListeningProgress(ann, episodeId, 100)).toEqual({ position: 0, heardSeconds: 0, percentHeard: 0 });

    const first = { episodeId, position: 10, heard: [[0, 10]] as [number, number][], seeked: false };
    expect(await saveListeningProgress(ann, first)).toEqual({ position: 10, heardSeconds: 10, percentHeard: 10 });
    // The same save again (a retry): nothing changes.
    expect(await saveListeningProgress(ann, first)).toEqual({ position: 10, heardSeconds: 10, percentHeard: 10 });
    expect(await progressRow(ann.id)).toEqual({ positionSeconds: 10, heardSeconds: 10, heardRanges: [[0, 10]] });

    // A late, older save (position 5) does not move the position back.
    expect(await saveListeningProgress(ann, { episodeId, position: 5, heard: [[0, 5]], seeked: false })).toEqual({
      position: 10,
      heardSeconds: 10,
      percentHeard: 10,
    });

    // The student seeks back to 3 after hearing 10-12: the position goes back, the heard time adds up.
    expect(await saveListeningProgress(ann, { episodeId, position: 3, heard: [[10, 12]], seeked: true })).toEqual({
      position: 3,
      heardSeconds: 12,
      percentHeard: 12,
    });

    // Beyond the end is cut to the episode; separate stretches are kept apart.
    expect(await saveListeningProgress(ann, { episodeId, position: 150, heard: [[90, 150]], seeked: false })).toEqual({
      position: 100,
      heardSeconds: 22,
      percentHeard: 22,
    });
    expect(await progressRow(ann.id)).toEqual({
      positionSeconds: 100,
      heardSeconds: 22,
      heardRanges: [
        [0, 12],
        [90, 100],
      ],
    });
    expect(await getListeningProgress(ann, episodeId, 100)).toEqual({ position: 100, heardSeconds: 22, percentHeard: 22 });

    // Bob's progress is his own.
    expect(await getListeningProgress(bob, episodeId, 100)).toEqual({ position: 0, heardSeconds: 0, percentHeard: 0 });
    expect(await progressRow(bob.id)).toBeNull();
  });

  it("loses nothing when two tabs save at once", async () => {
    const user = await createUser();
    await Promise.all([
      saveListeningProgress(user, { episodeId, position: 20, heard: [[0, 20]], seeked: false }),
      saveListeningProgress(user, { episodeId, position: 60, heard: [[40, 60]], seeked: false }),
      saveListeningProgress(user, { episodeId, position: 80, heard: [[70, 80]], seeked: false }),
    ]);
    expect(await getListeningProgress(user, episodeId, 100)).toEqual({ position: 80, heardSeconds: 50, percentHeard: 50 });
  });

  it("counts on the course home as % heard; a lecture without an episode has none", async () => {
    const user = await createUser();
    await saveListeningProgress(user, {
      episodeId,
      position: 99,
      heard: [
        [0, 45],
        [45, 99],
      ],
      seeked: false,
    });
    const lectures = (await getCourseHome(user)).courses[0]!.lectures;
    expect(lectures.map((l) => [l.slug, l.podcast])).toEqual([
      ["alpha", null],
      ["beta", { percentHeard: 100 }],
    ]);
    const other = await createUser();
    expect((await getCourseHome(other)).courses[0]!.lectures[1]!.podcast).toEqual({ percentHeard: 0 });
  });

  it("rejects an episode that does not exist, writing nothing", async () => {
    const user = await createUser();
    await expect(saveListeningProgress(user, { episodeId: "no-such-episode", position: 1, heard: [], seeked: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.podcastProgress.count({ where: { userId: user.id } })).toBe(0);
  });
});
