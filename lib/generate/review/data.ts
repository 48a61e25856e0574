import "server-only";
// The instructors' review queue of generated items: each proposed item with the sentence it cites,
// what the linter says of it and what students reported. Approving writes it, as edited, into the
// course bank as a new question (version 1, origin GENERATED, by the instructor), with its audit
// entry, in one transaction; rejecting keeps it out of every student's view. Staff only.
import { assertRole, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { recordAudit } from "../../audit/internal/record";
import { upsertQuestionVersion } from "../../bank/internal/versioning";
import { bankQuestion } from "../../bank/schemas";
import { db } from "../../db";
import type { DbTransaction } from "../../db-client";
import { ActionError, NotFoundError } from "../../errors";
import { draftContentSelect } from "../internal/access";
import { lintItem } from "../lint";
import type { GeneratedDraft } from "../types";
import type { ApproveItemInput } from "./schemas";
import { toBankQuestion } from "./to-bank";

export interface ReviewQueueItem extends GeneratedDraft {
  id: string;
  lecture: { id: string; number: number; title: string };
  sectionTitle: string;
  generator: "offline" | "model";
  proposedAt: string | null;
  reports: { message: string; createdAt: string }[];
  /** The topic most of the bank's questions on the same section have: the approval form's default. */
  suggestedTopic: string | null;
}

export interface ReviewQueue {
  items: ReviewQueueItem[];
  /** Topics per lecture, for the approval form. */
  topics: Record<string, { key: string; name: string }[]>;
  recent: { id: string; status: "APPROVED" | "REJECTED"; summary: string; questionId: string | null; reviewedAt: string }[];
}

export const REVIEW_QUEUE_PAGE = 50;

export async function getReviewQueue(viewer: Viewer): Promise<ReviewQueue> {
  assertRole(viewer, STAFF_ROLES);
  const [rows, recent] = await Promise.all([
    db.generatedItem.findMany({
      where: { status: "PROPOSED" },
      orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
      take: REVIEW_QUEUE_PAGE,
      select: {
        ...draftContentSelect,
        id: true,
        proposedAt: true,
        lecture: {
          select: { id: true, number: true, title: true, sections: { select: { key: true, title: true } }, topics: { select: { key: true, name: true } } },
        },
        reports: { orderBy: { createdAt: "asc" }, select: { message: true, createdAt: true } },
      },
    }),
    db.generatedItem.findMany({
      where: { status: { in: ["APPROVED", "REJECTED"] } },
      orderBy: { reviewedAt: "desc" },
      take: 10,
      select: { id: true, status: true, kind: true, stem: true, front: true, rejectReason: true, questionId: true, reviewedAt: true },
    }),
  ]);
  const topics: ReviewQueue["topics"] = {};
  const suggested = await sectionTopics([...new Set(rows.map((r) => r.lecture.id))]);
  const items = rows.map((row) => {
    topics[row.lecture.id] = row.lecture.topics;
    const draft: GeneratedDraft = { ...row, section: row.sectionKey, lint: [] };
    return {
      ...draft,
      // Judged again on every view: the linter may have learned a rule since the item was made.
      lint: lintItem(draft),
      id: row.id,
      lecture: { id: row.lecture.id, number: row.lecture.number, title: row.lecture.title },
      sectionTitle: row.lecture.sections.find((s) => s.key === row.sectionKey)?.title ?? row.sectionKey,
      generator: row.generator === "MODEL" ? ("model" as const) : ("offline" as const),
      proposedAt: row.proposedAt?.toISOString() ?? null,
      reports: row.reports.map((r) => ({ message: r.message, createdAt: r.createdAt.toISOString() })),
      suggestedTopic: suggested.get(`${row.lecture.id}:${row.sectionKey}`) ?? null,
    };
  });
  return {
    items,
    topics,
    recent: recent.map((r) => ({
      id: r.id,
      status: r.status as "APPROVED" | "REJECTED",
      summary: r.status === "REJECTED" ? `${r.stem || r.front} — rejected: ${r.rejectReason ?? ""}` : r.stem || r.front,
      questionId: r.questionId,
      reviewedAt: (r.reviewedAt ?? new Date(0)).toISOString(),
    })),
  };
}

/** For each lecture's notes section, the topic most of its bank questions (newest versions) belong to. */
async function sectionTopics(lectureIds: string[]): Promise<Map<string, string>> {
  if (lectureIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ lecture_id: string; section_key: string; topic: string }[]>`
    SELECT DISTINCT ON (q.lecture_id, v.section_key) q.lecture_id, v.section_key, t.key AS topic
    FROM questions q
    JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version
    JOIN topics t ON t.id = q.topic_id
    WHERE q.lecture_id = ANY(${lectureIds}) AND v.section_key IS NOT NULL
    GROUP BY q.lecture_id, v.section_key, t.key
    ORDER BY q.lecture_id, v.section_key, count(*) DESC, t.key`;
  return new Map(rows.map((r) => [`${r.lecture_id}:${r.section_key}`, r.topic]));
}

/** Locks a proposed item for review; not found unless it is waiting in the queue. */
async function lockProposed(tx: DbTransaction, itemId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM generated_items WHERE id = ${itemId} AND status = 'PROPOSED' FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("That item is not waiting for review: someone may have reviewed it already.");
  return tx.generatedItem.findUniqueOrThrow({
    where: { id: itemId },
    select: { id: true, kind: true, sectionKey: true, source: true, lectureId: true, lecture: { select: { topics: { select: { id: true, key: true } } } } },
  });
}

/** Approves the item as edited: it becomes a bank question. Refused while the linter finds flaws in the edit. */
export async function approveGeneratedItem(viewer: Viewer, input: ApproveItemInput, now = new Date()): Promise<{ questionId: string; key: string }> {
  assertRole(viewer, STAFF_ROLES);
  return db.$transaction(async (tx) => {
    const item = await lockProposed(tx, input.itemId);
    const edited: GeneratedDraft = {
      kind: item.kind,
      section: item.sectionKey,
      source: item.source,
      front: item.kind === "MCQ" ? "" : input.front,
      back: item.kind === "MCQ" ? "" : input.back,
      stem: item.kind === "MCQ" ? input.stem : "",
      options: item.kind === "MCQ" ? input.options : [],
      answer: item.kind === "MCQ" ? input.answer : input.back,
      lint: [],
    };
    const flaws = lintItem(edited);
    if (flaws.length > 0) throw new ActionError("VALIDATION", `Fix these first: ${flaws.join(" ")}`, { _form: flaws });
    const topic = input.topic ? item.lecture.topics.find((t) => t.key === input.topic) : null;
    if (input.topic && !topic)
      throw new ActionError("VALIDATION", "Choose a topic of this lecture, or none.", { topic: ["Choose a topic of this lecture, or none."] });
    const key = `generated-${item.id}`;
    const parsed = bankQuestion.safeParse(toBankQuestion(edited, { id: key, sectionKey: item.sectionKey, topic: topic?.key ?? null }));
    if (!parsed.success) throw new ActionError("VALIDATION", `This item cannot be a bank question: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
    const written = await upsertQuestionVersion(
      tx,
      parsed.data,
      { lectureId: item.lectureId, topicId: topic?.id ?? null, category: "Generated" },
      { origin: "GENERATED", createdById: viewer.id },
    );
    await tx.generatedItem.update({
      where: { id: item.id },
      data: { status: "APPROVED", reviewedById: viewer.id, reviewedAt: now, questionId: written.questionId },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      lectureId: item.lectureId,
      entityType: "generated",
      entityId: item.id,
      action: "generated.approve",
      summary: `Approved a generated ${item.kind === "MCQ" ? "question" : "card"} into the bank as ${key} (version 1).`,
      after: { questionId: written.questionId, ...edited },
    });
    return { questionId: written.questionId, key };
  });
}

/** Rejects the item with a reason: it leaves every student's view. */
export async function rejectGeneratedItem(viewer: Viewer, input: { itemId: string; reason: string }, now = new Date()): Promise<{ rejected: true }> {
  assertRole(viewer, STAFF_ROLES);
  return db.$transaction(async (tx) => {
    const item = await lockProposed(tx, input.itemId);
    await tx.generatedItem.update({
      where: { id: item.id },
      data: { status: "REJECTED", reviewedById: viewer.id, reviewedAt: now, rejectReason: input.reason },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      lectureId: item.lectureId,
      entityType: "generated",
      entityId: item.id,
      action: "generated.reject",
      summary: `Rejected a generated item: ${input.reason}`,
    });
    return { rejected: true as const };
  });
}
