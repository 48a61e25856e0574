// Takes the README's screenshots from a running app (npm start in another terminal):
//   npx tsx scripts/screenshots.ts [http://localhost:3000]
// in the same Chromium as the end-to-end tests (scripts/lib/browser.ts).
import path from "node:path";
import { chromium } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../lib/auth/demo-accounts";
import { CHROMIUM_ARGS, describeBrowser, resolveChromium } from "./lib/browser";
import { takePhoneScreenshots } from "./lib/phone-screenshots";
import { projectRoot } from "./lib/run";

const baseUrl = process.argv[2] || "http://localhost:3000";
const out = (name: string) => path.join(projectRoot, "docs", "screenshots", `${name}.png`);

async function main() {
  const resolved = await resolveChromium();
  console.log(describeBrowser(resolved));
  const browser = await chromium.launch({ executablePath: resolved.executablePath, args: CHROMIUM_ARGS, env: { ...process.env, ...resolved.env } });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    await page.goto(`${baseUrl}/`);
    await page.screenshot({ path: out("welcome") });
    await page.goto(`${baseUrl}/sign-in`);
    await page.screenshot({ path: out("sign-in") });
    const admin = DEMO_ACCOUNTS.find((account) => account.role === "ADMIN")!;
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").waitFor();
    await page.screenshot({ path: out("course-home") });
    await page.goto(`${baseUrl}/admin/users`);
    await page.screenshot({ path: out("admin-users") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering`);
    await page.screenshot({ path: out("lecture-notes") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering#oltp-vs-olap`);
    await page.screenshot({ path: out("lecture-notes-table") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering/flashcards/browse`);
    await page.screenshot({ path: out("lecture-flashcards") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering/flashcards`);
    await page.getByTestId("review-card").or(page.getByTestId("review-done")).waitFor();
    if (await page.getByRole("button", { name: /Show answer/ }).isVisible()) await page.keyboard.press("Space");
    await page.screenshot({ path: out("flashcard-review") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering/podcast`);
    await page.getByRole("heading", { name: "Transcript" }).waitFor();
    await page.screenshot({ path: out("lecture-podcast") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering/quiz`);
    await page.screenshot({ path: out("quiz-intro") });
    await page.getByRole("button", { name: /Start the quiz|Continue attempt|Retake the quiz/ }).click();
    await page.getByText(/^Question \d+ of \d+/).waitFor();
    await page.locator("form label").nth(1).click();
    await page.getByRole("button", { name: "Flag for review" }).click();
    await page.screenshot({ path: out("quiz-question") });
    await page.getByRole("button", { name: "Review and submit" }).click();
    await page.getByRole("button", { name: "Submit attempt" }).click();
    await page.getByTestId("attempt-score").waitFor();
    await page.screenshot({ path: out("quiz-results") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering/quiz/personal`);
    await page.screenshot({ path: out("personal-practice") });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering/study`);
    const section = page.getByRole("region", { name: "Data models" });
    const make = section.getByRole("button", { name: "Make cards and questions from this section" });
    if (await make.isVisible()) await make.click();
    const question = section.getByTestId("study-item").filter({ hasText: "Question" }).first();
    await question.getByRole("radio").nth(1).check();
    await question.getByRole("button", { name: "Check answer" }).click();
    await question.getByRole("status").first().waitFor();
    const suggest = question.getByRole("button", { name: "Suggest for the course bank" });
    if (await suggest.isVisible()) await suggest.click();
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: out("study-generated") });
    await page.goto(`${baseUrl}/progress`);
    await page.screenshot({ path: out("my-progress") });
    await page.goto(`${baseUrl}/instructor/progress`);
    await page.screenshot({ path: out("class-progress") });
    await page.goto(`${baseUrl}/instructor`);
    await page.getByRole("link", { name: "Lecture 1 quiz" }).click();
    await page.getByTestId("rasch-table").or(page.getByTestId("stats-empty")).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: out("instructor-quiz") });
    const firstQuestion = page.getByTestId("stats-table").getByTestId("slot-row").first().getByRole("link");
    if (await firstQuestion.count()) {
      await firstQuestion.click();
      await page.getByTestId("option-table").first().waitFor();
      await page.screenshot({ path: out("instructor-question") });
      const slotPage = new URL(page.url()).pathname;
      await page.getByTestId("edit-variant").first().click();
      await page.getByTestId("question-preview").getByRole("radio").first().waitFor();
      await page.screenshot({ path: out("question-editor") });
      await page.goto(`${baseUrl}${slotPage}/regrade?target=ALL&mode=FULL`);
      await page.getByRole("heading", { name: "Dry run" }).waitFor();
      await page.screenshot({ path: out("regrade-dry-run") });
      await page.goto(`${baseUrl}${slotPage.replace(/\/slots\/.*$/, "")}/edit`);
      await page.screenshot({ path: out("quiz-editor") });
    }
    await page.goto(`${baseUrl}/instructor/grading`);
    await page.screenshot({ path: out("hand-grading") });
    await page.goto(`${baseUrl}/instructor/audit`);
    await page.screenshot({ path: out("audit-log") });
    await page.goto(`${baseUrl}/instructor/generated`);
    await page.screenshot({ path: out("generated-review") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/lectures/ml-systems-and-data-engineering`);
    await page.screenshot({ path: out("lecture-notes-phone") });
    await takePhoneScreenshots(browser, baseUrl, out);
    console.log(`Screenshots written to docs/screenshots/.`);
  } finally {
    await browser.close();
  }
}

void main();
