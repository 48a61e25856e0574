import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { queryAppDatabase } from "./database";

test("a student chooses a retention by its forecast and adds an exam date, with the keyboard", async ({ page }) => {
  const email = uniqueEmail("review-plan");
  await signUp(page, "Plan Ner", email);
  // A few cards reviewed first, so the forecast has something to show.
  await page.goto("/lectures/ml-systems-and-data-engineering/flashcards");
  for (let i = 0; i < 3; i++) {
    await expect(async () => {
      await page.keyboard.press("Space");
      await expect(page.getByTestId("card-back")).toBeVisible({ timeout: 1000 });
    }).toPass();
    await page.keyboard.press("4");
    await expect(page.getByTestId("review-announcer")).toContainText("Rated Easy");
  }

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review plan" }).click();
  await expect(page).toHaveURL("/review");
  await expect(page.getByRole("heading", { name: "Your review plan" })).toBeVisible();
  await expect(page.getByTestId("retention-value")).toHaveText("90 %");
  // The forecast: three retentions, each a line and a column of its table twin, 30 days.
  const totals = page.getByTestId("forecast-totals").getByRole("listitem");
  await expect(totals).toHaveCount(3);
  await expect(totals.nth(1)).toContainText("90 % (yours): about");
  const table = page.getByRole("table", { name: /Reviews a day over the next 30 days/ });
  await expect(table.locator("tbody tr")).toHaveCount(30);
  await expect(table.locator("thead th")).toHaveText(["Day", "85 %", "90 % (yours)", "95 %"]);
  await expect(page.getByTestId("memory-model")).toContainText("more reviews (3 of");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Retention by keyboard: the slider moves by 1 % a key press.
  const slider = page.getByRole("slider", { name: /Desired retention/ });
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("retention-value")).toHaveText("85 %");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Saved. Your cards are being rescheduled for 85 %.")).toBeVisible();
  await expect(table.locator("thead th")).toHaveText(["Day", "80 %", "85 % (yours)", "90 %"]);
  const [settings] = await queryAppDatabase<{ desired_retention: number }>(
    `SELECT s.desired_retention FROM review_settings s JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
    [email],
  );
  expect(settings?.desired_retention).toBe(0.85);

  // An exam date of the student's own.
  await expect(page.getByTestId("no-exam-dates")).toBeVisible();
  const form = page.getByTestId("exam-date-form");
  await form.getByLabel("Exam").fill("My mock exam");
  const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Date").fill(day);
  await form.getByLabel("Date").press("Enter");
  await expect(page.getByText("Exam date added: your reviews are being planned for it.")).toBeVisible();
  const dates = page.getByTestId("exam-dates");
  await expect(dates).toContainText("My mock exam");
  await expect(dates).toContainText("your own date");
  const stored = await queryAppDatabase<{ day: string }>(
    `SELECT to_char(e.date, 'YYYY-MM-DD HH24:MI') AS day FROM exam_dates e JOIN users u ON u.id = e.user_id WHERE u.email = $1`,
    [email],
  );
  expect(stored).toEqual([{ day: `${day} 00:00` }]);

  // A date in the past is refused next to its field.
  await form.getByLabel("Exam").fill("Too late");
  await form.getByLabel("Date").evaluate((input: HTMLInputElement) => input.removeAttribute("min"));
  await form.getByLabel("Date").fill("2020-01-01");
  await form.getByRole("button", { name: "Add exam date" }).click();
  await expect(form.getByText("That date has passed.")).toBeVisible();
  await expect(dates.getByRole("listitem")).toHaveCount(1);
});
