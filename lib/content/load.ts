// Writes a validated content tree into the database, idempotently, keyed by stable ids: loading the
// same files twice changes nothing, and a changed question becomes a new version. The whole tree is
// written in one transaction, so a failure leaves the database as it was. Questions and quizzes also
// edited in the app follow the rule in conflicts.ts: an app edit is never overwritten unless the load
// is told to prefer the files.
import { allowLongStatements, type Db, type DbTransaction } from "../db-client";
import type { Prisma } from "../generated/prisma/client";
import { upsertQuestionVersion } from "../bank/internal/versioning";
import type { VersionOutcome } from "../bank/types";
import type { ContentConflict, Preference, QuizDecision } from "./conflicts";
import { planLecture, type LecturePlan } from "./plan";
import type { ContentTree, LectureContent } from "./read";

export interface LectureLoadSummary {
  slug: string;
  skipped: boolean;
  sections: number;
  questions: Record<VersionOutcome, number>;
  /** Questions whose newer app version stayed because the files did not change them since the last load. */
  keptAppEdits: number;
  /** What happened to the quiz ("skipped" with the lecture). */
  quiz: QuizDecision | "skipped";
  /** Conflicts left as they were (the app's side kept), and those resolved by `prefer`. */
  conflicts: ContentConflict[];
  resolved: number;
  slots: number;
  flashcards: number;
  podcast: boolean;
}

/** The quiz: from quiz.json when the rule says so, else as the app has it (see conflicts.ts). */
async function loadQuiz(
  tx: DbTransaction,
  content: LectureContent,
  lectureId: string,
  questionIds: ReadonlyMap<string, string>,
  plan: LecturePlan["quiz"],
  prefer: Preference | null,
  now: Date,
): Promise<void> {
  const { fileHash, stored, decision } = plan;
  if (stored && decision !== "created" && decision !== "load" && !(decision === "conflict" && prefer === "files")) {
    // In agreement: the file now says what the app has, so the app's edits are the file's.
    if (decision === "in-agreement") await tx.quiz.update({ where: { id: stored.id }, data: { lectureId, fileHash, editedAt: null } });
    if (decision === "conflict" && prefer === "app") await tx.quiz.update({ where: { id: stored.id }, data: { fileHash } });
    return;
  }
  const quizSettings = {
    title: content.quiz.title,
    description: content.quiz.description,
    attemptsAllowed: content.quiz.attemptsAllowed,
    gradingPolicy: content.quiz.gradingPolicy,
    timeLimitSeconds: content.quiz.timeLimitMinutes === null ? null : Math.round(content.quiz.timeLimitMinutes * 60),
    shuffleOptions: content.quiz.shuffleOptions,
    shuffleSlots: content.quiz.shuffleSlots,
  } satisfies Prisma.QuizUpdateInput;
  const quiz = await tx.quiz.upsert({
    where: { key: content.quiz.key },
    create: { key: content.quiz.key, lectureId, ...quizSettings, fileHash },
    update: { lectureId, ...quizSettings, fileHash, editedAt: null },
    select: { id: true },
  });
  for (const [position, slot] of content.quiz.slots.entries()) {
    const saved = await tx.quizSlot.upsert({
      where: { quizId_key: { quizId: quiz.id, key: slot.key } },
      create: { quizId: quiz.id, key: slot.key, position, note: slot.note, maxMark: slot.maxMark },
      update: { position, note: slot.note, maxMark: slot.maxMark, retiredAt: null },
      select: { id: true },
    });
    const variantIds = slot.variants.map((id) => questionIds.get(id)!);
    for (const [variantPosition, questionId] of variantIds.entries()) {
      await tx.quizSlotVariant.upsert({
        where: { slotId_questionId: { slotId: saved.id, questionId } },
        create: { slotId: saved.id, questionId, position: variantPosition },
        update: { position: variantPosition },
      });
    }
    await tx.quizSlotVariant.deleteMany({ where: { slotId: saved.id, questionId: { notIn: variantIds } } });
  }
  // Only the files' own slots retire: the bank importer's (source IMPORT) and the editor's are not in
  // the files, and stay; when the files win a conflict, the editor's slots go with the rest of its edits.
  const retiring = decision === "conflict" ? (["CONTENT", "EDITOR"] as const) : (["CONTENT"] as const);
  await tx.quizSlot.updateMany({
    where: { quizId: quiz.id, source: { in: [...retiring] }, retiredAt: null, key: { notIn: content.quiz.slots.map((s) => s.key) } },
    data: { retiredAt: now },
  });
}

