import "server-only";
import { ADMIN_ROLES, assertRole } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { allowLongStatements, db } from "../../db";
import { ActionError, NotFoundError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { addImportedSlots, type ImportedSlotEntry } from "../../quiz/internal/slots";
import { storeQuestionFiles } from "../files/data";
import { plainText } from "../rich-text/format";
import { getBankFormat } from "../formats/registry";
import { upsertQuestionVersion } from "../internal/versioning";
import type { BankQuestion } from "../schemas";
import { isError, type ImportProblem } from "../types";
import { toVersionData } from "../version-data";
import { parseUploadIsolated } from "./parse-isolated";
import { summarise, type ImportPreview, type ImportSummary, type Outcome, type PreviewItem } from "./summary";
import { fileHashOf, type IdentifiedQuestion } from "./upload";

export interface ImportUpload {
  fileName: string;
  bytes: Uint8Array;
  lectureId: string;
  convert: boolean;
}

async function classify(questions: IdentifiedQuestion[]): Promise<Map<string, Outcome>> {
  const existing = await db.question.findMany({
    where: { externalKey: { in: questions.map((q) => q.id) } },
    select: { externalKey: true, versions: { orderBy: { version: "desc" }, take: 1, select: { contentHash: true } } },
  });
  const hashes = new Map(existing.map((q) => [q.externalKey, q.versions[0]?.contentHash ?? null]));
  return new Map(
    questions.map((q) => {
      if (!hashes.has(q.id)) return [q.id, "created" as const];
      return [q.id, hashes.get(q.id) === toVersionData(q.question as BankQuestion).contentHash ? ("unchanged" as const) : ("new-version" as const)];
    }),
  );
}

/** The preview's list: each parsed question with what importing it does. */
function previewItems(questions: IdentifiedQuestion[], outcomeOf: (question: IdentifiedQuestion, index: number) => Outcome): PreviewItem[] {
  return questions.map((q, i) => ({
    line: q.line,
    id: q.id,
    name: q.question.name ?? "",
    type: q.question.type,
    category: q.question.category ?? "",
    outcome: outcomeOf(q, i),
    stem: plainText(q.question.format)(q.question.stem),
  }));
}

/** A warning for each question whose topic is not one of the course's: it is imported without a topic. */
function unknownTopicWarnings(questions: IdentifiedQuestion[], topicIds: ReadonlyMap<string, string>): ImportProblem[] {
  return questions
    .filter((q) => q.question.topic && !topicIds.has(q.question.topic))
    .map((q) => ({
      line: q.line,
      column: 1,
      severity: "warning" as const,
      message: `the topic "${q.question.topic}" is not a topic of this course (${[...topicIds.keys()].join(", ") || "it has none"}): the question is imported without a topic`,
      question: q.question.name ?? q.question.stem.slice(0, 60),
      snippet: q.question.stem.slice(0, 80),
    }));
}

async function courseTopics(courseId: string): Promise<Map<string, string>> {
  const topics = await db.topic.findMany({ where: { courseId }, orderBy: { key: "asc" }, select: { id: true, key: true } });
  return new Map(topics.map((t) => [t.key, t.id]));
}

async function requireLecture(lectureId: string) {
  const lecture = await db.lecture.findUnique({
    where: { id: lectureId },
    select: { id: true, courseId: true, quizzes: { orderBy: { createdAt: "asc" }, take: 1, select: { id: true } } },
  });
  if (!lecture) throw new NotFoundError("Choose the lecture the questions belong to.");
  return lecture;
}

/**
 * The dry run: what the file would create, change (a new version), leave unchanged and reject, with
 * every problem located. Writes nothing but the history entry.
 */
export async function previewImport(viewer: Viewer, upload: ImportUpload): Promise<ImportPreview> {
  assertRole(viewer, ADMIN_ROLES);
  const lecture = await requireLecture(upload.lectureId);
  const parsed = await parseUploadIsolated(upload.fileName, upload.bytes, { convert: upload.convert });
  parsed.problems.push(...unknownTopicWarnings(parsed.questions, await courseTopics(lecture.courseId)));
  const outcomes = await classify(parsed.questions);
  const items = previewItems(parsed.questions, (q) => outcomes.get(q.id)!);
  const summary = summarise(items, parsed.problems);
  const job = await db.importJob.create({
    data: {
      userId: viewer.id,
      fileName: upload.fileName.slice(0, 200),
      fileHash: parsed.fileHash,
      format: parsed.format ? getBankFormat(parsed.format).dbName : "JSON",
      status: "PREVIEWED",
      summary: summary as unknown as Prisma.InputJsonValue,
      errors: parsed.problems as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  return { jobId: job.id, fileName: upload.fileName, fileHash: parsed.fileHash, format: parsed.format, items, problems: parsed.problems, summary };
}

/**
 * Applies a previewed file, all or nothing, in one transaction: new questions and new versions are
 * written, and each new gradable question becomes a slot of the lecture's quiz. With problems in the
 * file it refuses, unless the admin chose to import only the valid questions. The file must be the
 * one that was previewed (same hash).
 */
export async function applyImport(viewer: Viewer, upload: ImportUpload & { fileHash: string; validOnly: boolean }): Promise<ImportSummary> {
  assertRole(viewer, ADMIN_ROLES);
  const lecture = await requireLecture(upload.lectureId);
  // Checked before the parse: a different file is refused without spending a parser on it.
  if (fileHashOf(upload.bytes) !== upload.fileHash)
    throw new ActionError("CONFLICT", "This is not the file that was previewed: preview it again before applying.");
  const parsed = await parseUploadIsolated(upload.fileName, upload.bytes, { convert: upload.convert });
  // Warnings (a duplicate, an unknown topic, a description left out) never stop an import: Moodle imports those files too.
  const errors = parsed.problems.filter(isError).length;
  if (errors > 0 && !upload.validOnly) {
    throw new ActionError("CONFLICT", `${errors} error(s) in the file: fix them and preview again, or choose “Import only the valid questions”.`);
  }
  if (parsed.questions.length === 0) throw new ActionError("VALIDATION", "The file has no valid questions to import.");
  const topicIds = await courseTopics(lecture.courseId);
  parsed.problems.push(...unknownTopicWarnings(parsed.questions, topicIds));
  const outcomes: Outcome[] = [];
  const summary = await db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, 110_000); // up to 2,000 questions in one all-or-nothing write
      const slots: ImportedSlotEntry[] = [];
      for (const item of parsed.questions) {
        await storeQuestionFiles(tx, item.question.files ?? []);
        const result = await upsertQuestionVersion(
          tx,
          item.question as BankQuestion,
          {
            lectureId: lecture.id,
            topicId: item.question.topic ? (topicIds.get(item.question.topic) ?? null) : null,
            category: item.question.category,
          },
          { origin: "IMPORT", createdById: viewer.id },
        );
        outcomes.push(result.outcome);
        // Every type is taken in quizzes (an essay waits for a teacher's mark).
        if (result.outcome === "created") {
          slots.push({ questionKey: item.id, questionId: result.questionId, maxMark: item.question.maxMark ?? 1, note: `Imported from ${upload.fileName}` });
        }
      }
      for (const category of parsed.categories) {
        const fields = { description: category.description, idnumber: category.idnumber };
        await tx.questionCategory.upsert({
          where: { lectureId_path: { lectureId: lecture.id, path: category.path } },
          create: { lectureId: lecture.id, path: category.path, ...fields },
          update: fields,
        });
      }
      const quizId = lecture.quizzes[0]?.id;
      if (quizId) await addImportedSlots(tx, quizId, slots);
      const applied = summarise(
        previewItems(parsed.questions, (_, i) => outcomes[i]!),
        parsed.problems,
      );
      await tx.importJob.create({
        data: {
          userId: viewer.id,
          fileName: upload.fileName.slice(0, 200),
          fileHash: parsed.fileHash,
          format: getBankFormat(parsed.format!).dbName,
          status: "APPLIED",
          appliedAt: new Date(),
          summary: applied as unknown as Prisma.InputJsonValue,
          errors: parsed.problems as unknown as Prisma.InputJsonValue,
        },
      });
      return applied;
    },
    { timeout: 120_000 },
  );
  return summary;
}

/** The import history, newest first. */
export async function getImportHistory(viewer: Viewer, take = 50) {
  assertRole(viewer, ADMIN_ROLES);
  const jobs = await db.importJob.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      fileName: true,
      fileHash: true,
      format: true,
      status: true,
      summary: true,
      errors: true,
      createdAt: true,
      appliedAt: true,
      user: { select: { name: true, email: true } },
    },
  });
  return jobs.map((job) => ({
    ...job,
    summary: job.summary as unknown as ImportSummary,
    errorCount: Array.isArray(job.errors) ? job.errors.length : 0,
    createdAt: job.createdAt.toISOString(),
    appliedAt: job.appliedAt?.toISOString() ?? null,
  }));
}

/** The lectures an import may go to (and whose banks the export offers). */
export async function getImportLectures(viewer: Viewer) {
  assertRole(viewer, ADMIN_ROLES);
  return db.lecture.findMany({ orderBy: { number: "asc" }, select: { id: true, slug: true, number: true, title: true } });
}
