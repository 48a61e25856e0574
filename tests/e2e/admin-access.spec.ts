import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { DEMO_ADMIN, signIn, signUp, uniqueEmail } from "./helpers";

const STUDENT_PASSWORD = "a fine long password";

async function newSignedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

/**
 * Captures the exact request the admin's browser would send for a server action, without letting it
 * reach the server: the test then replays it from other sessions.
 */
async function captureActionRequest(page: Page, trigger: () => Promise<void>): Promise<{ actionId: string; contentType: string; body: Buffer }> {
  let captured: Request | undefined;
  await page.route("**/admin/users*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = request;
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await trigger();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const request = captured!;
  return { actionId: request.headers()["next-action"]!, contentType: request.headers()["content-type"]!, body: request.postDataBuffer()! };
}

test("a student gets 403 on every admin page", async ({ page }) => {
  await signUp(page, "Stu Dent", uniqueEmail("student"));
  for (const path of ["/admin", "/admin/users", "/admin/users?role=ADMIN"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByText("admin@example.com")).toHaveCount(0);
  }
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("an anonymous visitor is sent to sign in from admin pages", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fusers$/);
});

test("admin actions called directly by a student or an anonymous client change nothing; an admin's change takes effect", async ({ browser }) => {
  const studentEmail = uniqueEmail("climber");
  const studentPage = await (await browser.newContext()).newPage();
  await signUp(studentPage, "Cli Mber", studentEmail, STUDENT_PASSWORD);

  const adminPage = await newSignedInPage(browser, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await adminPage.goto(`/admin/users?q=${encodeURIComponent(studentEmail)}`);
  const row = adminPage.getByTestId(`user-row-${studentEmail}`);
  await expect(row).toBeVisible();

  // Learn what "make this student an admin" looks like on the wire, without sending it.
  const promote = await captureActionRequest(adminPage, async () => {
    await row.getByLabel("Role of Cli Mber").selectOption("ADMIN");
    await row.getByRole("button", { name: "Save Cli Mber" }).click();
  });
  // The aborted request shows as a message on the row, not as a broken page.
  await expect(row.locator('[id^="access-status-"]')).toHaveText("Could not reach the server. Check your connection and try again.");
  const cohort = await captureActionRequest(adminPage, async () => {
    await adminPage.getByLabel("New cohort").fill("Created by a student");
    await adminPage.getByRole("button", { name: "Add cohort" }).click();
  });

  // The student replays both actions with their own session; an anonymous client does too.
  const anonymous = await browser.newContext();
  for (const [client, expected] of [
    [studentPage.request, "You do not have permission to do that."],
    [anonymous.request, "Please sign in to continue."],
  ] as const) {
    for (const action of [promote, cohort]) {
      const response = await client.post("/admin/users", {
        headers: { "next-action": action.actionId, "content-type": action.contentType, accept: "text/x-component" },
        data: action.body,
      });
      expect(response.status()).toBe(200);
      const text = await response.text();
      expect(text).toContain(expected);
      expect(text).not.toContain("Saved:");
    }
  }

  // Nothing changed: the student is still a student and no cohort was created.
  await adminPage.goto(`/admin/users?q=${encodeURIComponent(studentEmail)}`);
  await expect(adminPage.getByTestId(`user-row-${studentEmail}`).getByLabel("Role of Cli Mber")).toHaveValue("STUDENT");
  await expect(adminPage.getByRole("option", { name: "Created by a student" })).toHaveCount(0);
  expect((await studentPage.goto("/admin/users"))?.status()).toBe(403);

  // The admin promotes the student for real. A role change ends the user's sessions: the next
  // request goes to the sign-in page, and signing in again brings the new role.
  const realRow = adminPage.getByTestId(`user-row-${studentEmail}`);
  await realRow.getByLabel("Role of Cli Mber").selectOption("ADMIN");
  await realRow.getByRole("button", { name: "Save Cli Mber" }).click();
  await expect(realRow.locator('[id^="access-status-"]')).toHaveText("Saved: Cli Mber is now admin.");

  await studentPage.goto("/admin/users");
  await expect(studentPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fusers$/);
  await studentPage.getByLabel("Email").fill(studentEmail);
  await studentPage.getByLabel("Password").fill(STUDENT_PASSWORD);
  await studentPage.getByRole("button", { name: "Sign in" }).click();
  await expect(studentPage).toHaveURL(/\/admin\/users$/);
  const response = await studentPage.goto("/admin/users");
  expect(response?.status()).toBe(200);
  await expect(studentPage.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(studentPage.getByTestId("current-user")).toContainText("Admin");
});

test("an admin creates a cohort and assigns a student to it", async ({ browser }) => {
  const studentEmail = uniqueEmail("cohortee");
  const studentPage = await (await browser.newContext()).newPage();
  await signUp(studentPage, "Coh Ortee", studentEmail);
  const adminPage = await newSignedInPage(browser, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await adminPage.goto("/admin/users");
  const name = `Cohort ${Date.now()}`;
  await adminPage.getByLabel("New cohort").fill(name);
  await adminPage.getByRole("button", { name: "Add cohort" }).click();
  await expect(adminPage.locator("#cohort-status")).toHaveText(`Cohort “${name}” created.`);
  await adminPage.getByLabel("New cohort").fill(name);
  await adminPage.getByRole("button", { name: "Add cohort" }).click();
  await expect(adminPage.locator("#cohort-status")).toHaveText("A cohort with this name already exists.");

  await adminPage.goto(`/admin/users?q=${encodeURIComponent(studentEmail)}`);
  const row = adminPage.getByTestId(`user-row-${studentEmail}`);
  await row.getByLabel("Cohort of Coh Ortee").selectOption({ label: name });
  await row.getByRole("button", { name: "Save Coh Ortee" }).click();
  await expect(row.locator('[id^="access-status-"]')).toHaveText(`Saved: Coh Ortee is now student in ${name}.`);
  await adminPage.reload();
  await expect(adminPage.getByTestId(`user-row-${studentEmail}`).getByLabel("Cohort of Coh Ortee")).toHaveValue(/.+/);
});
