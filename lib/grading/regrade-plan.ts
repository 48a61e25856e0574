// What a regrade of one slot would do, worked out without the database: for each submitted response
// on the slot, its new mark under the chosen mode, and for each attempt its old and new total. The
// dry run shows this plan; applying writes exactly it. Pure.
import { gradeAnswer } from "../bank/answers/grading";
import { isChoiceType } from "../bank/answers/choice";
import { plainText, versionFormat } from "../bank/rich-text/format";

/**
 * KEY: score with each question's newest version, out of the slot's maximum now; FULL: the slot's
 * full mark; DROP: the slot counts for nothing (a later KEY or FULL regrade brings it back).
 */
export type RegradeMode = "KEY" | "FULL" | "DROP";
/** OLD_VERSION: responses that saw an older version than the newest; ALL: every submitted response. */
export type RegradeTarget = "OLD_VERSION" | "ALL";

export interface PlanOption {
  key: string;
  text: string;
  isCorrect: boolean;
  fraction: number;
  feedback: string;
}

export interface PlanVersion {
  id: string;
  questionId: string;
  version: number;
  type: string;
  data: unknown;
  options: PlanOption[];
}

export interface PlanResponse {
  responseId: string;
  attemptId: string;
  student: string;
  attemptNumber: number;
  score: number;
  maxScore: number;
  mark: number;
  maxMark: number;
  /** The slot's maximum now (the quiz editor may have changed it; a dropped slot comes back with it). */
  slotMaxMark: number;
  isCorrect: boolean;
  chosenOptionKeys: string[];
  answerText: string | null;
  optionOrder: string[];
  /** Marked by a teacher: a regrade with the key keeps the teacher's mark. */
  handGraded: boolean;
  versionId: string;
}

export interface PlannedResponse {
  responseId: string;
  attemptId: string;
  oldMark: number;
  newMark: number;
  oldMaxMark: number;
  newMaxMark: number;
  isCorrect: boolean;
  /** Set when the response moves to the newest version (KEY), with its answer in that version's keys. */
  versionId?: string;
  chosenOptionKeys?: string[];
  optionOrder?: string[];
}

export interface PlannedAttempt {
  attemptId: string;
  student: string;
  attemptNumber: number;
  oldMark: number;
  newMark: number;
  oldScore: number;
  newScore: number;
  oldMaxScore: number;
  newMaxScore: number;
}

export interface RegradePlan {
  /** Every response to rewrite (a mark or the version it is marked by changes). */
  rewrites: PlannedResponse[];
  /** The attempts whose mark on the slot or maximum changes, for the dry run's list. */
  changed: PlannedAttempt[];
  /** Responses in the target whose mark stays as it is. */
  unchanged: number;
  /** Responses left alone, with why ("marked by hand", "awaiting grading", "the question's type changed"). */
  skipped: { reason: string; count: number }[];
}

const SCORE_DIGITS = 1e9;
const round = (x: number) => Math.round(x * SCORE_DIGITS) / SCORE_DIGITS;

/** Old option keys to the newest version's: the option with the same words, else the one in the same place. */
export function mapOptionKeys(from: PlanVersion, to: PlanVersion): Map<string, string> {
  const wordsIn = (version: PlanVersion) => {
    const text = plainText(versionFormat(version.data));
    return (o: PlanOption) => text(o.text).trim().replace(/\s+/g, " ").toLowerCase();
  };
  const [fromWords, toWords] = [wordsIn(from), wordsIn(to)];
  const free = new Map(to.options.map((o) => [o.key, o]));
  const mapped = new Map<string, string>();
  for (const old of from.options) {
    const same = [...free.values()].find((o) => toWords(o) === fromWords(old));
    if (same) {
      mapped.set(old.key, same.key);
      free.delete(same.key);
    }
  }
  for (const old of from.options) {
    if (mapped.has(old.key) || !free.has(old.key)) continue;
    mapped.set(old.key, old.key);
    free.delete(old.key);
  }
  return mapped;
}

