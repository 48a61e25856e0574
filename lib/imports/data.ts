import "server-only";
import { allowLongStatements, db } from "../db";
import { ADMIN_ROLES, assertRole, type SessionUser } from "../auth/roles";
import { ActionError, NotFoundError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { BankQuestion } from "../content/schemas";
import { toVersionData } from "../questions/version-data";
import { upsertQuestionVersion } from "../questions/versioning";
import type { ImportProblem, ParsedQuestion } from "./gift";
import { IMPORTED_SLOT_PREFIX } from "./slots";
import { getBankFormat, type BankFormatName } from "./formats";
import { parseUploadIsolated } from "./parse-isolated";
import { fileHashOf, type IdentifiedQuestion } from "./upload";

export type Outcome = "created" | "new-version" | "unchanged";

export interface PreviewItem {
  line: number;
  id: string;
  name: string;
  type: string;
  category: string;
  outcome: Outcome;
  /** The question's text, as the students will see it. */
  stem: string;
}

export interface ImportSummary {
  created: number;
  changed: number;
  unchanged: number;
  rejected: number;
  byType: Record<string, Record<Outcome | "rejected", number>>;
  byCategory: Record<string, Record<Outcome | "rejected", number>>;
}

export interface ImportPreview {
  jobId: string;
  fileName: string;
  fileHash: string;
  format: BankFormatName | null;
  items: PreviewItem[];
  problems: ImportProblem[];
  summary: ImportSummary;
}

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

function summarise(items: PreviewItem[], problems: ImportProblem[]): ImportSummary {
  const empty = () => ({ created: 0, "new-version": 0, unchanged: 0, rejected: 0 });
  const byType: ImportSummary["byType"] = {};
  const byCategory: ImportSummary["byCategory"] = {};
  for (const item of items) {
    (byType[item.type] ??= empty())[item.outcome]++;
    (byCategory[item.category || "(none)"] ??= empty())[item.outcome]++;
  }
  const rejected = new Set(problems.map((p) => `${p.line}|${p.question}`)).size;
  return { created: items.filter((i) => i.outcome === "created").length, changed: items.filter((i) => i.outcome === "new-version").length, unchanged: items.filter((i) => i.outcome === "unchanged").length, rejected, byType, byCategory };
}

async function requireLecture(lectureId: string) {
  const lecture = await db.lecture.findUnique({ where: { id: lectureId }, select: { id: true, courseId: true, quizzes: { orderBy: { createdAt: "asc" }, take: 1, select: { id: true } } } });
  if (!lecture) throw new NotFoundError("Choose the lecture the questions belong to.");
  return lecture;
}

/**
 * The dry run: what the file would create, change (a new version), leave unchanged and reject, with
 * every problem located. Writes nothing but the history entry.
 */
export async function previewImport(user: SessionUser | null, upload: ImportUpload): Promise<ImportPreview> {
  assertRole(user, ADMIN_ROLES);
  await requireLecture(upload.lectureId);
  const parsed = await parseUploadIsolated(upload.fileName, upload.bytes, { convert: upload.convert });
  const outcomes = await classify(parsed.questions);
  const items: PreviewItem[] = parsed.questions.map((q) => ({
    line: q.line,
    id: q.id,
    name: q.question.name ?? "",
    type: q.question.type,
    category: q.question.category ?? "",
    outcome: outcomes.get(q.id)!,
    stem: q.question.stem,
  }));
  const summary = summarise(items, parsed.problems);
  const job = await db.importJob.create({
    data: {
      userId: user.id,
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
 * written, and each new question becomes a slot of the lecture's quiz. With problems in the file it
 * refuses, unless the admin chose to import only the valid questions. The file must be the one that
 * was previewed (same hash).
 */
export async function applyImport(user: SessionUser | null, upload: ImportUpload & { fileHash: string; validOnly: boolean }): Promise<ImportSummary> {
  assertRole(user, ADMIN_ROLES);
  const lecture = await requireLecture(upload.lectureId);
  // Checked before the parse: a different file is refused without spending a parser on it.
  if (fileHashOf(upload.bytes) !== upload.fileHash) throw new ActionError("CONFLICT", "This is not the file that was previewed: preview it again before applying.");
  const parsed = await parseUploadIsolated(upload.fileName, upload.bytes, { convert: upload.convert });
  if (parsed.problems.length > 0 && !upload.validOnly) {
    throw new ActionError("CONFLICT", `${parsed.problems.length} problem(s) in the file: fix them and preview again, or choose “Import only the valid questions”.`);
  }
  if (parsed.questions.length === 0) throw new ActionError("VALIDATION", "The file has no valid questions to import.");
  const topics = await db.topic.findMany({ where: { courseId: lecture.courseId }, select: { id: true, key: true } });
  const topicIds = new Map(topics.map((t) => [t.key, t.id]));
  const outcomes: Outcome[] = [];
  await db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, 110_000); // up to 2,000 questions in one all-or-nothing write
      const quizId = lecture.quizzes[0]?.id;
      const last = quizId ? await tx.quizSlot.aggregate({ where: { quizId }, _max: { position: true } }) : null;
      let position = (last?._max.position ?? -1) + 1;
      for (const item of parsed.questions) {
        const result = await upsertQuestionVersion(tx, item.question as BankQuestion, {
          lectureId: lecture.id,
          topicId: item.question.topic ? (topicIds.get(item.question.topic) ?? null) : null,
          category: item.question.category,
        });
        outcomes.push(result.outcome);
        if (quizId && result.outcome === "created" && ["single", "multiple", "true-false"].includes(item.question.type)) {
          const slot = await tx.quizSlot.create({ data: { quizId, key: `${IMPORTED_SLOT_PREFIX}${item.id}`.slice(0, 120), position: position++, note: `Imported from ${upload.fileName}`, maxMark: item.question.maxMark ?? 1 }, select: { id: true } });
          await tx.quizSlotVariant.create({ data: { slotId: slot.id, questionId: result.questionId, position: 0 } });
        }
      }
      const items = parsed.questions.map((q, i) => ({ line: q.line, id: q.id, name: q.question.name ?? "", type: q.question.type, category: q.question.category ?? "", outcome: outcomes[i]!, stem: q.question.stem }));
      await tx.importJob.create({
        data: {
          userId: user.id,
          fileName: upload.fileName.slice(0, 200),
          fileHash: parsed.fileHash,
          format: getBankFormat(parsed.format!).dbName,
          status: "APPLIED",
          appliedAt: new Date(),
          summary: summarise(items, parsed.problems) as unknown as Prisma.InputJsonValue,
          errors: parsed.problems as unknown as Prisma.InputJsonValue,
        },
      });
    },
    { timeout: 120_000 },
  );
  const items = parsed.questions.map((q, i) => ({ line: q.line, id: q.id, name: "", type: q.question.type, category: q.question.category ?? "", outcome: outcomes[i]!, stem: "" }));
  return summarise(items, parsed.problems);
}

/** The import history, newest first. */
export async function getImportHistory(user: SessionUser, take = 50) {
  assertRole(user, ADMIN_ROLES);
  const jobs = await db.importJob.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, fileName: true, fileHash: true, format: true, status: true, summary: true, errors: true, createdAt: true, appliedAt: true, user: { select: { name: true, email: true } } },
  });
  return jobs.map((job) => ({ ...job, summary: job.summary as unknown as ImportSummary, errorCount: Array.isArray(job.errors) ? job.errors.length : 0, createdAt: job.createdAt.toISOString(), appliedAt: job.appliedAt?.toISOString() ?? null }));
}

