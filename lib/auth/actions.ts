"use server";

import { headers } from "next/headers";
import { publicAction } from "../actions/safe-action";
import { signUpFromAddress } from "./data";
import { clientAddress } from "./options";
import { signUpInput } from "./schemas";

/** Creates a student account; the form then signs in with the same credentials. */
export const signUp = publicAction({ schema: signUpInput }, async (input) => {
  const user = await signUpFromAddress(input, clientAddress(Object.fromEntries(await headers())));
  return { email: user.email };
});
