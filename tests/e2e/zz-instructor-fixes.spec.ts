// The instructor's loop, in Chromium: a question flagged "possible wrong key" is opened from the
// dashboard, its key fixed in the editor (with the student's preview), the regrade dry-run (the
// listed changes are the hand-computed ones), applied, and the dashboard's figures equal an exact
// recompute; the student sees the new mark and the note; an essay is marked from the queue with the
// keyboard; content:load afterwards keeps the edit. Students are refused every new page.
import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { appDatabaseUrl, queryAppDatabase } from "./database";
import { ESSAY_TEXT, LECTURE_SLUG, seedFixingQuiz, TARGET_QUESTION } from "./fixing-quiz";
import { DEMO_INSTRUCTOR, signIn, signUp, uniqueEmail } from "./helpers";

async function figures(page: Page, url: string): Promise<{ rows: string[]; summary: string }> {
  await page.goto(url);
  await expect(page.getByTestId("stats-table")).toBeVisible();
  const rows = await page.getByTestId("stats-table").getByTestId("slot-row").allInnerTexts();
  return { rows, summary: await page.getByTestId("quiz-summary").innerText() };
}

test("an instructor fixes a wrong key, regrades with a dry run, and grades an essay; the student sees both", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("regraded");
  await signUp(page, "Rita Regraded", email);
  const seeded = await seedFixingQuiz(email);
  const dashboard = `/instructor/quizzes/${seeded.quizId}`;
  const results = `/lectures/${LECTURE_SLUG}/quiz/attempts/${seeded.attemptId}/results`;
  await page.goto(results);
  await expect(page.getByTestId("attempt-score")).toHaveText("1 / 4 (25%)");
  await expect(page.getByTestId("awaiting-grading")).toBeVisible();

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  const before = await figures(staff, dashboard);
  expect(before.rows[0]).toContain("Possible wrong key");

  // The flagged question, from the dashboard, then its editor from the flag.
  await staff.getByTestId("stats-table").getByTestId("slot-row").first().getByRole("link").first().click();
  await expect(staff).toHaveURL(/\/slots\//);
  await staff.getByRole("link", { name: /Edit the question \(Possible wrong key\)/ }).click();
  await expect(staff).toHaveURL(/\/instructor\/questions\//);
  const optionGroup = async (text: string) => {
    for (const group of await staff.getByRole("group", { name: /^Option [A-Z]$/ }).all())
      if ((await group.getByLabel("Text").inputValue()) === text) return group;
    throw new Error(`no option "${text}"`);
  };
  await (await optionGroup(seeded.keyText)).getByLabel("Credit").selectOption({ label: "0%" });
  await (await optionGroup(seeded.distractorText)).getByLabel("Credit").selectOption({ label: "100%" });
  // The preview is the student's view: the options, and no key.
  const preview = staff.getByTestId("question-preview");
  await expect(preview.getByText(seeded.distractorText, { exact: true })).toBeVisible();
  await expect(preview).not.toContainText("100%");
  await staff.getByRole("button", { name: "Save", exact: true }).click();
  await expect(staff.getByText("Saved as version 2.")).toBeVisible();
  // The question is also in the lecture's own quiz: this quiz's link.
  await staff.getByTestId("regrade-links").getByRole("listitem").filter({ hasText: "Fixing quiz" }).getByRole("link", { name: "Regrade attempts" }).click();

  // The dry run: every attempt changes, as computed by hand: strong 2 → 3, weak 1 → 0, the student 1 → 2.
  await staff.getByRole("button", { name: "Preview the regrade (dry run)" }).click();
  await expect(staff.getByTestId("regrade-summary")).toHaveText(
    "25 attempts would change; 0 would stay as they are. Mean total 1.56 → 1.76 (+0.2), mean score 39.0% → 44.0%, over 25 submitted attempts.",
  );
  const changes = staff.getByTestId("regrade-changes").locator("tbody tr");
  await expect(changes).toHaveCount(25);
  const cells = (student: string) => changes.filter({ hasText: student }).locator("td").allInnerTexts();
  expect(await cells("Strong 01")).toEqual(["Strong 01", "1", "0 → 1", "2/4 → 3/4", "+1"]);
  expect(await cells("Weak 01")).toEqual(["Weak 01", "1", "1 → 0", "1/4 → 0/4", "-1"]);
  expect(await cells("Rita Regraded")).toEqual(["Rita Regraded", "1", "0 → 1", "1/4 → 2/4", "+1"]);
  await staff.getByRole("button", { name: "Apply the regrade to 25 attempts" }).click();
  await expect(staff.getByText("Regrade applied: 25 attempts changed, mean total 1.56 → 1.76")).toBeVisible();

  // The dashboard's figures changed, to exactly what a recompute from the answers gives.
  const running = await figures(staff, dashboard);
  await expect(staff.getByTestId("stats-source")).toContainText("Live figures from the running totals");
  expect(running.rows[0]).toContain("60.0");
  expect(running.rows[0]).not.toContain("Possible wrong key");
  const exact = await figures(staff, `${dashboard}?attempts=first&from=2000-01-01`);
  await expect(staff.getByTestId("stats-source")).toContainText("Recomputed exactly from the answers");
  expect(running.rows).toEqual(exact.rows);
  expect(running.summary).toEqual(exact.summary);
  expect(running.rows).not.toEqual(before.rows);

  // The student sees the new mark and the note.
  await page.goto(results);
  await expect(page.getByTestId("attempt-score")).toHaveText("2 / 4 (50%)");
  await expect(page.getByTestId("regrade-note")).toContainText("1 / 4 (25%) → 2 / 4 (50%) (+1 mark)");

  // The essay, from the queue, with the keyboard only: the mark has the focus, Tab to the comment, Ctrl+Enter.
  await staff.goto(`/instructor/grading?quiz=${seeded.quizId}`);
  await expect(staff.getByTestId("grading-waiting")).toContainText("1 answer waiting to be marked");
  await expect(staff.getByText(ESSAY_TEXT)).toBeVisible();
  await expect(staff.getByLabel("Mark (0 to 1)")).toBeFocused();
  await staff.keyboard.type("0.5");
  await staff.keyboard.press("Tab");
  await staff.keyboard.type("A good start: name one metric you would watch.");
  await staff.keyboard.press("Control+Enter");
  await expect(staff.getByText(/^All caught up/)).toBeVisible();
  await page.goto(results);
  await expect(page.getByTestId("attempt-score")).toHaveText("2.5 / 4 (63%)");
  await expect(page.getByTestId("teacher-grade")).toContainText("Marked by your teacher: 0.5 / 1");
  await expect(page.getByTestId("teacher-grade")).toContainText("A good start: name one metric you would watch.");

  // The audit log has the edit, the regrade and the mark.
  await staff.goto("/instructor/audit");
  await expect(staff.getByText(/Saved l01-q-expectation-vs-reality as version 2/)).toBeVisible();
  await expect(staff.getByText(/Regraded question 1 of Fixing quiz/)).toBeVisible();
  await expect(staff.getByText(/Marked question 4 of Rita Regraded's attempt 1 on Fixing quiz: 0 → 0.5 of 1/)).toBeVisible();

  // content:load afterwards keeps the edit.
  const load = spawnSync("npx", ["tsx", "scripts/content.ts", "load", "--force"], {
    env: { ...process.env, DATABASE_URL: appDatabaseUrl() },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(load.status, load.stdout + load.stderr).toBe(0);
  expect(load.stdout).toContain("1 kept app edits");
  const [newest] = await queryAppDatabase<{ version: number; origin: string; right: string }>(
    `SELECT qv.version, qv.origin::text, (SELECT o.text FROM question_options o WHERE o.question_version_id = qv.id AND o.is_correct) AS right
     FROM questions q JOIN question_versions qv ON qv.question_id = q.id AND qv.version = q.latest_version WHERE q.external_key = $1`,
    [TARGET_QUESTION],
  );
  expect(newest).toEqual({ version: 2, origin: "EDITOR", right: seeded.distractorText });

  // A student is refused every instructor page the loop used.
  for (const path of ["/instructor/grading", "/instructor/questions", "/instructor/audit", `${dashboard}/edit`, `${dashboard}/slots/x/regrade`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await staff.close();
});