export async function getImportLectures(user: SessionUser) {
  assertRole(user, ADMIN_ROLES);
  return db.lecture.findMany({ orderBy: { number: "asc" }, select: { id: true, slug: true, number: true, title: true } });
}

const FROM_TYPE = { SINGLE_CHOICE: "single", MULTIPLE_CHOICE: "multiple", TRUE_FALSE: "true-false", SHORT_ANSWER: "short-answer", NUMERICAL: "numerical", MATCHING: "matching", ESSAY: "essay" } as const;

/** A lecture's bank as questions in the file model (latest versions), for export. */
export async function getLectureBank(user: SessionUser, lectureSlug: string): Promise<{ lectureSlug: string; questions: (ParsedQuestion & { id: string })[] }> {
  assertRole(user, ADMIN_ROLES);
  const lecture = await db.lecture.findUnique({ where: { slug: lectureSlug }, select: { slug: true } });
  if (!lecture) throw new NotFoundError("No such lecture.");
  const rows = await db.question.findMany({
    where: { lecture: { slug: lectureSlug } },
    orderBy: { createdAt: "asc" },
    select: {
      externalKey: true,
      category: true,
      topic: { select: { key: true } },
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { type: true, name: true, stem: true, explanation: true, generalFeedback: true, sectionKey: true, maxMark: true, data: true, options: { orderBy: { position: "asc" }, select: { text: true, isCorrect: true, fraction: true, feedback: true } } },
      },
    },
  });
  const questions = rows.flatMap((row): (ParsedQuestion & { id: string })[] => {
    const v = row.versions[0];
    if (!v) return [];
    const data = (v.data ?? {}) as Record<string, unknown>;
    const base = {
      id: row.externalKey,
      stem: v.stem,
      explanation: v.explanation,
      maxMark: v.maxMark,
      origin: "imported" as const,
      ...(v.name ? { name: v.name } : {}),
      ...(v.generalFeedback ? { generalFeedback: v.generalFeedback } : {}),
      ...(v.sectionKey ? { section: v.sectionKey } : {}),
      ...(row.topic ? { topic: row.topic.key } : {}),
      ...(row.category ? { category: row.category } : {}),
      lecture: lecture.slug,
    };
    const type = FROM_TYPE[v.type];
    switch (type) {
      case "single":
      case "multiple":
        return [{ ...base, type, options: v.options.map((o) => ({ text: o.text, correct: o.isCorrect, fraction: o.fraction, ...(o.feedback ? { feedback: o.feedback } : {}) })) }];
      case "true-false":
        return [{ ...base, type, answer: v.options.find((o) => o.isCorrect)?.text === "True" }];
      case "short-answer":
        return [{ ...base, type, caseSensitive: Boolean(data.caseSensitive), answers: (data.answers as { text: string; fraction: number; feedback: string }[]).map((a) => ({ text: a.text, fraction: a.fraction, ...(a.feedback ? { feedback: a.feedback } : {}) })) }];
      case "numerical":
        return [{ ...base, type, answers: (data.answers as { value: number; tolerance: number; fraction: number; feedback: string }[]).map((a) => ({ value: a.value, tolerance: a.tolerance, fraction: a.fraction, ...(a.feedback ? { feedback: a.feedback } : {}) })) }];
      case "matching":
        return [{ ...base, type, pairs: data.pairs as { prompt: string; answer: string }[] }];
      case "essay":
        return [{ ...base, type }];
    }
  });
  return { lectureSlug: lecture.slug, questions: questions as (ParsedQuestion & { id: string })[] };
}
