// When a quiz takes new attempts (opensAt, closesAt: either may be unset) and how long an attempt
// started now may run. Pure: the attempt start enforces it, the quiz page shows it.
import { formatUtcLong } from "../dates";

export interface QuizWindow {
  opensAt: Date | null;
  closesAt: Date | null;
}

export type QuizWindowState = "NOT_YET_OPEN" | "OPEN" | "CLOSED";

export function quizWindowState(window: QuizWindow, now: Date): QuizWindowState {
  if (window.opensAt && now.getTime() < window.opensAt.getTime()) return "NOT_YET_OPEN";
  if (window.closesAt && now.getTime() >= window.closesAt.getTime()) return "CLOSED";
  return "OPEN";
}

/** Why no attempt may start now ("This quiz opens on 3 March 2027, 09:00 UTC"), or null when one may. */
export function quizWindowRefusal(window: QuizWindow, now: Date): string | null {
  switch (quizWindowState(window, now)) {
    case "NOT_YET_OPEN":
      return `This quiz opens on ${formatUtcLong(window.opensAt!)}`;
    case "CLOSED":
      return `This quiz closed on ${formatUtcLong(window.closesAt!)}`;
    case "OPEN":
      return null;
  }
}

/** The deadline of an attempt started at `startedAt`: its time limit, cut short by the quiz's closing; null when neither applies. */
export function attemptDeadline(startedAt: Date, timeLimitSeconds: number | null, closesAt: Date | null): Date | null {
  const limit = timeLimitSeconds ? startedAt.getTime() + timeLimitSeconds * 1000 : null;
  const close = closesAt ? closesAt.getTime() : null;
  if (limit === null && close === null) return null;
  return new Date(Math.min(limit ?? Infinity, close ?? Infinity));
}
