import "server-only";
// A personal practice quiz: the student chooses topics (or "my weak spots"), a length and review or
// stretch; the questions are picked from the lecture's bank by mastery and Rasch difficulty
// (./select.ts) and asked once each in a PERSONAL practice session. Answering goes through the
// practice runner (lib/quiz/practice-data.ts): unscored, never an attempt, a response or a class
// statistic, and feeding the mistakes queue as practice does.
import { randomInt } from "node:crypto";
import { assertRole, ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { db } from "../../db";
import { ActionError, NotFoundError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { masteryLabel } from "../../progress/mastery";
import { getTopicMastery } from "../../progress/data";
import { abandonPractice, startPractice, type PracticeState } from "../../quiz/practice";
import { getPracticeView } from "../../quiz/practice-data";
import { abilityPrior, estimateAbility } from "./difficulty";
import { getBankCalibration } from "./difficulty-data";
import { loadPracticeBank, type PracticeBank } from "./internal/bank";
import { answersByQuestion, loadStudentHistory, recentlySeen, type PersonalSession, type StudentHistory } from "./internal/history";
import { PRACTICE_LENGTHS } from "./options";
import { personalSettings, type PersonalSettings, type StartPersonalPracticeInput } from "./schemas";
import { pickPracticeItems, weakTopics, type CandidateItem, type PracticePick, type TopicStanding } from "./select";

export interface PersonalSessionSummary {
  id: string;
  createdAt: Date;
  completedAt: Date | null;
  mode: PersonalSettings["request"]["mode"] | null;
  target: number | null;
  topics: string[];
  total: number;
  answered: number;
  correct: number;
  abandoned: boolean;
}

function summaryOf(session: PersonalSession): PersonalSessionSummary {
  return {
    id: session.id,
    createdAt: session.createdAt,
    completedAt: session.completedAt,
    mode: session.settings?.request.mode ?? null,
    target: session.settings?.target ?? null,
    topics: session.settings?.topics.map((t) => t.name) ?? [],
    total: session.settings?.items.length ?? session.state.answered + session.state.queue.length,
    answered: session.state.answered,
    correct: session.state.correct,
    abandoned: session.state.abandoned === true,
  };
}

/** The student's standing on each of the lecture's topics, in the notes' order. */
async function standingsOf(viewer: Viewer, bank: PracticeBank): Promise<TopicStanding[]> {
  const mastery = await getTopicMastery(
    viewer,
    bank.topics.map((t) => t.key),
  );
  return mastery.map((m) => ({ topic: m.topic, mastery: m.mastery }));
}

const questionsPerTopic = (bank: PracticeBank) => {
  const counts = new Map<string, number>();
  for (const q of bank.questions) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
  return counts;
};

/** What the personal practice form offers: topics with the student's mastery, what "my weak spots" means, the session in progress and recent ones. */
export async function getPersonalPracticeOptions(viewer: Viewer, lectureSlug: string) {
  assertRole(viewer, ROLES);
  const bank = await loadPracticeBank(lectureSlug, viewer.id);
  if (!bank) return null;
  const [standings, history] = await Promise.all([standingsOf(viewer, bank), loadStudentHistory(viewer.id, bank.lecture.id)]);
  const counts = questionsPerTopic(bank);
  const names = new Map(bank.topics.map((t) => [t.key, t.name]));
  const open = history.sessions.find((s) => s.completedAt === null);
  return {
    lecture: bank.lecture,
    topics: bank.topics.map((t, i) => ({
      key: t.key,
      name: t.name,
      mastery: standings[i]!.mastery,
      label: masteryLabel(standings[i]!.mastery),
      questions: counts.get(t.key) ?? 0,
    })),
    totalQuestions: bank.questions.length,
    heldForQuizzes: bank.heldForQuizzes,
    /** For each length the form offers, the topics "my weak spots" would draw from. */
    weakTopics: Object.fromEntries(
      PRACTICE_LENGTHS.map((length) => [length, weakTopics(standings, counts, length).map((key) => ({ key, name: names.get(key) ?? key }))]),
    ) as Record<(typeof PRACTICE_LENGTHS)[number], { key: string; name: string }[]>,
    open: open ? summaryOf(open) : null,
    recent: history.sessions
      .filter((s) => s.completedAt !== null)
      .slice(0, 5)
      .map(summaryOf),
  };
}

/** The pick for this request: the candidates with their difficulties, the student's ability, the selection. */
async function pickFor(viewer: Viewer, bank: PracticeBank, history: StudentHistory, input: StartPersonalPracticeInput, seed: number) {
  const [standings, calibration] = await Promise.all([
    standingsOf(viewer, bank),
    getBankCalibration(
      viewer,
      bank.lecture.id,
      bank.questions.map((q) => q.questionId),
    ),
  ]);
  const seen = recentlySeen(history);
  const items: CandidateItem[] = bank.questions.map((q) => ({
    ...q,
    difficulty: calibration.difficulties.get(q.questionId)?.difficulty ?? 0,
    seenRecently: seen.has(q.questionId),
  }));
  const own = answersByQuestion(history).flatMap((a) => {
    const d = calibration.difficulties.get(a.questionId);
    return d ? [{ difficulty: d.difficulty, right: a.right }] : [];
  });
  const prior = abilityPrior(
    standings.map((s) => s.mastery),
    own.length > 0,
    calibration.classAbility,
  );
  const ability = estimateAbility(own, prior);
  const pick = pickPracticeItems({ items, ability, standings, request: input, seed });
  // Questions whose difficulty rests on the class's answers (not on a bare prior of 0).
  const calibrated = pick.items.filter((i) => (calibration.difficulties.get(i.questionId)?.answers ?? 0) > 0).length;
  return { ability, pick, calibrated };
}

function settingsOf(
  bank: PracticeBank,
  input: StartPersonalPracticeInput,
  pick: PracticePick,
  ability: number,
  seed: number,
  calibrated: number,
): PersonalSettings {
  const names = new Map(bank.topics.map((t) => [t.key, t.name]));
  return {
    request: { topics: input.topics === "weak" ? "weak" : [...input.topics], length: input.length, mode: input.mode },
    topics: pick.perTopic.map((t) => ({ key: t.topic, name: names.get(t.topic) ?? t.topic, count: t.count })),
    target: pick.target,
    expectedRate: pick.expectedRate ?? 0,
    ability,
    seed,
    items: pick.items.map((i) => ({ questionId: i.questionId, versionId: i.versionId, difficulty: i.difficulty, predicted: i.predicted })),
    reusedSeen: pick.reusedSeen,
    short: pick.short,
    calibrated,
  };
}

/**
 * Starts a personal practice quiz on the lecture (or resumes the one in progress: one at a time per
 * lecture; `restart` ends it and starts a new one). Returns the session and whether it was resumed.
 * `seed` fixes the tie-breaks of the pick (tests); by default it is random.
 */
export async function startPersonalPractice(
  viewer: Viewer,
  lectureSlug: string,
  input: StartPersonalPracticeInput,
  options: { seed?: number } = {},
): Promise<{ sessionId: string; resumed: boolean }> {
  assertRole(viewer, ROLES);
  const bank = await loadPracticeBank(lectureSlug, viewer.id);
  if (!bank) throw new NotFoundError("That lecture does not exist.");
  const openSession = () =>
    db.practiceSession.findFirst({ where: { userId: viewer.id, lectureId: bank.lecture.id, kind: "PERSONAL", completedAt: null }, select: { id: true } });
  if (!input.restart) {
    const open = await openSession();
    if (open) return { sessionId: open.id, resumed: true };
  }
  if (input.topics !== "weak") {
    const known = new Set(bank.topics.map((t) => t.key));
    const unknown = input.topics.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw new ActionError("VALIDATION", "Choose topics of this lecture.", { topics: [`Not a topic of this lecture: ${unknown.join(", ")}.`] });
    }
  }
  const seed = options.seed ?? randomInt(2 ** 31);
  const history = await loadStudentHistory(viewer.id, bank.lecture.id);
  const { ability, pick, calibrated } = await pickFor(viewer, bank, history, input, seed);
  if (pick.items.length === 0) {
    throw new ActionError(
      "CONFLICT",
      bank.questions.length > 0
        ? "No questions in these topics yet."
        : bank.heldForQuizzes > 0
          ? "Submit an attempt at the quiz first: its questions can be practised once you have answered them for a grade."
          : "No practice questions in this lecture yet.",
    );
  }
  const settings = settingsOf(bank, input, pick, ability, seed, calibrated);

  return db.$transaction(async (tx) => {
    // One start at a time per student and lecture, so two clicks cannot open two sessions.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`personal-practice:${viewer.id}:${bank.lecture.id}`}, 0))`;
    const open = await tx.$queryRaw<{ id: string; state: Prisma.JsonValue }[]>`
      SELECT id, state FROM practice_sessions
      WHERE user_id = ${viewer.id} AND lecture_id = ${bank.lecture.id} AND kind = 'PERSONAL' AND completed_at IS NULL
      FOR UPDATE`;
    if (open.length > 0 && !input.restart) return { sessionId: open[0]!.id, resumed: true };
    const now = new Date();
    for (const session of open) {
      await tx.practiceSession.update({
        where: { id: session.id },
        data: { state: abandonPractice(session.state as unknown as PracticeState) as unknown as Prisma.InputJsonValue, completedAt: now },
      });
    }
    const created = await tx.practiceSession.create({
      data: {
        userId: viewer.id,
        kind: "PERSONAL",
        lectureId: bank.lecture.id,
        settings: settings as unknown as Prisma.InputJsonValue,
        state: startPractice(
          pick.items.map((i) => i.versionId),
          { askOnce: true },
        ) as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    return { sessionId: created.id, resumed: false };
  });
}

/** The practice session page: the current question (no key) or the summary, and for a personal quiz what it aims at. */
export async function getPracticeSessionView(viewer: Viewer, sessionId: string) {
  assertRole(viewer, ROLES);
  const [view, session] = await Promise.all([
    getPracticeView(viewer, sessionId),
    db.practiceSession.findFirst({ where: { id: sessionId, userId: viewer.id, kind: "PERSONAL" }, select: { settings: true, state: true } }),
  ]);
  if (!view) return null;
  const settings = session ? personalSettings.safeParse(session.settings) : null;
  const personal = settings?.success
    ? {
        target: settings.data.target,
        expectedRate: settings.data.expectedRate,
        total: settings.data.items.length,
        topics: settings.data.topics.map((t) => t.name),
        reusedSeen: settings.data.reusedSeen,
        short: settings.data.short,
        calibrated: settings.data.calibrated,
        abandoned: (session!.state as unknown as PracticeState).abandoned === true,
      }
    : null;
  return { ...view, personal };
}