async function loadLecture(tx: DbTransaction, courseId: string, content: LectureContent, prefer: Preference | null): Promise<LectureLoadSummary> {
  const { lecture } = content;
  // The question and quiz editors lock their row for each save: taking the same locks first, the plan
  // sees every edit saved before it, and an edit saved during the load waits for it (then sees its result).
  const ids = content.bank.questions.map((q) => q.id);
  await tx.$queryRaw`SELECT id FROM questions WHERE external_key = ANY(${ids}) ORDER BY id FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM quizzes WHERE key = ${content.quiz.key} FOR UPDATE`;
  const plan = await planLecture(tx, content);
  const open = prefer ? [] : plan.conflicts;
  const summary: LectureLoadSummary = {
    slug: lecture.slug,
    skipped: false,
    sections: content.sections.length,
    questions: { created: 0, "new-version": 0, unchanged: 0 },
    keptAppEdits: 0,
    quiz: plan.quiz.decision === "conflict" && prefer ? (prefer === "files" ? "load" : "kept-app-edit") : plan.quiz.decision,
    conflicts: open,
    resolved: plan.conflicts.length - open.length,
    slots: content.quiz.slots.length,
    flashcards: content.flashcards.cards.length,
    podcast: content.podcast !== null,
  };
  // With a conflict left open the folder's hash is not recorded, so the next load looks at this lecture
  // again (and reports the conflict again) instead of skipping it as unchanged.
  const contentHash = open.length ? null : content.contentHash;
  const row = await tx.lecture.upsert({
    where: { slug: lecture.slug },
    create: { courseId, slug: lecture.slug, number: lecture.number, title: lecture.title, summary: lecture.summary, contentHash },
    update: { courseId, number: lecture.number, title: lecture.title, summary: lecture.summary, contentHash },
    select: { id: true },
  });
  const lectureId = row.id;

  const topicIds = new Map<string, string>();
  for (const topic of lecture.topics) {
    const saved = await tx.topic.upsert({
      where: { courseId_key: { courseId, key: topic.key } },
      create: { courseId, lectureId, key: topic.key, name: topic.name },
      update: { lectureId, name: topic.name },
      select: { id: true },
    });
    topicIds.set(topic.key, saved.id);
  }

  for (const section of content.sections) {
    await tx.noteSection.upsert({
      where: { lectureId_key: { lectureId, key: section.key } },
      create: { lectureId, key: section.key, position: section.position, title: section.title, bodyMarkdown: section.body },
      update: { position: section.position, title: section.title, bodyMarkdown: section.body, retiredAt: null },
    });
  }
  // Content that left the files is retired, never deleted: students' progress and history on it stay.
  const now = new Date();
  await tx.noteSection.updateMany({ where: { lectureId, retiredAt: null, key: { notIn: content.sections.map((s) => s.key) } }, data: { retiredAt: now } });

  const questionIds = new Map<string, string>();
  for (const { question, fileState: fileHash, stored, decision } of plan.questions) {
    if (stored && (decision === "kept-app-edit" || (decision === "conflict" && prefer !== "files"))) {
      // The app's version stays; `--prefer app` records the file's change as seen.
      questionIds.set(question.id, stored.id);
      if (decision === "kept-app-edit") summary.keptAppEdits += 1;
      else if (prefer === "app") await tx.question.update({ where: { id: stored.id }, data: { fileHash } });
      continue;
    }
    const result = await upsertQuestionVersion(tx, question, { lectureId, topicId: question.topic ? (topicIds.get(question.topic) ?? null) : null });
    await tx.question.update({ where: { id: result.questionId }, data: { fileHash } });
    questionIds.set(question.id, result.questionId);
    summary.questions[result.outcome] += 1;
  }
  await loadQuiz(tx, content, lectureId, questionIds, plan.quiz, prefer, now);

  for (const [position, card] of content.flashcards.cards.entries()) {
    const fields = {
      lectureId,
      position,
      front: card.front,
      back: card.back,
      sectionKey: card.section ?? null,
      topicId: card.topic ? (topicIds.get(card.topic) ?? null) : null,
      retiredAt: null,
    };
    await tx.flashcard.upsert({ where: { key: card.id }, create: { key: card.id, ...fields }, update: fields });
  }
  await tx.flashcard.updateMany({ where: { lectureId, retiredAt: null, key: { notIn: content.flashcards.cards.map((c) => c.id) } }, data: { retiredAt: now } });

  if (content.podcast) {
    const script = content.podcast as unknown as Prisma.InputJsonValue;
    await tx.podcastEpisode.upsert({
      where: { lectureId },
      create: { lectureId, title: content.podcast.title, script },
      update: { title: content.podcast.title, script },
    });
  } else {
    await tx.podcastEpisode.deleteMany({ where: { lectureId } });
  }
  return summary;
}

