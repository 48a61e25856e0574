// Writes a validated content tree into the database, idempotently, keyed by stable ids: loading the
// same files twice changes nothing, and a changed question becomes a new version. The whole tree is
// written in one transaction, so a failure leaves the database as it was.
import { allowLongStatements, type Db, type DbTransaction } from "../db-client";
import type { Prisma } from "../generated/prisma/client";
import { upsertQuestionVersion } from "../bank/internal/versioning";
import type { VersionOutcome } from "../bank/types";
import type { ContentTree, LectureContent } from "./read";

export interface LectureLoadSummary {
  slug: string;
  skipped: boolean;
  sections: number;
  questions: Record<VersionOutcome, number>;
  slots: number;
  flashcards: number;
  podcast: boolean;
}

async function loadLecture(tx: DbTransaction, courseId: string, content: LectureContent): Promise<LectureLoadSummary> {
  const { lecture } = content;
  const summary: LectureLoadSummary = {
    slug: lecture.slug,
    skipped: false,
    sections: content.sections.length,
    questions: { created: 0, "new-version": 0, unchanged: 0 },
    slots: content.quiz.slots.length,
    flashcards: content.flashcards.cards.length,
    podcast: content.podcast !== null,
  };
  const row = await tx.lecture.upsert({
    where: { slug: lecture.slug },
    create: { courseId, slug: lecture.slug, number: lecture.number, title: lecture.title, summary: lecture.summary, contentHash: content.contentHash },
    update: { courseId, number: lecture.number, title: lecture.title, summary: lecture.summary, contentHash: content.contentHash },
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
  for (const question of content.bank.questions) {
    const result = await upsertQuestionVersion(tx, question, { lectureId, topicId: question.topic ? (topicIds.get(question.topic) ?? null) : null });
    questionIds.set(question.id, result.questionId);
    summary.questions[result.outcome] += 1;
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
    create: { key: content.quiz.key, lectureId, ...quizSettings },
    update: { lectureId, ...quizSettings },
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
  // Only the files' own slots retire: the bank importer's (source IMPORT) are not in the files, and stay.
  await tx.quizSlot.updateMany({
    where: { quizId: quiz.id, source: "CONTENT", retiredAt: null, key: { notIn: content.quiz.slots.map((s) => s.key) } },
    data: { retiredAt: now },
  });

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
export async function loadContentTree(db: Db, tree: ContentTree, options: { force?: boolean } = {}): Promise<LectureLoadSummary[]> {
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
      for (const lecture of pending) summaries.push(await loadLecture(tx, course.id, lecture));
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
          `questions ${s.questions.created} new / ${s.questions["new-version"]} new versions / ${s.questions.unchanged} unchanged, ` +
          `${s.slots} quiz slots, ${s.flashcards} flashcards${s.podcast ? ", podcast script" : ""}`,
    )
    .join("\n");
}
