import { expect, test, type Page, type Request, type Route } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const QUIZ = "/lectures/ml-systems-and-data-engineering/quiz";

interface ActionCall {
  /** The action's argument as the page sent it (saves carry `position`, submissions do not). */
  arg: { attemptId: string; idempotencyKey: string; position?: number; baseRevision?: number };
  /** "aborted": failed in the browser before reaching the server; "lost": the server answered, the page never saw it. */
  fate: "pending" | "aborted" | "lost" | "delivered";
  reply?: string;
}

/** The server action's argument out of its request body (React's reply encoding of plain values is JSON). */
function actionArg(request: Request): ActionCall["arg"] {
  const args = JSON.parse(request.postData() ?? "[]") as unknown[];
  return args.find((a): a is ActionCall["arg"] => typeof a === "object" && a !== null && "attemptId" in a)!;
}

/**
 * Puts the page's server actions behind a switchable network: "down" fails each request in the
 * browser; "lose-next-reply" lets the next one reach the server and drops its reply. Every call is
 * recorded with its fate and, when the server answered, the reply's text.
 */
async function controlActions(page: Page) {
  const calls: ActionCall[] = [];
  const network = { mode: "up" as "up" | "down" | "lose-next-reply" };
  await page.route("**/quiz/attempts/**", async (route: Route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const call: ActionCall = { arg: actionArg(request), fate: "pending" };
    calls.push(call);
    if (network.mode === "down") {
      call.fate = "aborted";
      return route.abort("internetdisconnected");
    }
    const response = await route.fetch();
    call.reply = await response.text();
    if (network.mode === "lose-next-reply") {
      network.mode = "up";
      call.fate = "lost";
      return route.abort("connectionreset");
    }
    call.fate = "delivered";
    return route.fulfill({ response, body: call.reply });
  });
  return { calls, network };
}

/** Every text the save status showed from now on, in order (a poll could miss a brief "Saved"). */
async function recordStatuses(page: Page) {
  await page.evaluate(() => {
    const element = document.querySelector('[data-testid="save-status"]')!;
    const seen: string[] = [element.textContent ?? ""];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    new MutationObserver(() => seen.push(element.textContent ?? "")).observe(element, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses.slice());
}

const revisionIn = (reply: string | undefined) => Number(/"status":"saved","revision":(\d+)/.exec(reply ?? "")?.[1]);

test("saves and the submission ride out an outage: retried with the same key, never shown as saved before they are, stored once", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Off Line", uniqueEmail("offline"));
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const status = page.getByTestId("save-status");
  await expect(status).toHaveAttribute("aria-live", "polite");
  const { calls, network } = await controlActions(page);
  const savesOf = (position: number) => calls.filter((c) => c.arg.position === position);

  // 1. The network goes down, the student answers question 1 and moves on.
  const statuses = await recordStatuses(page);
  network.mode = "down";
  await page.locator("form label").first().click();
  const chosen = await page.locator("form input:checked").getAttribute("value");
  await page.getByRole("button", { name: "Save and next" }).click();
  await expect(page.getByText("Question 2 of 46")).toBeVisible();
  await expect(status).toHaveText("Offline — will retry");
  await expect.poll(() => savesOf(0).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3); // it keeps trying by itself
  await expect(status).toHaveText("Offline — will retry");
  expect(await statuses()).not.toContain("Saved");

  // The network comes back: the next retry gets through and only then is the answer called saved.
  network.mode = "up";
  await expect(status).toHaveText("Saved", { timeout: 20_000 });
  const first = savesOf(0);
  expect(new Set(first.map((c) => c.arg.idempotencyKey)).size).toBe(1); // one request, retried
  expect(first.filter((c) => c.fate === "delivered")).toHaveLength(1);
  expect(revisionIn(first.at(-1)!.reply)).toBe(1); // applied once: revision 0 → 1

  // 2. A reply is lost after the server stored the save: the retry is recognised, not applied again.
  network.mode = "lose-next-reply";
  await page.locator("form label").nth(1).click();
  await page.getByRole("button", { name: "Save and next" }).click();
  await expect(page.getByText("Question 3 of 46")).toBeVisible();
  await expect(status).toHaveText("Saved", { timeout: 20_000 });
  const second = savesOf(1);
  expect(second.map((c) => c.fate)).toEqual(["lost", "delivered"]);
  expect(second[0]!.arg).toEqual(second[1]!.arg); // same key, same base revision
  expect(second.map((c) => revisionIn(c.reply))).toEqual([1, 1]);

  // The answers are really stored: a reload shows them.
  await page.reload();
  await expect(page.getByTestId("answered-count")).toHaveText("2 of 46 answered");
  await page.getByRole("button", { name: "Question 1, answered" }).click();
  expect(await page.locator("form input:checked").getAttribute("value")).toBe(chosen);

  // 3. The submission, sent while offline, is retried with its one key and lands once. (Leaving a
  // question may send a save of the time spent: let it land first, so the outage hits the submission.)
  await page.getByRole("button", { name: "Review and submit" }).click();
  await expect(status).toHaveText(/^(Saved)?$/);
  await expect.poll(() => calls.filter((c) => c.fate === "pending").length).toBe(0);
  network.mode = "down";
  await page.getByRole("button", { name: "Submit attempt" }).click();
  await expect(status).toHaveText("Offline — will retry");
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  network.mode = "up";
  await expect(page).toHaveURL(/\/results$/, { timeout: 20_000 });
  const submissions = calls.filter((c) => c.arg.position === undefined);
  expect(submissions.length).toBeGreaterThanOrEqual(2);
  expect(new Set(submissions.map((c) => c.arg.idempotencyKey)).size).toBe(1);
  expect(submissions.filter((c) => c.fate === "delivered")).toHaveLength(1);
  await expect(page.getByTestId("attempt-score")).toHaveText(/ \/ 46 \(/);
});

test("a save refused for good is not retried forever: the status says so and offers Retry", async ({ page }) => {
  await signUp(page, "Re Try", uniqueEmail("retry"));
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const status = page.getByTestId("save-status");
  // The session ends (signed out in another tab): the server answers UNAUTHENTICATED, which no retry fixes.
  await page.context().clearCookies();
  await page.locator("form label").first().click();
  await page.getByRole("button", { name: "Save and next" }).click();
  await expect(status).toContainText("Answer to question 1 not saved:");
  await expect(status).not.toHaveText("Saved");
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
});
