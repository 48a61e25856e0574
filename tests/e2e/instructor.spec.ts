import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_INSTRUCTOR, signIn, signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";

test("the quiz dashboard for an instructor; students get 403 on every instructor page and the CSV", async ({ page, browser }) => {
  // A student submits an attempt, so the dashboard has something to show.
  await signUp(page, "Sam Ple", uniqueEmail("sample"));
  await page.goto(`${LECTURE}/quiz`);
  await page.getByRole("button", { name: /Start the quiz|Continue attempt|Retake the quiz/ }).click();
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("button", { name: "Submit attempt" }).click();
  await expect(page.getByTestId("attempt-score")).toBeVisible();

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instructor" }).click();
  await staff.getByRole("link", { name: "Lecture 1 quiz" }).click();
  await expect(staff).toHaveURL(/\/instructor\/quizzes\/[^/?]+$/);
  const dashboardUrl = new URL(staff.url()).pathname;
  await expect(staff.getByTestId("stats-source")).toContainText("Live figures from the running totals");
  await expect(staff.getByTestId("stats-table").getByTestId("slot-row")).toHaveCount(46);
  await expect(staff.getByText(/no question is flagged until 20 have answered it/)).toBeVisible();
  const attempts = Number(await staff.getByTestId("summary-Attempts").textContent());
  expect(attempts).toBeGreaterThanOrEqual(1);

  // Sorting announces its order on the column header.
  const table = staff.getByTestId("stats-table");
  await expect(async () => {
    await table.getByRole("button", { name: /^Facility/ }).click();
    await expect(table.getByRole("columnheader", { name: /Facility/ })).toHaveAttribute("aria-sort", "descending", { timeout: 1000 });
  }).toPass();
  await expect(table.locator("caption")).toContainText("Sorted by facility, descending.");
  await expect(staff.getByTestId("rasch-table")).toBeVisible();
  await expect(staff.getByTestId("heat-map")).toBeVisible();
  const results = await new AxeBuilder({ page: staff }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Another view is recomputed exactly.
  await staff.getByLabel("Attempts that count").selectOption("all");
  await staff.getByRole("button", { name: "Apply" }).click();
  await expect(staff).toHaveURL(/attempts=all/);
  await expect(staff.getByTestId("stats-source")).toContainText("Recomputed exactly from the answers");

  // A question's page, and the CSV.
  await staff.getByTestId("stats-table").getByTestId("slot-row").first().getByRole("link").click();
  await expect(staff).toHaveURL(/\/slots\//);
  const slotUrl = new URL(staff.url()).pathname;
  await expect(staff.getByTestId("option-table").first()).toBeVisible();
  await expect(staff.getByTestId("responses-table")).toBeVisible();
  const csv = await staff.request.get(`${dashboardUrl.replace("/instructor/", "/api/instructor/")}/csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = await csv.text();
  expect(text.startsWith("\uFEFFposition,row,question,n,facility_pct")).toBe(true);
  expect(text).toContain("glossary,definition");
  await staff.close();

  // The student is refused everywhere, on the server.
  for (const url of ["/instructor", dashboardUrl, slotUrl, "/instructor/progress"]) {
    expect((await page.goto(url))?.status(), url).toBe(403);
  }
  const refused = await page.request.get(`${dashboardUrl.replace("/instructor/", "/api/instructor/")}/csv`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("glossary");
  // Signed out: the CSV is 401.
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(new URL(`${dashboardUrl.replace("/instructor/", "/api/instructor/")}/csv`, page.url()).toString())).status()).toBe(401);
  await anonymous.close();
});
