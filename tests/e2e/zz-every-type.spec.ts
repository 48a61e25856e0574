// Runs after zz-bank-import (files run in name order, one at a time): it adds a Moodle export with one
// question of every type to Lecture 1's quiz, and a student takes them with the keyboard alone.
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO_ADMIN, DEMO_INSTRUCTOR, replayAction, signIn, signUp, uniqueEmail } from "./helpers";

const LECTURE = "/lectures/ml-systems-and-data-engineering";
const bank = readFileSync(path.resolve("tests/fixtures/banks/moodle-every-type.xml"));
// The key of the new questions: none of it may reach the page before submission.
const SECRETS = [
  "isCorrect",
  "fraction",
  "Right: column chunks",
  "*orc*",
  "That is a kilobyte",
  "2 to the 10th",
  "2013",
  "Nearly",
  "column*",
  "Right: it stores columns",
];

/** Presses Tab (Shift+Tab when `back`) until the focused element's accessible name matches; bounded. */
async function tabTo(page: Page, name: RegExp, back = false) {
  for (let i = 0; i < 300; i++) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "";
      const labelled = el.getAttribute("aria-label") ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
      return (labelled ?? el.textContent ?? "").trim();
    });
    if (name.test(focused)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`nothing named ${name} could be reached with Tab`);
}

/** In a radio group already focused: arrows until the option labelled `text` is chosen. */
async function chooseRadio(page: Page, text: string) {
  for (let i = 0; i < 10 && !(await page.getByLabel(text, { exact: true }).isChecked()); i++) await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel(text, { exact: true })).toBeChecked();
}

