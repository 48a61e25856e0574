// HTTP clients for the fuzz spec: signed in through next-auth's own credentials endpoint, each from
// its own documentation-range client address (X-Forwarded-For), so the fuzzing never spends the
// sign-in or sign-up allowance of the address the other specs share.
import { expect, request, type APIRequestContext } from "@playwright/test";

export async function anonymousClient(baseURL: string, address: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": address }, maxRedirects: 0 });
}

export async function signedInClient(baseURL: string, address: string, email: string, password: string): Promise<APIRequestContext> {
  const client = await anonymousClient(baseURL, address);
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await client.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(response.status(), `sign-in of ${email}`).toBeLessThan(400);
  const session = (await (await client.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `session of ${email}`).toBe(email);
  return client;
}

/** Posts a server action call the way React's client does for a plain-object argument. */
export function callAction(client: APIRequestContext, url: string, actionId: string, input: unknown) {
  return client.post(url, {
    headers: { "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
    data: JSON.stringify(["$undefined", input]),
    failOnStatusCode: false,
  });
}
