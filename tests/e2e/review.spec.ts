import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_INSTRUCTOR, signIn, signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";

const front = (page: Page) => page.getByTestId("review-card").locator("#card-front");

/** Space turns the card; retried, since a key pressed before the page has hydrated goes unheard. */
async function turnCard(page: Page) {
  await expect(async () => {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("card-back")).toBeVisible({ timeout: 1000 });
  }).toPass();
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("review flashcards with the keyboard, reload mid-session, and undo the last rating", async ({ page }) => {
  await signUp(page, "Re Viewer", uniqueEmail("reviewer"));
  await page.goto(`${LECTURE}/flashcards`);
  await expect(page.getByTestId("deck-new")).toHaveText("37");
  await expect(front(page)).toHaveText("Collect Data");
  // The answer is not on the page (nor in the accessibility tree) until the card is turned.
  await expect(page.getByTestId("card-back")).toHaveCount(0);

  await turnCard(page);
  await expect(page.getByTestId("card-back")).toContainText("Gather a relevant dataset for training your model.");
  const ratings = page.getByRole("group", { name: "How well did you remember?" }).getByRole("button");
  await expect(ratings).toHaveText([/^Again 1m/, /^Hard 6m/, /^Good 10m/, /^Easy 8d/]);
  await expectNoAxeViolations(page);

  // Shortcuts are ignored while typing in a field.
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.id = "scratch";
    input.setAttribute("aria-label", "Scratch");
    document.body.append(input);
  });
  await page.locator("#scratch").focus();
  await page.keyboard.press("3");
  await expect(page.locator("#scratch")).toHaveValue("3");
  await expect(page.getByTestId("card-back")).toBeVisible();
  await page.locator("#scratch").evaluate((input) => input.remove());

  await page.keyboard.press("3"); // Good
  await expect(page.getByTestId("review-announcer")).toHaveText("Rated Good: the card comes back in 10 minutes. Next card.");
  await expect(front(page)).toHaveText("Train Model");
  await expect(page.getByTestId("deck-learning")).toHaveText("1");
  await expect(page.getByTestId("deck-new")).toHaveText("36");

  // Turned over, then the page reloads: the same card comes back, face down.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("card-back")).toBeVisible();
  await page.reload();
  await expect(front(page)).toHaveText("Train Model");
  await expect(page.getByTestId("card-back")).toHaveCount(0);
  await expect(page.getByTestId("deck-learning")).toHaveText("1");

  // Again on "Train Model", then undo: it is back as it was, shown again.
  await turnCard(page);
  await page.keyboard.press("1");
  await expect(front(page)).toHaveText("Deploy Model");
  await expect(page.getByTestId("deck-learning")).toHaveText("2");
  await page.keyboard.press("u");
  await expect(page.getByTestId("review-announcer")).toHaveText("Rating undone: the card is back as it was.");
  await expect(front(page)).toHaveText("Train Model");
  await expect(page.getByTestId("deck-learning")).toHaveText("1");
  await expect(page.getByTestId("deck-new")).toHaveText("36");
  // And it survives a reload.
  await page.reload();
  await expect(front(page)).toHaveText("Train Model");
  await expect(page.getByTestId("deck-new")).toHaveText("36");
});

test("the progress page after a scripted journey; the class view is for instructors only", async ({ page, browser }) => {
  const email = uniqueEmail("journey");
  await signUp(page, "Jour Ney", email);

  // Read one section.
  await page.goto(LECTURE);
  await page
    .locator("#data-formats")
    .getByRole("button", { name: /^Mark as read/ })
    .click();
  await expect(page.getByTestId("reading-progress")).toHaveText("1 of 11 read");

  // Learn one card with Easy.
  await page.goto(`${LECTURE}/flashcards`);
  await turnCard(page);
  await page.keyboard.press("4");
  await expect(front(page)).toHaveText("Train Model");

  // Take the quiz and submit it unanswered: every question is missed.
  await page.goto(`${LECTURE}/quiz`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("button", { name: "Submit attempt" }).click();
  await expect(page.getByTestId("attempt-score")).toBeVisible();

  await page.goto("/progress");
  const lecture = page.getByTestId("progress-ml-systems-and-data-engineering");
  await expect(lecture.getByTestId("figure-notes")).toHaveText("1 / 11 sections");
  await expect(lecture.getByTestId("figure-podcast")).toHaveText("0% heard");
  await expect(lecture.getByTestId("figure-quiz")).toHaveText("Best 0% · last 0%");
  await expect(lecture.getByTestId("figure-attempts")).toHaveText("1 attempt used (no limit)");
  await expect(lecture.getByTestId("figure-cards-detail")).toHaveText("1 learned of 37 · 46 in mistakes queue");
  // The Easy card's topic has evidence of recall; every topic has quiz answers (all wrong).
  await expect(lecture.getByTestId("mastery-ml-in-production").getByTestId("mastery-value")).not.toHaveText("Not started");
  await expect(lecture.getByTestId("mastery-data-formats").getByTestId("mastery-value")).toHaveText("0% · Needs work");
  const next = page.getByTestId("next-step");
  await expect(next).toHaveAttribute("data-kind", "strengthen-topic");
  await expect(next.getByRole("heading")).toHaveText("Strengthen “Data formats”");
  await expectNoAxeViolations(page);
  await next.getByRole("link", { name: /Go/ }).click();
  await expect(page).toHaveURL(`${LECTURE}#data-formats`);

  // The mistakes deck holds the 46 missed questions.
  await page.goto(`${LECTURE}/flashcards?deck=mistakes`);
  await expect(page.getByRole("link", { name: /Review mistakes/ })).toContainText("46");
  await expect(page.getByTestId("deck-new")).toHaveText("46"); // "In the queue" on this deck

  // The course home shows the same figures in brief.
  await page.goto("/");
  const card = page.getByTestId("lecture-card-ml-systems-and-data-engineering");
  await expect(card.getByTestId("quiz-best")).toHaveText("0%");
  await expect(card.getByTestId("cards-learned")).toHaveText("1 / 37");

  // A student gets 403 on the class view.
  expect((await page.goto("/instructor/progress"))?.status()).toBe(403);

  // An instructor sees the student's row, and sorts the table.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await staff.goto("/instructor/progress");
  const section = staff.getByTestId("class-ml-systems-and-data-engineering");
  const row = section.getByTestId("class-row").filter({ hasText: email });
  await expect(row.locator("td")).toHaveText(["1 / 11", "0%", "1", "0%", "1", /UTC$/]);
  await section.getByRole("link", { name: /Best score/ }).click();
  await expect(staff).toHaveURL(/sort=bestPercent&dir=desc/);
  await expect(staff.getByTestId("class-ml-systems-and-data-engineering").getByRole("columnheader", { name: /Best score/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expectNoAxeViolations(staff);
  await staff.close();
});
