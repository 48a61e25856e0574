"use server";
// The cheapest server action there is: no session, no input, no database. bench:quiz-submit calls it
// with the same load as the quiz's saves to measure the framework's own ceiling on the machine.

/** Does nothing and says so. */
export async function pingAction(): Promise<{ ok: true }> {
  return { ok: true };
}
