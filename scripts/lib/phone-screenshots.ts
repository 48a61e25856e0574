// The README's phone screenshots: a Pixel 7 (touch, no keyboard hints) signed in as the demo student,
// with the service worker on — a question during an attempt, and a flashcard rated offline.
import { devices, type Browser } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/auth/demo-accounts";

const LECTURE = "/lectures/ml-systems-and-data-engineering";

export async function takePhoneScreenshots(browser: Browser, baseUrl: string, out: (name: string) => string): Promise<void> {
  const context = await browser.newContext({ ...devices["Pixel 7"], serviceWorkers: "allow" });
  try {
    const page = await context.newPage();
    const student = DEMO_ACCOUNTS.find((account) => account.role === "STUDENT")!;
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill(student.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await page.goto(`${baseUrl}${LECTURE}/quiz`);
    const start = page.getByRole("button", { name: /^(Start the quiz|Continue the attempt|Resume)/ });
    if (await start.count()) await start.first().click();
    else
      await page
        .getByRole("link", { name: /Continue|Resume/ })
        .first()
        .click();
    await page.waitForURL(/\/attempts\//);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: out("quiz-question-phone") });
    await page.goto(`${baseUrl}${LECTURE}/flashcards`);
    await page.getByTestId("lecture-offline").getByText("Available offline").waitFor({ timeout: 60_000 });
    await context.setOffline(true);
    await page.getByRole("button", { name: /Show answer/ }).click();
    await page.getByRole("button", { name: /^Good/ }).click();
    await page.getByTestId("offline-status").waitFor();
    await page.screenshot({ path: out("flashcards-offline-phone") });
    // The rating waits on the device; back online it is sent.
    await context.setOffline(false);
    await page.getByTestId("offline-status").waitFor({ state: "detached", timeout: 30_000 });
  } finally {
    await context.close();
  }
}
