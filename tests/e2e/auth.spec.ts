import { expect, test } from "@playwright/test";
import { DEMO_STUDENT, signIn, signUp, uniqueEmail } from "./helpers";

test("a new student signs up, is signed in, and signs out", async ({ page }) => {
  const email = uniqueEmail("newcomer");
  await signUp(page, "Nora Newcomer", email);
  await expect(page.getByTestId("current-user")).toContainText("Nora Newcomer");
  await expect(page.getByTestId("current-user")).toContainText("Student");
  // The session survives a reload (signed cookie).
  await page.reload();
  await expect(page.getByRole("heading", { name: "Welcome, Nora" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Create a free account" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("sign-up explains what is wrong, field by field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Dup");
  await page.getByLabel("Email").fill(DEMO_STUDENT.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters for your password.")).toBeVisible();
  await expect(page.getByText("The two passwords do not match.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("long enough password");
  await page.getByLabel("Confirm password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead?")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("a wrong password is refused, then the account is throttled after the limit", async ({ page, browser }) => {
  const email = uniqueEmail("guessed");
  const owner = await browser.newPage();
  await signUp(owner, "Gus Guessed", email, "the owner's real password");
  await owner.close();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel("Password").fill(`wrong guess ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#sign-in-error")).toHaveText("Incorrect email or password.");
  }
  await page.getByLabel("Password").fill("wrong guess 5");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#sign-in-error")).toHaveText(/^Too many failed sign-in attempts\. Try again in (30|29) seconds\.$/);

  // Even the right password is refused while the lock lasts.
  await page.getByLabel("Password").fill("the owner's real password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#sign-in-error")).toHaveText(/^Too many failed sign-in attempts\. Try again in \d+ seconds?\.$/);
  await expect(page).toHaveURL(/\/sign-in/);

  // Another account from the same browser is unaffected.
  await signIn(page, DEMO_STUDENT.email, DEMO_STUDENT.password);
});
