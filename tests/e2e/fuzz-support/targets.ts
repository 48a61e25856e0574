// What the fuzz spec aims at, read from the build itself: every route Next.js serves and every server
// action it registered, so a new route or action is fuzzed (or, for actions, fails the spec until its
// input keys are listed) without anyone remembering to add it.
import { readFileSync } from "node:fs";
import path from "node:path";

const nextDir = path.resolve(".next");

export interface ActionTarget {
  id: string;
  name: string;
  /** The app path of a page that registers it, e.g. "/lectures/[slug]/quiz". */
  pagePath: string;
}

/** "app/(learn)/lectures/[slug]/quiz/page" → "/lectures/[slug]/quiz" */
function appPathOf(worker: string): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)/]+\)/g, "");
  return route === "" ? "/" : route;
}

export function serverActions(): ActionTarget[] {
  const manifest = JSON.parse(readFileSync(path.join(nextDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, name: entry.exportedName, pagePath: appPathOf(Object.keys(entry.workers)[0]!) }));
}

/** Every route of the app, as app paths ("/api/podcast/[slug]/[file]"), Next's internal pages left out. */
export function appRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(nextDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return [...new Set(Object.values(manifest))].filter((route) => !route.startsWith("/_")).sort();
}

/** Fills an app path's [param] and [...param] segments, each with its own value. */
export function fillRoute(route: string, valueFor: (param: string) => string): string {
  // A lone surrogate has no UTF-8 form (a URL cannot carry it): it travels as U+FFFD, as browsers send it.
  return route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, param: string) => encodeURIComponent(Buffer.from(valueFor(param), "utf8").toString("utf8")));
}

/** The input keys of each server action's zod schema (each feature's schemas.ts), as hostile callers would try them. */
export const ACTION_INPUT_KEYS: Record<string, readonly string[]> = {
  signUp: ["name", "email", "password", "confirmPassword"],
  markSectionRead: ["sectionId"],
  rateCardAction: ["deck", "itemId", "rating", "idempotencyKey", "lectureSlug", "cardId"],
  undoRatingAction: ["logId"],
  saveListeningProgressAction: ["episodeId", "position", "heard", "seeked"],
  startAttemptAction: ["quizId"],
  saveAnswerAction: ["attemptId", "position", "chosen", "text", "flagged", "timeSpentMs", "idempotencyKey", "seq", "baseRevision"],
  submitAttemptAction: ["attemptId", "idempotencyKey"],
  startPracticeAction: ["quizId"],
  answerPracticeAction: ["sessionId", "questionVersionId", "chosen", "text"],
  startPersonalPracticeAction: ["lectureSlug", "topics", "length", "mode", "restart"],
  createCohortAction: ["name"],
  updateUserAccessAction: ["userId", "role", "cohortId"],
  setUserDisabledAction: ["userId", "disabled"],
  previewQuestionAction: ["questionId", "draft", "seed", "answer"],
  saveQuestionAction: ["questionId", "draft", "baseVersion"],
  updateQuizSettingsAction: [
    "quizId",
    "title",
    "attemptsAllowed",
    "gradingPolicy",
    "timeLimitMinutes",
    "shuffleOptions",
    "shuffleSlots",
    "opensAt",
    "closesAt",
  ],
  addSlotAction: ["quizId", "questionIds", "maxMark"],
  removeSlotAction: ["slotId"],
  restoreSlotAction: ["slotId"],
  moveSlotAction: ["slotId", "direction"],
  addSlotVariantAction: ["slotId", "questionId"],
  removeSlotVariantAction: ["slotId", "questionId"],
  setSlotMaxMarkAction: ["slotId", "maxMark"],
  applyRegradeAction: ["quizId", "slotId", "mode", "target", "idempotencyKey"],
  gradeResponseAction: ["responseId", "mark", "comment", "quizId", "blind"],
  requestHandGradingAction: ["responseId"],
  setRetentionAction: ["desiredRetention"],
  requestRefitAction: [],
  addExamDateAction: ["lectureId", "quizId", "title", "date"],
  removeExamDateAction: ["examDateId"],
  setLectureOpeningAction: ["lectureId", "opensOn"],
  createOwnCardAction: ["lectureId", "front", "back", "sectionKey", "reversible"],
  updateOwnCardAction: ["cardId", "front", "back", "sectionKey", "reversible"],
  deleteOwnCardAction: ["cardId"],
  restoreOwnCardAction: ["backup"],
  generateItemsAction: ["lectureId", "sectionKey", "generator"],
  answerItemAction: ["itemId", "chosen"],
  revealItemAction: ["itemId"],
  addItemToMyCardsAction: ["itemId"],
  reportItemAction: ["itemId", "message"],
  proposeItemAction: ["itemId"],
  approveGeneratedItemAction: ["itemId", "front", "back", "stem", "options", "answer", "topic"],
  rejectGeneratedItemAction: ["itemId", "reason"],
  signOutEverywhere: [],
  pingAction: [],
};

/** Search parameter names the pages and routes read. */
export const SEARCH_NAMES = [
  "q",
  "page",
  "role",
  "sort",
  "dir",
  "attempts",
  "cohort",
  "from",
  "to",
  "view",
  "deck",
  "format",
  "callbackUrl",
  "download",
  "created",
  "signedOut",
  "error",
  "type",
  "topic",
  "a",
  "b",
  "all",
  "back",
  "mode",
  "target",
  "applied",
  "quiz",
  "response",
  "blind",
  "done",
  "lecture",
];
