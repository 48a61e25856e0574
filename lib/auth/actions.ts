"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { authedAction, publicAction } from "../actions/safe-action";
import { signUpFromAddress } from "./internal/accounts";
import { signUpInput } from "./schemas";
import { clearSessionCookies } from "./session";
import { revokeAllSessions } from "./internal/session-store";
import { clientAddress } from "./sign-in";

/** Creates a student account; the form then signs in with the same credentials. */
export const signUp = publicAction({ name: "auth.signUp", schema: signUpInput }, async (input) => {
  const user = await signUpFromAddress(input, clientAddress(Object.fromEntries(await headers())));
  return { email: user.email };
});

/** Ends every session of the signed-in user, this browser's included, and clears this browser's cookie. */
export const signOutEverywhere = authedAction({ name: "auth.signOutEverywhere", schema: z.object({}) }, async (_input, user) => {
  const ended = await revokeAllSessions(user.id);
  await clearSessionCookies();
  return { ok: true as const, data: { ended }, message: `Signed out on all devices (${ended} ${ended === 1 ? "session" : "sessions"} ended).` };
});
