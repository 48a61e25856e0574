import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_INSTRUCTOR, signIn, signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";

test("a student generates cards and questions from a section, answers one with the keyboard, adds a card with one key and suggests a question; an instructor approves it", async ({
  browser,
  page,
}) => {
  await signUp(page, "Study Student", uniqueEmail("study"));
  await page.goto(LECTURE);
  await page.getByRole("navigation", { name: "Lecture", exact: true }).getByRole("link", { name: "Study" }).click();
  await expect(page).toHaveURL(`${LECTURE}/study`);

  const section = page.getByRole("region", { name: "Data formats" });
  await section.getByRole("button", { name: "Make cards and questions from this section" }).click();
  const items = section.getByTestId("study-item");
  await expect(items.first()).toBeVisible();
  await expect(items.first()).toContainText("Generated");

  // A question, answered with the keyboard: the key and the cited sentence arrive only after checking.
  const question = items.filter({ hasText: "Question" }).first();
  await expect(question).not.toContainText("From the notes:");
  await question.getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(question.getByRole("button", { name: "Check answer" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(question.getByRole("status").first()).toContainText("From the notes:");

  // One keystroke adds a card to My cards.
  const card = items.filter({ hasText: "Fill in the blank" }).first();
  await card.focus();
  await page.keyboard.press("a");
  await expect(card.getByText("Added to My cards.")).toBeVisible();
  await card.focus();
  await page.keyboard.press("a");
  await expect(card.getByText("Already in My cards.")).toBeVisible();

  // Report a problem, then suggest the question for the bank.
  await question.getByRole("button", { name: "Report a problem" }).click();
  await expect(question.getByLabel("What is wrong with it?")).toBeFocused();
  await page.keyboard.type("The wording could be clearer.");
  await question.getByRole("button", { name: "Send report" }).click();
  await expect(question.getByText("Thank you: the instructors will see your report.")).toBeVisible();
  await question.getByRole("button", { name: "Suggest for the course bank" }).click();
  await expect(question.getByText("Suggested for the course bank.")).toBeVisible();
  const stem = (await question.locator("legend").textContent())!;

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // The card is in My cards.
  await page.goto(`${LECTURE}/flashcards?deck=own`);
  await expect(page.getByTestId("own-card").first()).toContainText("_____");

  // The instructor approves the suggested question into the bank.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await staff.goto("/instructor/generated");
  const proposal = staff.getByTestId("review-item").filter({ has: staff.getByText(stem, { exact: true }) });
  await expect(proposal).toContainText("Cited sentence");
  await expect(proposal).toContainText("No flaws found.");
  await expect(proposal).toContainText("The wording could be clearer.");
  await proposal.getByLabel("Question").fill(`${stem.replace(/\?$/, "")} (checked)?`);
  await proposal.getByRole("button", { name: "Approve into the bank" }).click();
  await expect(staff.getByText(/Approved: it is now the bank question generated-/)).toBeVisible();
  await staff.getByRole("link", { name: "Open it in the question bank" }).click();
  await expect(staff.getByText(`${stem.replace(/\?$/, "")} (checked)?`).first()).toBeVisible();
  await staffContext.close();
});
