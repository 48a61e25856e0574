// Runs last (files run in name order, one at a time): it adds questions to Lecture 1's quiz, which
// the other tests count.
import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_INSTRUCTOR, signIn, signUp, uniqueEmail } from "./helpers";

const broken = [
  "::Imported A::Which format stores columns together? {=Parquet ~CSV ~JSON}",
  "",
  "::Imported B::Which layout suits appending rows? {~Parquet ~ORC}",
  "",
].join("\n");
const fixed = broken.replace("{~Parquet ~ORC}", "{=CSV ~Parquet ~ORC}");

test("an admin imports a GIFT file: sees the error on its line, fixes it, applies; a student then gets the new questions", async ({ page, browser }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto("/admin/imports");
  await page.getByLabel("Question bank file").setInputFiles({ name: "bank.gift", mimeType: "text/plain", buffer: Buffer.from(broken) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  const problems = page.getByTestId("import-problems");
  await expect(problems.locator("tbody tr")).toHaveCount(1);
  await expect(problems.locator("tbody tr td").first()).toHaveText(/^3:/);
  await expect(problems).toContainText("Imported B");
  await expect(problems).toContainText("no right answer");
  await expect(page.getByRole("button", { name: "Apply the import" })).toBeDisabled();

  await page.getByLabel("Question bank file").setInputFiles({ name: "bank.gift", mimeType: "text/plain", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByTestId("import-counts")).toHaveText("2 new, 0 changed, 0 unchanged, 0 error(s), 0 warning(s).");
  await page.getByRole("button", { name: "Apply the import" }).click();
  await expect(page.getByText("Imported: 2 new, 0 changed (new versions), 0 unchanged.")).toBeVisible();
  await expect(page.getByTestId("import-history").locator("tbody tr").first()).toContainText("Applied");

  // Importing the same file again changes nothing.
  await page.getByLabel("Question bank file").setInputFiles({ name: "bank.gift", mimeType: "text/plain", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByTestId("import-counts")).toHaveText("0 new, 0 changed, 2 unchanged, 0 error(s), 0 warning(s).");

  // The lecture's bank exports with the imported questions; reading the export back changes nothing.
  const exported = await page.request.get("/api/admin/lectures/ml-systems-and-data-engineering/export?format=xml");
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toBe('attachment; filename="ml-systems-and-data-engineering-questions.xml"');
  const xml = await exported.text();
  expect(xml).toContain("Which layout suits appending rows?");
  await page.getByLabel("Question bank file").setInputFiles({ name: "bank.xml", mimeType: "application/xml", buffer: Buffer.from(xml) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByTestId("import-counts")).toHaveText("0 new, 0 changed, 72 unchanged, 0 error(s), 0 warning(s).");

  // A student's new attempt has the two new questions.
  const student = await (await browser.newContext()).newPage();
  await signUp(student, "New Comer", uniqueEmail("newcomer"));
  await student.goto("/lectures/ml-systems-and-data-engineering/quiz");
  await student.getByRole("button", { name: /Start the quiz/ }).click();
  await expect(student.getByText(/^Question 1 of 48/)).toBeVisible();
  // The imported questions come last, in the file's order.
  await student.getByRole("button", { name: "Question 47, not answered" }).click();
  await expect(student.getByRole("heading", { name: "Which format stores columns together?" })).toBeVisible();
  await student.getByRole("button", { name: "Question 48, not answered" }).click();
  await expect(student.getByRole("heading", { name: "Which layout suits appending rows?" })).toBeVisible();

  // Nobody else reaches the importer.
  expect((await student.goto("/admin/imports"))?.status()).toBe(403);
  expect((await student.request.get("/api/admin/lectures/ml-systems-and-data-engineering/export?format=gift")).status()).toBe(403);
  const upload = { multipart: { file: { name: "x.gift", mimeType: "text/plain", buffer: Buffer.from("Q {T}") }, lectureId: "any" } };
  const refused = await student.request.post("/api/admin/imports/preview", upload);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ message: "You do not have permission to do that." });
  const instructor = await (await browser.newContext()).newPage();
  await signIn(instructor, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  expect((await instructor.goto("/admin/imports"))?.status()).toBe(403);
});
