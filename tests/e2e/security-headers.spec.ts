import { expect, test, type Page } from "@playwright/test";
import { DEMO_ADMIN, signIn, signUp, uniqueEmail } from "./helpers";

/** Every CSP violation the page reports, collected in the page itself (nothing may be refused). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test("pages carry a nonce CSP and the static headers, and still work with them", async ({ page }) => {
  const violations = await watchViolations(page);
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain HTTP: no HSTS

  // Each document gets its own nonce, and Next's scripts carry it.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const second = (await page.request.get("/sign-in")).headers()["content-security-policy"]!;
  expect(second).not.toContain(nonce);
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);

  // Hydrated: client-side sign-in works, and so do the pages a student and an admin visit.
  await signUp(page, "Csp Tester", uniqueEmail("csp"));
  for (const path of ["/progress", "/lectures/ml-systems-and-data-engineering/flashcards", "/lectures/ml-systems-and-data-engineering"]) {
    const visit = await page.goto(path);
    expect(visit?.status(), path).toBe(200);
  }
  // A client component's action runs: the page hydrated under the policy.
  await page
    .locator("#ml-in-production")
    .getByRole("button", { name: /^Mark as read/ })
    .click();
  await expect(page.getByTestId("reading-progress")).toHaveText("1 of 11 read");
  expect(await violations()).toEqual([]);
});

test("HSTS is sent when the request came through an HTTPS proxy", async ({ request }) => {
  const response = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("API answers and built files carry nosniff and frame denial too", async ({ request }) => {
  for (const path of ["/api/health", "/icon.svg"]) {
    const response = await request.get(path);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
  }
});

test("a page on another origin cannot frame the admin pages", async ({ page, baseURL }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  // A hostile origin, served by the test itself, that frames /admin/users.
  await page.route("http://evil.test/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><title>evil</title><iframe id="victim" src="${baseURL}/admin/users"></iframe>` }),
  );
  await page.goto("http://evil.test/frame.html");
  const frame = page.frameLocator("#victim");
  await page.waitForTimeout(1500);
  await expect(frame.getByText("admin@example.com")).toHaveCount(0);
  const victim = page.frames().find((f) => f !== page.mainFrame());
  expect((await victim?.content().catch(() => "")) ?? "").not.toContain("admin@example.com");
});

test("a malformed action call is refused with 400 whatever headers come with it", async ({ request }) => {
  const variants: Record<string, string>[] = [{}, { "Next-Router-Prefetch": "1" }, { Purpose: "prefetch" }];
  for (const headers of variants) {
    const response = await request.post("/lectures/ml-systems-and-data-engineering", {
      headers: { ...headers, "Next-Action": "7f00000000000000000000000000000000000000aa", "Content-Type": "text/plain;charset=UTF-8" },
      data: '["$undefined",{"sectionId":"$Q1"}]',
    });
    expect(response.status(), JSON.stringify(headers)).toBe(400);
    expect(await response.json()).toEqual({ ok: false, code: "VALIDATION", message: "The action call refers to data it does not contain." });
  }
});
