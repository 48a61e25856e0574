import { expect, test, type Page } from "@playwright/test";
import { queryAppDatabase } from "./database";
import { signUp, uniqueEmail } from "./helpers";

// The service worker is on in this spec only (the others route requests, which a worker would answer).
test.use({ serviceWorkers: "allow" });

const LECTURE = "/lectures/ml-systems-and-data-engineering";

/** Answers the question on screen with the keyboard, whatever its type, and moves on. */
async function answerAndGoOn(page: Page, n: number) {
  await expect(page.locator("form legend")).toContainText(`Question ${n} of`);
  const form = page.locator("form").filter({ has: page.locator("legend") });
  const text = form.locator("input[type=text], textarea").first();
  if (await form.locator("input[type=checkbox]").count()) await form.locator("input[type=checkbox]").first().check();
  else if (await form.locator("input[type=radio]").count()) await form.locator("input[type=radio]").first().check();
  else if (await text.count()) await text.fill("offline answer");
  else await form.locator("select").first().selectOption({ index: 1 });
  await page
    .getByRole("button", { name: /^(Save and next|Next|Review)/ })
    .first()
    .click();
}

async function turnAndRateGood(page: Page) {
  await expect(async () => {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("card-back")).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.keyboard.press("3");
}

test("a student who opened Lecture 1 studies it offline; back online, every rating and answer is saved exactly once", async ({ page, context }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("offline");
  await signUp(page, "Olive Offline", email);

  // Online: open the lecture (it is kept on the device), and start the quiz (untimed).
  await page.goto(LECTURE);
  await expect(page.getByTestId("lecture-offline")).toContainText("Available offline", { timeout: 60_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.goto(`${LECTURE}/quiz`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const attemptUrl = new URL(page.url()).pathname;
  // The attempt page is kept as it is opened; reload it so the service worker answers it.
  await page.reload();
  await expect(page.locator("form legend")).toContainText("Question 1 of");

  await context.setOffline(true);

  // The notes.
  await page.goto(LECTURE);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("AI/ML Systems");
  await expect(page.locator("article, .notes-prose").first()).toBeVisible();

  // Three flashcards, rated offline.
  await page.goto(`${LECTURE}/flashcards`);
  const fronts: string[] = [];
  for (let i = 0; i < 3; i++) {
    fronts.push((await page.locator("#card-front").textContent()) ?? "");
    await turnAndRateGood(page);
    await expect(page.getByTestId("review-announcer")).toContainText("kept on this device");
  }
  expect(new Set(fronts).size).toBe(3);
  await expect(page.getByTestId("offline-status")).toContainText("3 flashcard ratings are kept on this device, sent when you are back online");

  // The podcast plays from the device.
  await page.goto(`${LECTURE}/podcast`);
  await expect(page.getByTestId("podcast-player")).toHaveAttribute("data-hydrated", "true");
  await page.getByTestId("podcast-audio").evaluate(async (audio: HTMLAudioElement) => {
    audio.muted = true;
    await audio.play();
  });
  await expect.poll(() => page.getByTestId("podcast-audio").evaluate((audio: HTMLAudioElement) => audio.currentTime), { timeout: 20_000 }).toBeGreaterThan(1);
  await page.getByTestId("podcast-audio").evaluate((audio: HTMLAudioElement) => audio.pause());

  // Two quiz answers, offline; a reload offline keeps them.
  await page.goto(attemptUrl);
  await answerAndGoOn(page, 1);
  await answerAndGoOn(page, 2);
  await expect(page.getByTestId("offline-status")).toContainText("2 quiz answers");
  await page.reload();
  await expect(page.getByTestId("offline-status")).toContainText("3 flashcard ratings and 2 quiz answers are kept on this device");

  // Back online: everything is sent, once.
  await context.setOffline(false);
  await expect(page.getByTestId("offline-status")).toHaveCount(0, { timeout: 30_000 });
  const logs = await queryAppDatabase<{ ratings: number; keys: number }>(
    `SELECT count(*)::int AS ratings, count(DISTINCT l.idempotency_key)::int AS keys
       FROM review_logs l JOIN users u ON u.id = l.user_id WHERE u.email = $1 AND l.undone_at IS NULL`,
    [email],
  );
  expect(logs).toEqual([{ ratings: 3, keys: 3 }]);
  const answers = await queryAppDatabase<{ position: number; saves: string }>(
    `SELECT r.position, r.save_seq::text AS saves FROM responses r JOIN attempts a ON a.id = r.attempt_id
      WHERE a.id = $1 AND (cardinality(r.chosen_option_keys) > 0 OR r.answer_text IS NOT NULL) ORDER BY r.position`,
    [attemptUrl.split("/").pop()],
  );
  expect(answers).toEqual([
    { position: 0, saves: "1" },
    { position: 1, saves: "1" },
  ]);
});

test("signing out removes the device's copies", async ({ page }) => {
  await signUp(page, "Sol Signout", uniqueEmail("signout"));
  await page.goto(LECTURE);
  await expect(page.getByTestId("lecture-offline")).toContainText("Available offline", { timeout: 60_000 });
  const kept = () =>
    page.evaluate(async () =>
      (
        await Promise.all(
          (await caches.keys()).filter((name) => name.startsWith("course-")).map(async (name) => (await (await caches.open(name)).keys()).length),
        )
      ).reduce((a, b) => a + b, 0),
    );
  expect(await kept()).toBeGreaterThan(4);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const left = await page.evaluate(async () => {
    const names = await caches.keys();
    return names.filter((name) => name.startsWith("course-"));
  });
  expect(left).toEqual([]);
});