/** The regrade of the responses in the target (the caller selects them) under the mode. */
export function planRegrade(
  responses: readonly PlanResponse[],
  versions: ReadonlyMap<string, PlanVersion>,
  newest: ReadonlyMap<string, PlanVersion>,
  mode: RegradeMode,
): RegradePlan {
  const rewrites: PlannedResponse[] = [];
  const skipped = new Map<string, number>();
  const keyMaps = new Map<string, Map<string, string>>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  for (const r of responses) {
    const seen = versions.get(r.versionId)!;
    if (mode === "FULL") rewrites.push({ ...base(r), newMark: r.slotMaxMark, newMaxMark: r.slotMaxMark, isCorrect: true });
    else if (mode === "DROP") rewrites.push({ ...base(r), newMark: 0, newMaxMark: 0 });
    else if (r.handGraded) skip("marked by hand (the teacher's mark stays)");
    else if (seen.type === "ESSAY") skip("an essay (marked by hand)");
    else {
      const target = newest.get(seen.questionId)!;
      if (target.type !== seen.type) skip("the question's type changed (give full marks or drop the slot instead)");
      else rewrites.push(rescore(r, seen, target, keyMaps));
    }
  }
  const seenVersion = new Map(responses.map((r) => [r.responseId, r.versionId]));
  const marksChange = (w: PlannedResponse) => w.newMark !== w.oldMark || w.newMaxMark !== w.oldMaxMark;
  const meaningful = rewrites.filter((w) => marksChange(w) || (w.versionId !== undefined && w.versionId !== seenVersion.get(w.responseId)));
  const byAttempt = new Map(responses.map((r) => [r.attemptId, r]));
  const changed = meaningful.filter(marksChange).map<PlannedAttempt>((w) => {
    const r = byAttempt.get(w.attemptId)!;
    return {
      attemptId: w.attemptId,
      student: r.student,
      attemptNumber: r.attemptNumber,
      oldMark: w.oldMark,
      newMark: w.newMark,
      oldScore: r.score,
      newScore: round(r.score - w.oldMark + w.newMark),
      oldMaxScore: r.maxScore,
      newMaxScore: round(r.maxScore - w.oldMaxMark + w.newMaxMark),
    };
  });
  return {
    rewrites: meaningful,
    changed,
    unchanged: responses.length - changed.length - [...skipped.values()].reduce((a, b) => a + b, 0),
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
  };
}

function base(r: PlanResponse): PlannedResponse {
  return {
    responseId: r.responseId,
    attemptId: r.attemptId,
    oldMark: r.mark,
    newMark: r.mark,
    oldMaxMark: r.maxMark,
    newMaxMark: r.maxMark,
    isCorrect: r.isCorrect,
  };
}

/** The response marked by the newest version of its question, its choices carried over by their words. */
function rescore(r: PlanResponse, seen: PlanVersion, target: PlanVersion, keyMaps: Map<string, Map<string, string>>): PlannedResponse {
  let chosen = r.chosenOptionKeys;
  let optionOrder = r.optionOrder;
  if (isChoiceType(seen.type)) {
    const pair = `${seen.id}>${target.id}`;
    if (!keyMaps.has(pair)) keyMaps.set(pair, mapOptionKeys(seen, target));
    const keys = keyMaps.get(pair)!;
    chosen = r.chosenOptionKeys.flatMap((k) => (keys.has(k) ? [keys.get(k)!] : []));
    const shown = r.optionOrder.flatMap((k) => (keys.has(k) ? [keys.get(k)!] : []));
    optionOrder = [...shown, ...target.options.map((o) => o.key).filter((k) => !shown.includes(k))];
  }
  const grade = gradeAnswer(target, { chosen, text: r.answerText }, r.slotMaxMark);
  return {
    ...base(r),
    newMark: grade.mark,
    newMaxMark: r.slotMaxMark,
    isCorrect: grade.isCorrect,
    versionId: target.id,
    chosenOptionKeys: chosen,
    optionOrder,
  };
}
