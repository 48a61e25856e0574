import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const QUIZ = "/lectures/ml-systems-and-data-engineering/quiz";
const QUESTIONS = 46;

/** Answers questions from+1 … to with the keyboard only: Tab into the options, an arrow key, Enter. */
async function answerWithKeyboard(page: Page, from: number, to: number) {
  for (let n = from + 1; n <= to; n++) {
    await expect(page.locator("form legend")).toContainText(`Question ${n} of ${QUESTIONS}`);
    await expect(page.locator("form legend h2")).toBeFocused();
    await page.keyboard.press("Tab");
    if (await page.locator("form input[type=checkbox]").count()) await page.keyboard.press("Space");
    else await page.keyboard.press("ArrowDown"); // moves the choice; never submits
    await expect(page.locator("form input:checked")).not.toHaveCount(0);
    await page.keyboard.press("Enter"); // save and next
  }
}

test("a student takes the quiz with the keyboard, reloads mid-way, submits, reads the results, retakes and practises mistakes", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Quinn Quiz", uniqueEmail("quiz"));
  await page.goto(QUIZ);
  await expect(page.getByText("Questions", { exact: true }).locator("..")).toContainText(String(QUESTIONS));
  await page.getByRole("button", { name: "Start the quiz" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  await expect(page.getByText(`Question 1 of ${QUESTIONS}`)).toBeVisible();

  // Arrow keys change the choice without moving on.
  const firstStem = await page.locator("form legend h2").textContent();
  await answerWithKeyboard(page, 0, 10);
  await expect(page.getByTestId("answered-count")).toHaveText(`10 of ${QUESTIONS} answered`);
  await page.getByRole("button", { name: "Question 1, answered" }).click();
  const firstOrder = await page.locator("form label").allTextContents();
  const firstChosen = await page.locator("form input:checked").getAttribute("value");

  // Saves go out behind the scenes; the status says when the server has stored every one.
  await expect(page.getByTestId("save-status")).toHaveText("Saved");
  // A reload resumes the same attempt, its answers and its option order, at the first unanswered question.
  await page.reload();
  await expect(page.getByText(`Question 11 of ${QUESTIONS}`)).toBeVisible();
  await expect(page.getByTestId("answered-count")).toHaveText(`10 of ${QUESTIONS} answered`);
  await page.getByRole("button", { name: "Question 1, answered" }).click();
  await expect(page.locator("form legend h2")).toHaveText(firstStem!);
  expect(await page.locator("form label").allTextContents()).toEqual(firstOrder);
  expect(await page.locator("form input:checked").getAttribute("value")).toBe(firstChosen);
  await page.getByRole("button", { name: /Question 11, not answered/ }).click();

  await answerWithKeyboard(page, 10, QUESTIONS);
  await expect(page.getByRole("heading", { name: "Review your answers" })).toBeFocused();
  await expect(page.getByText("Every question has an answer.")).toBeVisible();
  await page.getByRole("button", { name: "Submit attempt" }).focus();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/results$/);
  const score = await page.getByTestId("attempt-score").textContent();
  expect(score).toMatch(/^\d+(\.\d+)? \/ 46 \(\d+%\)$/);
  await expect(page.getByTestId("result-question")).toHaveCount(QUESTIONS);
  await expect(page.getByText("Correct answer").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Read the notes" }).first()).toHaveAttribute("href", /\/lectures\/ml-systems-and-data-engineering#[a-z-]+$/);
  // The submitted attempt cannot be reopened for answering.
  await page.goto(page.url().replace(/\/results$/, ""));
  await expect(page).toHaveURL(/\/results$/);

  // Retake, leave everything unanswered: the review calls it out; the best attempt still counts.
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Retake the quiz" }).click();
  await expect(page.getByText(`Question 1 of ${QUESTIONS}`)).toBeVisible();
  await page.getByRole("button", { name: "Review and submit" }).click();
  await expect(page.getByTestId("unanswered-warning")).toContainText(`${QUESTIONS} questions are not answered`);
  await page.getByRole("button", { name: "Submit attempt" }).click();
  await expect(page.getByTestId("attempt-score")).toHaveText("0 / 46 (0%)");
  await page.goto(QUIZ);
  await expect(page.getByTestId("attempt-history").getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("counting-grade")).toContainText(score!);

  // Practise the mistakes of the latest attempt (all of them).
  await page.getByRole("link", { name: "Practise my mistakes" }).click();
  await expect(page.getByTestId("missed-count")).toHaveText(`${QUESTIONS} questions to practise.`);
  await page.getByRole("button", { name: "Start practising" }).click();
  await expect(page.getByTestId("practice-remaining")).toHaveText(`Practice · ${QUESTIONS} questions to get right`);
  for (let round = 0; round < 2; round++) {
    const before = Number((await page.getByTestId("practice-remaining").textContent())!.match(/(\d+) question/)![1]);
    await page.locator("form label").first().click();
    await page.getByRole("button", { name: "Check my answer" }).click();
    const verdict = await page.getByRole("status").locator("p").first().textContent();
    await page.getByRole("button", { name: /Next question|Finish/ }).click();
    const expected = verdict === "Right." ? before - 1 : before;
    await expect(page.getByTestId("practice-remaining")).toHaveText(`Practice · ${expected} question${expected === 1 ? "" : "s"} to get right`);
  }
  // Practice never changes the grade.
  await page.goto(QUIZ);
  await expect(page.getByTestId("counting-grade")).toContainText(score!);
});
