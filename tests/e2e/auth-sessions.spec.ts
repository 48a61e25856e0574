// Sign-out ends the session server-side, and "Sign out on all devices" ends every session.
import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "./helpers";

test("after sign-out, a copy of the session cookie no longer works", async ({ browser }) => {
  const email = uniqueEmail("copied");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, "Cora Copied", email);

  // Someone copies the cookie (a shared computer, a stolen backup) into another browser.
  const thief = await browser.newContext();
  await thief.addCookies(await context.cookies());
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/account");
  await expect(thiefPage.getByTestId("account-email")).toHaveText(email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);

  const response = await thiefPage.goto("/account");
  expect(response?.status()).toBe(200);
  await expect(thiefPage).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await expect(thiefPage.getByTestId("current-user")).toHaveCount(0);
});

test("the account page shows who you are and signs you out on all devices, by keyboard", async ({ browser }) => {
  const email = uniqueEmail("everywhere");
  const laptop = await (await browser.newContext()).newPage();
  await signUp(laptop, "Eve Everywhere", email, "everywhere password");
  const phone = await (await browser.newContext()).newPage();
  await signIn(phone, email, "everywhere password");

  await laptop.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account", exact: true }).click();
  await expect(laptop).toHaveURL(/\/account$/);
  await expect(laptop.getByTestId("account-name")).toHaveText("Eve Everywhere");
  await expect(laptop.getByTestId("account-email")).toHaveText(email);
  await expect(laptop.getByTestId("account-role")).toHaveText("Student");

  await laptop.getByRole("button", { name: "Sign out on all devices" }).focus();
  await laptop.keyboard.press("Enter");
  // The confirmation takes focus; Enter confirms.
  await expect(laptop.getByRole("button", { name: "Yes, sign out everywhere" })).toBeFocused();
  await laptop.keyboard.press("Enter");
  await expect(laptop).toHaveURL(/\/sign-in\?signedOut=all$/);
  await expect(laptop.getByText("You have signed out on all devices.")).toBeVisible();

  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
});

test("cancelling 'sign out on all devices' keeps the session and returns focus", async ({ page }) => {
  await signUp(page, "Can Celler", uniqueEmail("canceller"));
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out on all devices" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Sign out on all devices" })).toBeFocused();
  await page.reload();
  await expect(page.getByTestId("account-name")).toHaveText("Can Celler");
});
