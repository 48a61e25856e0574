// An admin disables an account: its sessions end at once, it cannot sign in, and it can be enabled again.
import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, signIn, signUp, uniqueEmail } from "./helpers";

test("an admin disables and re-enables a student; an admin cannot disable themselves", async ({ browser }) => {
  const email = uniqueEmail("disabled");
  const student = await (await browser.newContext()).newPage();
  await signUp(student, "Dee Sabled", email, "disabled student password");
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO_ADMIN.email, DEMO_ADMIN.password);

  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = admin.getByTestId(`user-row-${email}`);
  await row.getByRole("button", { name: `Disable Dee Sabled (${email})` }).click();
  await expect(row.getByRole("status").last()).toHaveText(`Disabled: Dee Sabled (${email}) can no longer sign in and was signed out everywhere.`);

  // The student's open session ends on their next request.
  await student.goto("/progress");
  await expect(student).toHaveURL(/\/sign-in\?callbackUrl=%2Fprogress$/);
  await student.getByLabel("Email").fill(email);
  await student.getByLabel("Password").fill("disabled student password");
  await student.getByRole("button", { name: "Sign in" }).click();
  await expect(student.locator("#sign-in-error")).toHaveText("This account has been disabled. Ask an administrator to enable it again.");

  await row.getByRole("button", { name: `Enable Dee Sabled (${email})` }).click();
  await expect(row.getByRole("status").last()).toHaveText(`Enabled: Dee Sabled (${email}) can sign in again.`);
  await signIn(student, email, "disabled student password");

  await admin.goto(`/admin/users?q=${encodeURIComponent(DEMO_ADMIN.email)}`);
  await expect(admin.getByTestId(`user-row-${DEMO_ADMIN.email}`).getByText("You cannot disable your own account.")).toBeVisible();
});

test("a search with a NUL byte is not an error", async ({ page }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const response = await page.goto("/admin/users?q=admin%00");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId(`user-row-${DEMO_ADMIN.email}`)).toBeVisible();
});
