import "server-only";
// The quiz editor's settings change: title, attempts, grading, time limit, shuffles and the window in
// which the quiz takes new attempts. Attempts already started keep their plan and deadline; the
// change applies to attempts started afterwards.
import { assertRole, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { formatUtcLong } from "../../dates";
import { editQuiz } from "./internal/edit";
import type { QuizSettingsInput } from "./schemas";

/** The settings as quiz.json writes them (time limit in minutes), with the dates as ISO strings: what the audit entry stores. */
interface SettingsRecord {
  title: string;
  attemptsAllowed: number | null;
  gradingPolicy: "FIRST" | "LAST" | "BEST";
  timeLimitMinutes: number | null;
  shuffleOptions: boolean;
  shuffleSlots: boolean;
  opensAt: string | null;
  closesAt: string | null;
}

const POLICY_WORDS: Record<SettingsRecord["gradingPolicy"], string> = { FIRST: "first attempt", LAST: "last attempt", BEST: "best attempt" };

const WORDS: { [K in keyof SettingsRecord]: [label: string, words: (value: SettingsRecord[K]) => string] } = {
  title: ["title", (v) => `“${v}”`],
  attemptsAllowed: ["attempts allowed", (v) => (v === null ? "unlimited" : String(v))],
  gradingPolicy: ["grade", (v) => POLICY_WORDS[v]],
  timeLimitMinutes: ["time limit", (v) => (v === null ? "none" : `${v} minute${v === 1 ? "" : "s"}`)],
  shuffleOptions: ["shuffle options", (v) => (v ? "on" : "off")],
  shuffleSlots: ["shuffle questions", (v) => (v ? "on" : "off")],
  opensAt: ["opens", (v) => (v === null ? "any time" : formatUtcLong(v))],
  closesAt: ["closes", (v) => (v === null ? "never" : formatUtcLong(v))],
};

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 1000) / 1000);
const iso = (date: Date | null) => date?.toISOString() ?? null;

type SettingsValues = Omit<SettingsRecord, "opensAt" | "closesAt"> & { opensAt: Date | null; closesAt: Date | null };

const settingsRecord = (v: SettingsValues): SettingsRecord => ({
  title: v.title,
  attemptsAllowed: v.attemptsAllowed,
  gradingPolicy: v.gradingPolicy,
  timeLimitMinutes: v.timeLimitMinutes,
  shuffleOptions: v.shuffleOptions,
  shuffleSlots: v.shuffleSlots,
  opensAt: iso(v.opensAt),
  closesAt: iso(v.closesAt),
});

/** The fields that differ, as before and after records, and the summary line; null when none does. */
export function describeSettingsChange(title: string, before: SettingsRecord, after: SettingsRecord) {
  const changed = (Object.keys(WORDS) as (keyof SettingsRecord)[]).filter((field) => before[field] !== after[field]);
  if (changed.length === 0) return null;
  const pick = (record: SettingsRecord) => Object.fromEntries(changed.map((field) => [field, record[field]]));
  const parts = changed.map((field) => {
    const [label, words] = WORDS[field] as [string, (value: unknown) => string];
    return `${label} ${words(before[field])} → ${words(after[field])}`;
  });
  return { summary: `Changed the settings of “${title}”: ${parts.join("; ")}`, before: pick(before), after: pick(after) };
}

/** Saves the quiz's settings. Staff only; NotFoundError when there is no such quiz. */
export async function updateQuizSettings(viewer: Viewer, input: QuizSettingsInput) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, input.quizId, async (tx, quiz) => {
    const current = await tx.quiz.findUniqueOrThrow({
      where: { id: quiz.id },
      select: {
        title: true,
        attemptsAllowed: true,
        gradingPolicy: true,
        timeLimitSeconds: true,
        shuffleOptions: true,
        shuffleSlots: true,
        opensAt: true,
        closesAt: true,
      },
    });
    const before = settingsRecord({ ...current, timeLimitMinutes: minutes(current.timeLimitSeconds) });
    const after = settingsRecord(input);
    const change = describeSettingsChange(quiz.title, before, after);
    if (!change) return { result: { changed: false }, audit: null };
    await tx.quiz.update({
      where: { id: quiz.id },
      data: {
        title: input.title,
        attemptsAllowed: input.attemptsAllowed,
        gradingPolicy: input.gradingPolicy,
        // As the content loader stores quiz.json's minutes.
        timeLimitSeconds: input.timeLimitMinutes === null ? null : Math.round(input.timeLimitMinutes * 60),
        shuffleOptions: input.shuffleOptions,
        shuffleSlots: input.shuffleSlots,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
      },
    });
    return { result: { changed: true }, audit: { entityType: "quiz", entityId: quiz.id, action: "quiz.settings", ...change } };
  });
}
