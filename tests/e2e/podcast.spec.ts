import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";

const audioTime = (page: Page) => page.getByTestId("podcast-audio").evaluate((audio: HTMLAudioElement) => audio.currentTime);

async function openPodcast(page: Page, name: string): Promise<void> {
  await signUp(page, name, uniqueEmail("listener"));
  await page.goto(LECTURE);
  await page.getByRole("navigation", { name: "Lecture" }).getByRole("link", { name: "Podcast" }).click();
  await expect(page).toHaveURL(`${LECTURE}/podcast`);
  await expect(page.getByRole("heading", { name: "Episode 1: From models in production to data pipelines" })).toBeVisible();
  await expect(page.getByTestId("podcast-player")).toHaveAttribute("data-hydrated", "true");
  // The episode plays muted: the test hears nothing, the browser still plays.
  await page.getByTestId("podcast-audio").evaluate((audio: HTMLAudioElement) => (audio.muted = true));
}

test("play muted, wait, reload: the position is restored, and the course home counts the share heard", async ({ page }) => {
  await openPodcast(page, "Lis Tener");
  await expect(page.getByRole("region", { name: "Chapters" }).getByRole("listitem")).toHaveCount(11);
  await expect(page.getByTestId("transcript").getByRole("listitem")).toHaveCount(52);
  await expect(page.getByTestId("podcast-clock")).toHaveText(/^0:00 \/ 9:\d\d$/);

  await page.getByRole("button", { name: "Play" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  // The first periodic save comes five seconds into playback.
  const saved = await page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined, { timeout: 15_000 });
  expect(saved.status()).toBe(200);
  const heardAtSave = await audioTime(page);
  expect(heardAtSave).toBeGreaterThan(4);

  await page.reload();
  await expect(page.getByTestId("podcast-player")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect.poll(() => audioTime(page)).toBeGreaterThan(4);
  expect(await audioTime(page)).toBeLessThan(heardAtSave + 3);
  await expect(page.getByTestId("podcast-heard")).toHaveText(/^[01]% of the episode$/); // about 5 s of 9 min
  await expect(page.getByTestId("podcast-clock")).toHaveText(/^0:0[4-9] \/ 9:\d\d$/);

  // Seek to the last chapter and listen to the end: the share heard counts what was played, not the jump.
  await page
    .getByRole("region", { name: "Chapters" })
    .getByRole("button", { name: /ETL, ELT, and a recap/ })
    .click();
  await page.getByTestId("podcast-audio").evaluate((audio: HTMLAudioElement) => (audio.playbackRate = 2));
  const chapterStart = await audioTime(page);
  expect(chapterStart).toBeGreaterThan(8 * 60);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect.poll(() => audioTime(page)).toBeGreaterThan(chapterStart + 4);
  await page.getByTestId("podcast-audio").evaluate((audio: HTMLAudioElement) => (audio.currentTime = audio.duration - 3));
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible({ timeout: 15_000 }); // ended
  await expect(page.getByTestId("podcast-heard")).toHaveText(/^[1-9]% of the episode$/);

  await page.goto("/");
  await expect(page.getByTestId("lecture-card-ml-systems-and-data-engineering").getByTestId("podcast-progress")).toHaveText(/^[1-9]% heard$/);
});

test("keyboard, transcript and chapters seek; the current line is marked; the page passes axe", async ({ page }) => {
  await openPodcast(page, "Key Board");
  const transcript = page.getByTestId("transcript");

  // K plays, L jumps 30 s forward, J 15 s back (the page body has focus).
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("k");
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await page.keyboard.press("k");
  await expect(page.getByRole("button", { name: /Resume|Play/ })).toBeVisible();
  const before = await audioTime(page);
  await page.keyboard.press("l");
  await expect.poll(() => audioTime(page)).toBeCloseTo(before + 30, 0);
  await page.keyboard.press("j");
  await expect.poll(() => audioTime(page)).toBeCloseTo(before + 15, 0);

  // A transcript line seeks to its start and becomes the current line; Enter works on it too.
  const line = transcript.getByRole("button", { name: /^\d+:\d\d, Theo: A straight line\./ });
  const start = (await line.getAttribute("aria-label"))!.match(/^(\d+):(\d\d)/)!;
  await line.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => audioTime(page)).toBeGreaterThanOrEqual(Number(start[1]) * 60 + Number(start[2]));
  await expect(transcript.locator('li[aria-current="true"]')).toContainText("Theo: A straight line.");
  await expect(page.getByRole("region", { name: "Chapters" }).locator('li[aria-current="true"]')).toContainText("ML in production: expectation versus reality");

  // Speed control.
  await page.getByLabel("Speed").selectOption("1.5");
  expect(await page.getByTestId("podcast-audio").evaluate((audio: HTMLAudioElement) => audio.playbackRate)).toBe(1.5);

  // Chapter titles link to their notes sections.
  await expect(page.getByRole("link", { name: "Notes: Data formats" })).toHaveAttribute("href", `${LECTURE}#data-formats`);

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("the audio is served in byte ranges and as a download to students, and to nobody signed out", async ({ page, browser }) => {
  await openPodcast(page, "Down Loader");
  const href = (await page.getByRole("link", { name: /Download MP3/ }).getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/podcast\/ml-systems-and-data-engineering\/episode-[0-9a-f]{12}\.mp3\?download=1$/);

  const ranged = await page.request.get(href.replace("?download=1", ""), { headers: { Range: "bytes=0-9" } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()["content-range"]).toMatch(/^bytes 0-9\/\d+$/);
  expect((await ranged.body()).byteLength).toBe(10);

  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toBe('attachment; filename="ml-systems-and-data-engineering-podcast.mp3"');
  expect(download.headers()["content-type"]).toBe("audio/mpeg");
  const body = await download.body();
  // An MP3 frame sync (or an ID3 tag) at the start.
  expect(body[0] === 0xff || body.subarray(0, 3).toString() === "ID3").toBe(true);

  const anonymous = await browser.newContext();
  const refused = await anonymous.request.get(new URL(href, page.url()).toString());
  expect(refused.status()).toBe(401);
  expect(await refused.text()).not.toContain("ID3");
  await anonymous.close();

  expect((await page.request.get("/api/podcast/ml-systems-and-data-engineering/timing.json")).status()).toBe(404);
});
