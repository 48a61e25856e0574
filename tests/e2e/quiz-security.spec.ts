import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Request } from "@playwright/test";
import { replayAction, signIn, signUp, uniqueEmail } from "./helpers";

const QUIZ = "/lectures/ml-systems-and-data-engineering/quiz";
const bank = JSON.parse(readFileSync(path.resolve("content/lectures/01-ml-systems-and-data-engineering/questions.json"), "utf8")) as {
  questions: { explanation: string }[];
};
// What would give the key away: correctness flags, credit fractions, and any explanation's text.
const SECRETS = ["isCorrect", "is_correct", "fraction", "explanation", ...bank.questions.map((q) => q.explanation.slice(0, 60))];

function expectNoSecrets(text: string, where: string) {
  for (const secret of SECRETS) expect(text.includes(secret), `${where} contains ${JSON.stringify(secret)}`).toBe(false);
}

test("an open attempt's HTML, RSC payload and save responses carry no answer key", async ({ page }) => {
  await signUp(page, "Sec Ure", uniqueEmail("secure"));
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const url = page.url();

  for (let i = 0; i < 3; i++) {
    await page.locator("form label").nth(1).click();
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
      page.getByRole("button", { name: "Save and next" }).click(),
    ]);
    await expect(page.getByText(`Question ${i + 2} of 46`)).toBeVisible();
    const body = await replayAction(page, url, request);
    expect(body).toContain("savedAt");
    expectNoSecrets(body, `save response ${i + 1}`);
  }

  const html = await (await page.request.get(url)).text();
  expect(html).toContain("Question");
  expectNoSecrets(html, "the attempt page's HTML");
  const rsc = await (await page.request.get(url, { headers: { RSC: "1" } })).text();
  expect(rsc.length).toBeGreaterThan(1000);
  expectNoSecrets(rsc, "the attempt page's RSC payload");
  expectNoSecrets(await page.content(), "the rendered DOM");
});

test("another student cannot open, save into or submit someone's attempt", async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, "Own Er", uniqueEmail("owner"));
  await owner.goto(QUIZ);
  await owner.getByRole("button", { name: "Start the quiz" }).click();
  await expect(owner).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const attemptUrl = owner.url();

  // Capture the owner's real save and submit requests to replay them as someone else.
  const captured: Request[] = [];
  owner.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) captured.push(request);
  });
  await owner.locator("form label").first().click();
  await owner.getByRole("button", { name: "Save and next" }).click();
  await expect(owner.getByText("Question 2 of 46")).toBeVisible();
  const save = captured.at(-1)!;
  const ownerAnswer = await owner.getByRole("button", { name: "Question 1, answered" }).count();
  expect(ownerAnswer).toBe(1);

  const intruder = await (await browser.newContext()).newPage();
  await signUp(intruder, "In Truder", uniqueEmail("intruder"));
  expect((await intruder.goto(attemptUrl))?.status()).toBe(404);
  expect((await intruder.goto(`${attemptUrl}/results`))?.status()).toBe(404);

  const replay = await intruder.request.post(attemptUrl, {
    headers: {
      "next-action": save.headers()["next-action"]!,
      "content-type": save.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: save.postDataBuffer()!,
  });
  expect(await replay.text()).toContain("That attempt does not exist.");

  // The submit action, called directly with the owner's attempt id.
  await owner.getByRole("button", { name: "Review and submit" }).click();
  let submit: Request | undefined;
  // Every action call of the owner's page fails from here on (the page retries the submission with
  // the same request until the network is back; it must not come back while the page is open).
  await owner.route("**/quiz/attempts/**", async (route) => {
    if (!route.request().headers()["next-action"]) return route.continue();
    if (!route.request().postData()?.includes('"position"')) submit = route.request();
    await route.abort();
  });
  await owner.getByRole("button", { name: "Submit attempt" }).click();
  await expect.poll(() => submit !== undefined).toBe(true);
  const submitReplay = await intruder.request.post(attemptUrl, {
    headers: {
      "next-action": submit!.headers()["next-action"]!,
      "content-type": submit!.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: submit!.postDataBuffer()!,
  });
  expect(await submitReplay.text()).toContain("That attempt does not exist.");

  // The owner's attempt is untouched: still open, still with its answer. Leaving the page stops its
  // retries; only then does the network come back.
  await owner.goto(attemptUrl);
  await owner.unrouteAll({ behavior: "ignoreErrors" });
  await expect(owner).toHaveURL(attemptUrl);
  await expect(owner.getByTestId("answered-count")).toHaveText("1 of 46 answered");
});

test("a save sent with a copy of a signed-out session's cookie is refused and changes nothing", async ({ browser }) => {
  const context = await browser.newContext();
  const student = await context.newPage();
  const email = uniqueEmail("saver");
  await signUp(student, "Sa Ver", email);
  await student.goto(QUIZ);
  await student.getByRole("button", { name: "Start the quiz" }).click();
  await expect(student).toHaveURL(/\/quiz\/attempts\/[^/]+$/);
  const attemptUrl = student.url();
  const saves: Request[] = [];
  student.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) saves.push(request);
  });
  await student.locator("form label").first().click();
  await student.getByRole("button", { name: "Save and next" }).click();
  await expect(student.getByText("Question 2 of 46")).toBeVisible();
  const save = saves.at(-1)!;

  // The cookie is copied; a save sent with it works while the session stands.
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  const [previous, args] = JSON.parse(save.postData()!) as [unknown, Record<string, unknown>];
  const sendSave = (position: number) =>
    copy.request.post(attemptUrl, {
      headers: { "next-action": save.headers()["next-action"]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify([previous, { ...args, position, idempotencyKey: crypto.randomUUID(), baseRevision: 0 }]),
    });
  expect(await (await sendSave(2)).text()).toContain('"status":"saved"');

  // Its owner signs out: the same save, for another question, is refused.
  await student.getByRole("button", { name: "Sign out" }).click();
  await expect(student).toHaveURL(/\/sign-in\?signedOut=1$/);
  const body = await (await sendSave(1)).text();
  expect(body).toContain('"code":"UNAUTHENTICATED"');
  expect(body).toContain("Please sign in to continue.");

  // Signed in again, the attempt holds the two answers saved before the sign-out, no more.
  await signIn(student, email, "a fine long password");
  await student.goto(attemptUrl);
  await expect(student.getByTestId("answered-count")).toHaveText("2 of 46 answered");
});
