import { expect, type Page, type Request } from "@playwright/test";

let counter = 0;

export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@example.com`;
}

/**
 * A client address of its own for each new student (documentation range, never contacted: it only
 * travels in X-Forwarded-For), as a class signs up from many networks; the per-address sign-up limit
 * then applies to each as it would in a real class.
 */
function nextClientAddress(): string {
  counter += 1;
  return `198.51.100.${(counter % 250) + 1}`;
}

export async function signUp(page: Page, name: string, email: string, password = "a fine long password"): Promise<void> {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": nextClientAddress() });
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${name.split(" ")[0]}` })).toBeVisible();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export const DEMO_ADMIN = { email: "admin@example.com", password: "admin-demo-password" };
export const DEMO_STUDENT = { email: "student@example.com", password: "student-demo-password" };
export const DEMO_INSTRUCTOR = { email: "instructor@example.com", password: "instructor-demo-password" };

/**
 * Sends a server action request the page made once more and returns the reply's body. The browser's
 * own response body is not kept by the devtools protocol once the page moves on; a save carries its
 * idempotency key, so sending it again changes nothing.
 */
export async function replayAction(page: Page, url: string, request: Request): Promise<string> {
  const response = await page.request.post(url, {
    headers: {
      "next-action": request.headers()["next-action"]!,
      "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: request.postDataBuffer()!,
  });
  return response.text();
}
