// Property-based fuzzing of every door: each server action's input and each route's params and
// search params get random and hostile values, from an anonymous client, a student and an admin.
// Whatever comes in: no 5xx, the documented error shape, and another student's rows stay as they were.
import fc from "fast-check";
import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { DEMO_ADMIN, signUp, uniqueEmail } from "./helpers";
import { hostileInput, hostileSearch, hostileString } from "./fuzz-support/arbitraries";
import { anonymousClient, callAction, signedInClient } from "./fuzz-support/clients";
import { ACTION_INPUT_KEYS, appRoutes, fillRoute, SEARCH_NAMES, serverActions } from "./fuzz-support/targets";
import { victimSnapshot, type Victim } from "./fuzz-support/victim";

const LECTURE = "ml-systems-and-data-engineering";
const RUNS_PER_ACTION = 25;
const RUNS_PER_ROUTE = 15;

// Every route and action, three roles: about 4.5 minutes on 2 cores with the review plan's routes and actions.
test.describe.configure({ timeout: 420_000 });

async function newStudent(browser: Browser, address: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address } });
  const page = await context.newPage();
  const email = uniqueEmail("fuzz");
  await signUp(page, "Fuzz Student", email);
  return { context, page, email };
}

/** A student with an open attempt, a saved answer and a section read: the rows nobody else may change. */
async function createVictim(browser: Browser): Promise<Victim> {
  const { page, email, context } = await newStudent(browser, "203.0.113.10");
  await page.goto(`/lectures/${LECTURE}`);
  await page
    .locator("#ml-in-production")
    .getByRole("button", { name: /^Mark as read/ })
    .click();
  await expect(page.getByTestId("reading-progress")).toHaveText("1 of 11 read");
  await page.goto(`/lectures/${LECTURE}/quiz`);
  const quizId = await page.locator('input[name="quizId"]').first().inputValue();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const attemptId = page.url().split("/").pop()!;
  await page.locator("form label").nth(1).click();
  await page.getByRole("button", { name: "Save and next" }).click();
  await expect(page.getByText("Question 2 of 46")).toBeVisible();
  return { email, attemptId, quizId, request: context.request };
}

function expectDocumentedShape(response: APIResponse, body: string, where: string) {
  expect(response.status(), `${where} answered ${response.status()}: ${body.slice(0, 300)}`).toBeLessThan(500);
  if (response.status() >= 400 && response.headers()["content-type"]?.includes("json")) {
    expect(JSON.parse(body), where).toEqual(expect.objectContaining({ message: expect.any(String) }));
  }
}

test("random and hostile input at every action and route: no 5xx, no change to another student's rows", async ({ browser, baseURL }) => {
  const victim = await createVictim(browser);
  const before = await victimSnapshot(victim);
  expect(before.answers.length, "the victim's saved answers are visible to the snapshot").toBe(46);
  expect(before.progress).toContain("Notes 1 / 11 sections");
  const fuzzer = await newStudent(browser, "203.0.113.11");
  const clients: Record<string, APIRequestContext> = {
    anonymous: await anonymousClient(baseURL!, "203.0.113.12"),
    student: fuzzer.context.request,
    admin: await signedInClient(baseURL!, "203.0.113.13", DEMO_ADMIN.email, DEMO_ADMIN.password),
  };
  const knownIds = [victim.attemptId, victim.quizId, LECTURE];
  const paramValue = (param: string) => (param === "slug" ? LECTURE : param === "quizId" ? victim.quizId : param === "attemptId" ? victim.attemptId : "x");

  const actions = serverActions();
  expect(actions.length).toBeGreaterThan(10);
  const unlisted = actions.filter((a) => !(a.name in ACTION_INPUT_KEYS)).map((a) => a.name);
  expect(unlisted, "every server action needs its input keys in ACTION_INPUT_KEYS").toEqual([]);

  // Signing out everywhere ends the fuzzing client's own session: it goes last for each role.
  const ordered = [...actions].sort((a, b) => Number(a.name === "signOutEverywhere") - Number(b.name === "signOutEverywhere"));
  for (const [role, client] of Object.entries(clients)) {
    for (const route of appRoutes()) {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            params: fc.dictionary(fc.constantFrom("slug", "quizId", "slotId", "attemptId", "sessionId", "file", "nextauth"), hostileString(knownIds)),
            search: hostileSearch(SEARCH_NAMES, knownIds),
          }),
          async ({ params, search }) => {
            const path = fillRoute(route, (param) => params[param] ?? paramValue(param));
            const query = new URLSearchParams(search).toString();
            const url = query ? `${path}?${query}` : path;
            const response = await client.get(url, { failOnStatusCode: false, maxRedirects: 0 });
            expectDocumentedShape(response, await response.text(), `${role} → GET ${url.slice(0, 200)}`);
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    }

    for (const action of ordered) {
      const url = fillRoute(action.pagePath, paramValue);
      await fc.assert(
        fc.asyncProperty(hostileInput(ACTION_INPUT_KEYS[action.name]!, knownIds), async (input) => {
          const response = await callAction(client, url, action.id, input);
          const body = await response.text();
          const where = `${role} → ${action.name}(${JSON.stringify(input).slice(0, 200)})`;
          expectDocumentedShape(response, body, where);
          if (response.status() === 200 && !response.headers()["x-action-redirect"]) expect(body, where).toMatch(/"ok":(true|false)/);
        }),
        { numRuns: RUNS_PER_ACTION },
      );
    }
  }

  expect(await victimSnapshot(victim)).toEqual(before);
});
