// The typed refusal of a write to a closed attempt: the page learns it from the code ATTEMPT_CLOSED
// (components/quiz/answer-sync.ts), never from the message, which is only shown to the student.
import { ActionError } from "../../errors";
import type { AttemptClosedReason } from "./attempt-state";

export const CLOSED_MESSAGES: Record<AttemptClosedReason, string> = {
  SUBMITTED: "This attempt has already been submitted, so its answers can no longer change.",
  TIME_UP: "Time is up for this attempt: it has been submitted with the answers saved before the limit.",
};

export class AttemptClosedError extends ActionError {
  constructor(readonly reason: AttemptClosedReason) {
    super("ATTEMPT_CLOSED", CLOSED_MESSAGES[reason]);
    this.name = "AttemptClosedError";
  }
}
