// A timed attempt whose time runs out: pages only read, so the attempt page itself turns into the
// "Time is up" step, which submits the attempt as of its deadline with the answers saved before it.
// A save sent after the deadline is refused and changes nothing. The deadline is moved into the past
// in the app's database (Lecture 1's quiz has no time limit of its own).
import { expect, test } from "@playwright/test";
import { queryAppDatabase as query } from "./database";
import { signUp, uniqueEmail } from "./helpers";

const QUIZ = "/lectures/ml-systems-and-data-engineering/quiz";

test("an attempt past its deadline is submitted with only the answers saved in time", async ({ page }) => {
  const email = uniqueEmail("time-up");
  await signUp(page, "Tim Eup", email);
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  await page.locator("form label").nth(1).click();
  await page.getByRole("button", { name: "Save and next" }).click();
  await expect(page.getByText("Question 2 of 46")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText("Saved");

  // The time runs out a moment after the first answer was stored.
  await page.waitForTimeout(1_000);
  const [attempt] = await query<{ id: string }>(
    `UPDATE attempts SET deadline_at = now() - interval '200 milliseconds' FROM users u
     WHERE u.id = attempts.user_id AND u.email = $1 AND attempts.status = 'IN_PROGRESS' RETURNING attempts.id`,
    [email],
  );
  expect(attempt).toBeDefined();

  // A late answer on the page still open is refused, and the page moves on to the submission.
  await page.locator("form label").nth(1).click();
  await page.getByRole("button", { name: "Save and next" }).click();
  await expect(page).toHaveURL(/\/results$/, { timeout: 15_000 });

  const [row] = await query<{ status: string; on_deadline: boolean; answered: number }>(
    `SELECT a.status::text, a.submitted_at = a.deadline_at AS on_deadline,
       (SELECT count(*)::int FROM responses r WHERE r.attempt_id = a.id AND cardinality(r.chosen_option_keys) > 0) AS answered
     FROM attempts a WHERE a.id = $1`,
    [attempt!.id],
  );
  expect(row).toEqual({ status: "SUBMITTED", on_deadline: true, answered: 1 });

  // Coming back to the attempt shows its results, never a page to answer on.
  await page.goto(page.url().replace(/\/results$/, ""));
  await expect(page).toHaveURL(/\/results$/);
});
