import "server-only";
// The question editor's readers: each lecture's bank (searchable, filtered by type and topic), one
// question as a draft with the course's topics and the lecture's sections, its history with a diff of
// two versions, and which question each variant of a dashboard slot is. Staff only, checked first in
// every function. The preview and the save are in save.ts.
import { STAFF_ROLES, assertRole } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import type { VersionOrigin } from "../generated/prisma/enums";
import { BANK_QUESTION_TYPE, DB_QUESTION_TYPE } from "../bank/question-types";
import { clozeBlanks } from "../bank/cloze-stem";
import { plainText, versionFormat } from "../bank/rich-text/format";
import { diffVersions, type FieldDiff, type VersionSnapshot } from "./diff";
import { questionToDraft } from "./draft";
import { loadEditableQuestion, slotUseSelect, slotUses, staleSlots, versionContentSelect, versionQuestion } from "./internal/question";
import type { BankQuery, QuestionDraft } from "./schemas";

export const ORIGIN_LABELS: Record<VersionOrigin, string> = { CONTENT: "course files", IMPORT: "import", EDITOR: "editor", GENERATED: "generated, approved" };

/** Each lecture's bank (newest versions) that matches the filters, and the topics to filter by. */
export async function getQuestionBank(viewer: Viewer, query: BankQuery) {
  assertRole(viewer, STAFF_ROLES);
  const [lectures, topics] = await Promise.all([
    db.lecture.findMany({
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        title: true,
        questions: {
          where: query.topic ? { topic: { key: query.topic } } : {},
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            externalKey: true,
            topic: { select: { key: true, name: true } },
            versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, type: true, name: true, stem: true, data: true } },
            slotVariants: { select: slotUseSelect },
          },
        },
      },
    }),
    db.topic.findMany({ orderBy: { name: "asc" }, select: { key: true, name: true } }),
  ]);
  const needle = query.q.toLocaleLowerCase();
  const type = query.type ? DB_QUESTION_TYPE[query.type] : null;
  return {
    topics,
    lectures: lectures.map((lecture) => ({
      id: lecture.id,
      number: lecture.number,
      title: lecture.title,
      total: lecture.questions.length,
      questions: lecture.questions.flatMap(({ versions: [version], ...q }) => {
        if (!version || (type && version.type !== type)) return [];
        const words = clozeBlanks(plainText(versionFormat(version.data))(version.stem));
        if (needle && ![words, version.name, q.externalKey].some((t) => t.toLocaleLowerCase().includes(needle))) return [];
        return [
          {
            id: q.id,
            key: q.externalKey,
            name: version.name,
            text: words,
            type: BANK_QUESTION_TYPE[version.type],
            topic: q.topic,
            version: version.version,
            slots: slotUses(q.slotVariants),
          },
        ];
      }),
    })),
  };
}

export interface QuestionEditorView {
  id: string;
  key: string;
  lecture: { slug: string; title: string } | null;
  version: number;
  draft: QuestionDraft;
  topics: { key: string; name: string }[];
  sections: { key: string; title: string }[];
  slots: { quizId: string; quizTitle: string; slotId: string; position: number }[];
  stale: Awaited<ReturnType<typeof staleSlots>>;
}

/** One question as its editor opens it (its newest version as a draft); null when there is no such question. */
export async function getQuestionEditor(viewer: Viewer, questionId: string): Promise<QuestionEditorView | null> {
  assertRole(viewer, STAFF_ROLES);
  const question = await loadEditableQuestion(questionId);
  if (!question) return null;
  const [uses, stale] = await Promise.all([
    db.quizSlotVariant.findMany({ where: { questionId }, select: slotUseSelect }),
    staleSlots(questionId, question.latest.version),
  ]);
  return {
    id: question.id,
    key: question.externalKey,
    lecture: question.lecture ? { slug: question.lecture.slug, title: question.lecture.title } : null,
    version: question.latest.version,
    draft: questionToDraft(versionQuestion(question, question.latest)),
    topics: question.topics.map(({ key, name }) => ({ key, name })),
    sections: question.sections,
    slots: slotUses(uses),
    stale,
  };
}

/** The audit trail's record of a version's topic (the topic belongs to the question, not a version). */
function topicOfVersion(entries: { before: unknown; after: unknown }[], version: number, current: string | null): string | null {
  const snap = (value: unknown) => (value ?? {}) as { version?: number; topic?: string | null };
  const saved = entries.findLast((e) => snap(e.after).version === version);
  if (saved) return snap(saved.after).topic ?? null;
  const left = entries.find((e) => snap(e.before).version === version);
  return left ? (snap(left.before).topic ?? null) : current;
}

/** Every version of a question (newest first) and the diff between two of them (by default the newest two); null when there is no such question. */
export async function getQuestionHistory(viewer: Viewer, questionId: string, choice: { a: number | null; b: number | null }) {
  assertRole(viewer, STAFF_ROLES);
  const question = await db.question.findUnique({
    where: { id: questionId },
    select: {
      id: true,
      externalKey: true,
      category: true,
      topic: { select: { key: true } },
      lecture: { select: { slug: true, title: true } },
      versions: { orderBy: { version: "desc" }, select: { ...versionContentSelect, origin: true, createdAt: true, createdBy: { select: { name: true } } } },
    },
  });
  if (!question || question.versions.length === 0) return null;
  const entries = await db.auditEntry.findMany({
    where: { entityType: "question", entityId: questionId, action: "question.edit" },
    orderBy: { createdAt: "asc" },
    select: { before: true, after: true },
  });
  const numbers = question.versions.map((v) => v.version);
  const pick = (n: number | null, fallback: number) => (n !== null && numbers.includes(n) ? n : fallback);
  const b = pick(choice.b, numbers[0]!);
  const a = pick(choice.a, numbers.find((n) => n < b) ?? b);
  const snapshot = (n: number): VersionSnapshot => ({
    question: versionQuestion(
      question,
      question.versions.find((v) => v.version === n)!,
    ),
    topic: topicOfVersion(entries, n, question.topic?.key ?? null),
  });
  const diff: FieldDiff[] = diffVersions(snapshot(a), snapshot(b));
  return {
    id: question.id,
    key: question.externalKey,
    lecture: question.lecture,
    versions: question.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      origin: ORIGIN_LABELS[v.origin],
      author: v.createdBy?.name ?? null,
      title: v.name || plainText(versionFormat(v.data))(v.stem).slice(0, 80),
    })),
    a,
    b,
    diff,
  };
}

/** Which question each version shown on a dashboard slot's page belongs to (version id → question id). */
export async function getSlotQuestionIds(viewer: Viewer, quizId: string, slotId: string): Promise<Record<string, string>> {
  assertRole(viewer, STAFF_ROLES);
  const versions = await db.questionVersion.findMany({
    where: { question: { slotVariants: { some: { slotId, slot: { quizId } } } } },
    select: { id: true, questionId: true },
  });
  return Object.fromEntries(versions.map((v) => [v.id, v.questionId]));
}