/**
 * Loads the tree. Lectures whose folder hash matches the database are skipped unless `force`.
 * Returns what was written per lecture.
 */
export async function loadContentTree(db: Db, tree: ContentTree, options: { force?: boolean; prefer?: Preference | null } = {}): Promise<LectureLoadSummary[]> {
  const current = await db.lecture.findMany({ select: { slug: true, contentHash: true } });
  const hashes = new Map(current.map((l) => [l.slug, l.contentHash]));
  const pending = tree.lectures.filter((l) => options.force || hashes.get(l.lecture.slug) !== l.contentHash);
  const skipped = tree.lectures
    .filter((l) => !pending.includes(l))
    .map<LectureLoadSummary>((l) => ({
      slug: l.lecture.slug,
      skipped: true,
      sections: 0,
      questions: { created: 0, "new-version": 0, unchanged: 0 },
      keptAppEdits: 0,
      quiz: "skipped",
      conflicts: [],
      resolved: 0,
      slots: 0,
      flashcards: 0,
      podcast: false,
    }));

  const loaded = await db.$transaction(
    async (tx) => {
      // A whole course in one transaction: longer than any request's statement may take.
      await allowLongStatements(tx, 290_000);
      const course = await tx.course.upsert({
        where: { slug: tree.course.slug },
        create: { slug: tree.course.slug, title: tree.course.title, description: tree.course.description },
        update: { title: tree.course.title, description: tree.course.description },
        select: { id: true },
      });
      const summaries: LectureLoadSummary[] = [];
      for (const lecture of pending) summaries.push(await loadLecture(tx, course.id, lecture, options.prefer ?? null));
      return summaries;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
  return [...loaded, ...skipped].sort((a, b) => a.slug.localeCompare(b.slug));
}

export function describeLoad(summaries: LectureLoadSummary[]): string {
  return summaries
    .map((s) =>
      s.skipped
        ? `  ${s.slug}: unchanged`
        : `  ${s.slug}: ${s.sections} sections, ` +
          `questions ${s.questions.created} new / ${s.questions["new-version"]} new versions / ${s.questions.unchanged} unchanged` +
          `${s.keptAppEdits ? ` / ${s.keptAppEdits} kept app edits` : ""}, ` +
          `${s.slots} quiz slots (${QUIZ_OUTCOME[s.quiz]}), ${s.flashcards} flashcards${s.podcast ? ", podcast script" : ""}` +
          `${s.resolved ? `, ${s.resolved} conflicts resolved` : ""}${s.conflicts.length ? `, ${s.conflicts.length} conflicts left` : ""}`,
    )
    .join("\n");
}

const QUIZ_OUTCOME: Record<LectureLoadSummary["quiz"], string> = {
  created: "quiz created",
  load: "quiz loaded",
  "in-agreement": "quiz as the app has it",
  "kept-app-edit": "the app's quiz kept",
  conflict: "quiz in conflict",
  skipped: "skipped",
};

/** Every conflict the load left open, lecture by lecture. */
export const conflictsOf = (summaries: readonly LectureLoadSummary[]): ContentConflict[] => summaries.flatMap((s) => s.conflicts);