test("a Moodle bank with every type is imported, taken with the keyboard alone, scored, and read back with its feedback", async ({ page, browser }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto("/admin/imports");
  await page.getByLabel("Question bank file").setInputFiles({ name: "moodle-every-type.xml", mimeType: "application/xml", buffer: bank });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByTestId("import-counts")).toHaveText("7 new, 0 changed, 0 unchanged, 1 error(s), 1 warning(s).");
  await expect(page.getByTestId("import-problems")).toContainText("Warning: a description");
  await expect(page.getByTestId("import-problems")).toContainText('Error: the answer "a" has the grade 33%');
  await page.getByRole("button", { name: "Import only the 7 valid questions" }).click();
  await expect(page.getByText("Imported: 7 new, 0 changed (new versions), 0 unchanged.")).toBeVisible();

  const student = await (await browser.newContext()).newPage();
  await signUp(student, "Every Type", uniqueEmail("everytype"));
  await student.goto(`${LECTURE}/quiz`);
  await tabTo(student, /^Start the quiz/);
  await student.keyboard.press("Enter");
  await expect(student).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const attemptUrl = student.url();
  const total = Number((await student.getByText(/^Question 1 of \d+/).textContent())!.match(/of (\d+)/)![1]);
  const first = total - 6;

  for (const source of [await (await student.request.get(attemptUrl)).text(), await (await student.request.get(attemptUrl, { headers: { RSC: "1" } })).text()])
    for (const secret of SECRETS) expect(source.includes(secret), `the open attempt shows ${secret}`).toBe(false);

  const open = async (n: number, heading: string | RegExp) => {
    await tabTo(student, new RegExp(`^Question ${n}, not answered$`));
    await student.keyboard.press("Enter");
    await expect(student.getByRole("heading", { level: 2, name: heading })).toBeFocused();
  };
  const saveAndGo = async () => {
    await tabTo(student, /^Save and (next|review)$/);
    await student.keyboard.press("Enter");
  };

  // Every save the page sends, to read its reply again below.
  const saves: Request[] = [];
  student.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) saves.push(r);
  });
  await open(first, "Which format is columnar?");
  await student.keyboard.press("Tab");
  await chooseRadio(student, "ORC, partly");
  await saveAndGo();
  await expect(student.getByRole("heading", { level: 2, name: "Parquet stores data row by row." })).toBeFocused();
  await student.keyboard.press("Tab");
  await chooseRadio(student, "True");
  await saveAndGo();
  await expect(student.getByRole("heading", { level: 2, name: "Name a columnar format." })).toBeFocused();
  await student.keyboard.press("Tab");
  await student.keyboard.type("Apache ORC");
  await student.keyboard.press("Enter");
  await expect(student.getByRole("heading", { level: 2, name: "How many bytes in a kibibyte?" })).toBeFocused();
  await student.keyboard.press("Tab");
  await expect(student.getByLabel("Your answer (a number)")).toBeFocused();
  await student.keyboard.type("1000");
  await student.keyboard.press("Enter");
  await expect(student.getByRole("heading", { level: 2, name: "Match each format with its layout." })).toBeFocused();
  await student.keyboard.press("Tab");
  await expect(student.getByLabel("CSV")).toBeFocused();
  await student.keyboard.type("row");
  await student.keyboard.press("Tab");
  await expect(student.getByLabel("Parquet")).toBeFocused();
  await student.keyboard.type("diag");
  await expect(student.getByLabel("CSV")).toHaveValue(/\d/);
  await saveAndGo();
  await expect(student.getByRole("heading", { level: 2, name: "Fill in the gaps." })).toBeFocused();
  await student.keyboard.press("Tab");
  await expect(student.getByLabel("Gap 1", { exact: true })).toBeFocused();
  await student.keyboard.type("Columnar");
  await student.keyboard.press("Tab");
  await student.keyboard.type("2014");
  await student.keyboard.press("Tab");
  await expect(student.getByLabel("Gap 3", { exact: true })).toBeFocused();
  await student.keyboard.type("text");
  await saveAndGo();
  await expect(student.getByRole("heading", { level: 2, name: "Explain ETL and ELT." })).toBeFocused();
  await student.keyboard.press("Tab");
  await student.keyboard.type("ETL transforms before loading; ELT loads first.");
  await saveAndGo();
  await expect(student.getByTestId("answered-count")).toHaveText(`7 of ${total} answered`);
  // The save replies carry no key either: each request sent again (same idempotency key, so it changes nothing).
  expect(saves.length).toBeGreaterThanOrEqual(7);
  for (const save of saves) {
    const body = await replayAction(student, attemptUrl, save);
    expect(body).toContain("savedAt");
    for (const secret of SECRETS) expect(body.includes(secret), `a save reply shows ${secret}`).toBe(false);
  }
  const axe = await new AxeBuilder({ page: student }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await tabTo(student, /^Submit attempt$/);
  await student.keyboard.press("Enter");

  // 1/3 + 0 + 1/2 + 1/2 + 1/2 + 2 of 4 (cloze) = 3.83 marks; the essay waits for a teacher.
  await expect(student.getByTestId("attempt-score")).toContainText("3.83");
  const results = student.getByTestId("result-question");
  const at = (i: number) => results.nth(first - 1 + i);
  await expect(at(0)).toContainText("Partly right");
  await expect(at(0)).toContainText("Parquet stores columns together.");
  await expect(at(1)).toContainText("No: Parquet is columnar.");
  await expect(at(2)).toContainText("ORC is columnar too, but we studied Parquet.");
  await expect(at(3)).toContainText("That is a kilobyte.");
  await expect(at(4)).toContainText("Parquet → column-major");
  await expect(at(5)).toContainText("Gap 1: Right");
  await expect(at(6).getByTestId("awaiting-grading")).toBeVisible();
  await expect(student.getByText(/1 awaiting grading/)).toBeVisible();

  // The dashboard counts every type.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await staff.goto("/instructor");
  await staff.getByRole("link", { name: "Lecture 1 quiz" }).click();
  await expect(staff.getByTestId("stats-table").getByTestId("slot-row")).toHaveCount(total);
  for (const title of [
    "Name a columnar format.",
    "How many bytes in a kibibyte?",
    "Match each format with its layout.",
    "Parquet is _____ (1). It was released in _____ (2).",
  ])
    await expect(staff.getByTestId("stats-table")).toContainText(title);
  await expect(staff.getByTestId("stats-table")).not.toContainText("<p>");

  // Exported and read back, the bank is unchanged.
  const exported = await page.request.get(`/api/admin/lectures/ml-systems-and-data-engineering/export?format=xml`);
  await page.getByLabel("Question bank file").setInputFiles({ name: "bank.xml", mimeType: "application/xml", buffer: Buffer.from(await exported.text()) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByTestId("import-counts")).toHaveText(/^0 new, 0 changed, \d+ unchanged, 0 error\(s\), 0 warning\(s\)\.$/);
});
