// Open redirects after sign-in: whatever callbackUrl says, the browser ends up on this site.
import { expect, test } from "@playwright/test";
import { DEMO_STUDENT, signIn } from "./helpers";

const HOSTILE = ["/.//evil.example/phish", "/..//evil.example", "/%2e%2e//evil.example", "/a/..//evil.example", "/%2F%2Fevil.example", "//evil.example"];

test("a signed-in user visiting /sign-in with a hostile callbackUrl is sent home, not away", async ({ page }) => {
  await signIn(page, DEMO_STUDENT.email, DEMO_STUDENT.password);
  for (const callbackUrl of HOSTILE) {
    const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(307);
    expect(response.headers()["location"], callbackUrl).toBe("/");
  }
  // A genuine path on the site is kept.
  const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/progress")}`, { maxRedirects: 0 });
  expect(response.headers()["location"]).toBe("/progress");
});

test("signing in from a link with a hostile callbackUrl lands on this site", async ({ page, baseURL }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/.//evil.example/phish")}`);
  await page.getByLabel("Email").fill(DEMO_STUDENT.email);
  await page.getByLabel("Password").fill(DEMO_STUDENT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(page.url()).pathname).toBe("/");
});
