"use server";

import { publicAction } from "../actions/safe-action";
import { createStudentAccount } from "./data";
import { signUpInput } from "./schemas";

/** Creates a student account; the form then signs in with the same credentials. */
export const signUp = publicAction({ schema: signUpInput }, async (input) => {
  const user = await createStudentAccount(input);
  return { email: user.email };
});
