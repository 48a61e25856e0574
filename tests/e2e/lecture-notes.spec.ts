import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";

test("a student opens Lecture 1, reads two sections, and sees the progress on the course home after a reload", async ({ page }) => {
  await signUp(page, "Rea Der", uniqueEmail("reader"));
  const card = page.getByTestId("lecture-card-ml-systems-and-data-engineering");
  await expect(card.getByTestId("notes-progress")).toHaveText("0 of 11 sections read");
  await card.click();

  await expect(page).toHaveURL(LECTURE);
  await expect(page.getByRole("heading", { level: 1, name: "AI/ML Systems Fundamentals and Data Engineering 101" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Contents" }).getByRole("link")).toHaveCount(11);
  await expect(page.getByTestId("reading-progress")).toHaveText("0 of 11 read");

  await page
    .locator("#ml-in-production")
    .getByRole("button", { name: /^Mark as read/ })
    .click();
  await expect(page.getByTestId("reading-progress")).toHaveText("1 of 11 read");
  // The second section is read by scrolling to its end and staying there a moment.
  await page.locator("#project-framing footer").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("reading-progress")).toHaveText("2 of 11 read");
  await expect(page.locator("#project-framing").getByText("You have read this section")).toBeVisible();

  await page.goto("/");
  await page.reload();
  await expect(page.getByTestId("lecture-card-ml-systems-and-data-engineering").getByTestId("notes-progress")).toHaveText("2 of 11 sections read");

  // Progress survives on the notes page too.
  await page.goto(LECTURE);
  await expect(page.getByTestId("reading-progress")).toHaveText("2 of 11 read");
});

test("the notes render Markdown tables and anchors, and the table of contents jumps to a section", async ({ page }) => {
  await signUp(page, "Nav Igator", uniqueEmail("navigator"));
  await page.goto(LECTURE);
  await page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: /OLTP/ }).click();
  await expect(page).toHaveURL(`${LECTURE}#oltp-vs-olap`);
  await expect(page.locator("#oltp-vs-olap table")).toBeVisible();
  await expect(page.locator("#oltp-vs-olap")).toBeInViewport();
});

test("lecture pages pass an accessibility check (axe)", async ({ page }) => {
  await signUp(page, "Ax E", uniqueEmail("axe"));
  for (const path of ["/", LECTURE, `${LECTURE}/flashcards/browse`]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.length} node(s) — ${v.help}`),
      path,
    ).toEqual([]);
  }
});

test("an unknown lecture is a 404, and a signed-out visitor is sent to sign in", async ({ page, browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(LECTURE);
  await expect(anonymous).toHaveURL(/\/sign-in\?callbackUrl=%2Flectures%2Fml-systems-and-data-engineering$/);
  await signUp(page, "Lo St", uniqueEmail("lost"));
  expect((await page.goto("/lectures/no-such-lecture"))?.status()).toBe(404);
  expect((await page.goto("/lectures/NOT%20A%20SLUG"))?.status()).toBe(404);
});

test("flashcards can be browsed and turned over with the keyboard", async ({ page }) => {
  await signUp(page, "Card Browser", uniqueEmail("cards"));
  await page.goto(`${LECTURE}/flashcards`);
  await page.getByRole("link", { name: "Browse all cards" }).click();
  await expect(page).toHaveURL(`${LECTURE}/flashcards/browse`);
  await expect(page.locator('section[aria-labelledby="browse-title"] li')).toHaveCount(37);
  const button = page.getByRole("button", { name: "Show answer for Collect Data" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Gather a relevant dataset for training your model.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Hide answer for Collect Data" })).toHaveAttribute("aria-expanded", "true");
});
