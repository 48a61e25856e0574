import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { modelPort } from "../../playwright.config";
import { itemsReply, startOpenAiServer } from "../fixtures/openai-compatible-server";
import { DEMO_INSTRUCTOR, signIn, signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";

/**
 * Answers the practice question with the keyboard only, whatever its type (other specs add every
 * type to the bank): Tab through its controls — an arrow key on a radio group or a menu, Space on a
 * checkbox, a digit in a text box — until "Check my answer", then Enter.
 */
async function answerWithKeyboard(page: Page) {
  for (let stops = 0; stops < 20; stops++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return { tag: element?.tagName ?? "", type: element?.type ?? "", text: element?.textContent ?? "" };
    });
    if (focused.tag === "BUTTON" && focused.text.includes("Check my answer")) return page.keyboard.press("Enter");
    if (focused.tag === "SELECT" || (focused.tag === "INPUT" && focused.type === "radio")) await page.keyboard.press("ArrowDown");
    else if (focused.tag === "INPUT" && focused.type === "checkbox") await page.keyboard.press("Space");
    else if (focused.tag === "TEXTAREA" || focused.tag === "INPUT") await page.keyboard.type("1");
  }
  throw new Error("No way to the Check my answer button by the keyboard");
}

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

test("a student makes a personal practice quiz of their weak spots and answers it with the keyboard", async ({ page }) => {
  await signUp(page, "Practice Student", uniqueEmail("personal-practice"));
  // Practice shows each answer's key, so the quiz's questions wait until the student has submitted it
  // (tests/integration/personal-practice.test.ts): submit an attempt first.
  await page.goto(`${LECTURE}/quiz`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("button", { name: "Submit attempt" }).click();
  // (the quiz may have more slots than 46 by now: the bank-import spec adds some)
  await expect(page.getByTestId("attempt-score")).toHaveText(/^0 \/ \d+ \(0%\)$/);
  await page.goto(`${LECTURE}/study`);
  await page.getByRole("link", { name: "Make a practice quiz" }).click();
  await expect(page).toHaveURL(`${LECTURE}/quiz/personal`);
  await expect(page.getByRole("radio", { name: /My weak spots/ })).toBeChecked();
  await expect(page.getByTestId("weak-topics")).toContainText("Right now:");
  await page.getByLabel("How many questions").selectOption("5");
  await page.getByRole("radio", { name: /Review/ }).focus();
  await expect(page.getByRole("radio", { name: /Review/ })).toBeChecked();
  await page.getByRole("button", { name: "Start" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/quiz\/practice\/[^/]+$/);
  await expect(page.getByTestId("practice-target")).toContainText("Personal practice: aimed at about 70 % right");

  for (let n = 1; n <= 5; n++) {
    await expect(page.getByTestId("practice-remaining")).toContainText(`Question ${n} of 5`);
    await expect(page.locator("#practice-question")).toBeFocused();
    await answerWithKeyboard(page);
    const next = page.getByRole("button", { name: n === 5 ? "Finish" : "Next question" });
    await expect(next).toBeFocused();
    await expect(page.getByRole("status").first()).toContainText(/Right\.|Not quite\./);
    await page.keyboard.press("Enter");
  }
  await expect(page.getByTestId("practice-summary")).toContainText(/You got \d of 5 right/);
  await expect(page.getByText("Practice is never graded and never counts in the class statistics.")).toBeVisible();
});

test("a student has the language model draft items for a section and follows its progress", async ({ page }) => {
  const sentence = "ETL (Extract, Transform, Load) is everywhere.";
  const server = await startOpenAiServer(
    async () => ({
      delayMs: 1_500,
      ...itemsReply([
        {
          kind: "DEFINITION",
          source: sentence,
          front: "Moves data from sources into a target store, commonly in batches.",
          back: "ETL",
          stem: "",
          options: [],
          answer: "ETL",
        },
        { kind: "TERM", source: "ETL was invented on the Moon.", front: "Moon ETL", back: "An invention.", stem: "", options: [], answer: "An invention." },
      ]),
    }),
    modelPort,
  );
  try {
    await signUp(page, "Model Student", uniqueEmail("model-drafts"));
    await page.goto(`${LECTURE}/study`);
    const section = page.getByRole("region", { name: "ETL and ELT" });
    await section.getByRole("button", { name: "Draft more with the language model" }).click();
    const progress = section.getByTestId("run-progress");
    await expect(progress).toContainText(/Waiting for the language model|The language model is drafting/);
    await expect(progress).toContainText("Done. 1 new item.", { timeout: 20_000 });
    await expect(progress).toContainText("1 draft dropped");
    const item = section.getByTestId("study-item").filter({ hasText: "by the language model" });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText("Moves data from sources into a target store, commonly in batches.");
    await expect(item).toContainText("Generated");
    await expect(section).not.toContainText("Moon ETL");
    await item.getByRole("button", { name: "Show answer" }).click();
    await expect(item.getByRole("status").first()).toContainText(`From the notes: ${sentence}`);
    // The prompt held only that section's text.
    const chat = server.requests.filter((r) => r.path === "/v1/chat/completions");
    const user = chat[0]!.body!.messages.find((m) => m.role === "user")!;
    expect(JSON.parse(user.content).title).toBe("ETL and ELT");
  } finally {
    await server.close();
  }
});
