import "server-only";
// The editor's two writes-or-not: the live preview (the draft checked, and shown as a student sees it)
// and the save (the same check, then a new immutable version through the bank's versioned writer,
// with its audit entry in the same transaction). A save changes nothing when the content is the
// same; past attempts keep the version they saw, since responses point at version ids and no
// version row is ever updated. Staff only, checked first.
import { STAFF_ROLES, assertRole } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { recordAudit } from "../audit/internal/record";
import { upsertQuestionVersion } from "../bank/internal/versioning";
import { BANK_QUESTION_TYPE } from "../bank/question-types";
import type { BankQuestion } from "../bank/schemas";
import { toVersionData } from "../bank/version-data";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { changeSummary, type VersionSnapshot } from "./diff";
import { loadEditableQuestion, staleSlots, versionContentSelect, versionQuestion, type EditableQuestion } from "./internal/question";
import { studentPreview, type StudentPreview } from "./preview";
import type { previewQuestionInput, QuestionDraft, saveQuestionInput } from "./schemas";
import { checkDraft, type DraftCheck, type FieldProblem } from "./validation";
import type { z } from "zod";

async function editable(questionId: string): Promise<EditableQuestion> {
  const question = await loadEditableQuestion(questionId);
  if (!question) throw new NotFoundError("That question does not exist.");
  return question;
}

function check(question: EditableQuestion, draft: QuestionDraft): DraftCheck {
  if (draft.type !== BANK_QUESTION_TYPE[question.latest.type])
    return { ok: false, problems: [{ field: "_form", message: "A question's type cannot change.", summary: "A question's type cannot change." }] };
  return checkDraft(draft, { id: question.externalKey, topics: question.topics.map((t) => t.key), sections: question.sections.map((s) => s.key) });
}

/** Whether the quizzes using the question shuffle options (as the first one does; true when none uses it). */
async function shufflesOptions(questionId: string): Promise<boolean> {
  const quiz = await db.quiz.findFirst({ where: { slots: { some: { variants: { some: { questionId } } } } }, select: { shuffleOptions: true } });
  return quiz?.shuffleOptions ?? true;
}

export interface PreviewResult {
  problems: FieldProblem[];
  /** The student's view of the draft; null while it has problems. */
  preview: StudentPreview | null;
}

/** The draft checked, and (when it passes) shown as a student would see it; the after-submission view only for an answer given. */
export async function previewQuestion(viewer: Viewer, input: z.output<typeof previewQuestionInput>): Promise<PreviewResult> {
  assertRole(viewer, STAFF_ROLES);
  const question = await editable(input.questionId);
  const checked = check(question, input.draft);
  if (!checked.ok) return { problems: checked.problems, preview: null };
  const shuffle = await shufflesOptions(question.id);
  return { problems: [], preview: studentPreview(checked.question, input.seed, shuffle, input.answer) };
}

export type SaveResult =
  | { status: "invalid"; problems: FieldProblem[] }
  | { status: "unchanged"; version: number }
  | {
      status: "saved" | "topic-changed";
      version: number;
      summary: string;
      /** Quiz slots whose submitted attempts saw an older version: a regrade may be wanted. */
      stale: Awaited<ReturnType<typeof staleSlots>>;
    };

const topicKey = (question: EditableQuestion, topicId: string | null) => question.topics.find((t) => t.id === topicId)?.key ?? null;

/**
 * Saves the draft as the question's next version (origin EDITOR, by the viewer) with its audit entry,
 * in one transaction. Refused when someone saved a newer version since `baseVersion` was read.
 */
export async function saveQuestion(viewer: Viewer, input: z.output<typeof saveQuestionInput>): Promise<SaveResult> {
  assertRole(viewer, STAFF_ROLES);
  const question = await editable(input.questionId);
  const checked = check(question, input.draft);
  if (!checked.ok) return { status: "invalid", problems: checked.problems };
  const draft: BankQuestion = checked.question;
  const topicId = draft.topic ? (question.topics.find((t) => t.key === draft.topic)?.id ?? null) : null;
  const result = await db.$transaction(async (tx) => {
    // One save of a question at a time: the second waits, then sees the first's version.
    await tx.$queryRaw`SELECT id FROM questions WHERE id = ${question.id} FOR UPDATE`;
    const [latest, current] = await Promise.all([
      tx.questionVersion.findFirstOrThrow({
        where: { questionId: question.id },
        orderBy: { version: "desc" },
        select: { ...versionContentSelect, createdBy: { select: { name: true } } },
      }),
      tx.question.findUniqueOrThrow({ where: { id: question.id }, select: { topicId: true, category: true, lectureId: true } }),
    ]);
    if (latest.version !== input.baseVersion)
      throw new ActionError(
        "CONFLICT",
        `Version ${latest.version} was saved${latest.createdBy ? ` by ${latest.createdBy.name}` : ""} after you opened this question. ` +
          "Your changes are not saved: reload the page to see that version, then make them again.",
      );
    if (toVersionData(draft).contentHash === latest.contentHash && topicId === current.topicId)
      return { status: "unchanged" as const, version: latest.version };
    const before: VersionSnapshot = { question: versionQuestion(question, latest), topic: topicKey(question, current.topicId) };
    const written = await upsertQuestionVersion(
      tx,
      draft,
      { lectureId: current.lectureId, topicId, category: current.category },
      { origin: "EDITOR", createdById: viewer.id },
    );
    const after: VersionSnapshot = { question: draft, topic: draft.topic ?? null };
    const changes = changeSummary(before, after).join("; ");
    const summary =
      written.outcome === "new-version"
        ? `Saved ${question.externalKey} as version ${written.version}: ${changes}.`
        : `Changed ${question.externalKey} without a new version (the topic belongs to the question): ${changes}.`;
    await recordAudit(tx, {
      actorId: viewer.id,
      lectureId: current.lectureId,
      entityType: "question",
      entityId: question.id,
      action: "question.edit",
      summary,
      before: { version: latest.version, ...before },
      after: { version: written.version, ...after },
    });
    return { status: written.outcome === "new-version" ? ("saved" as const) : ("topic-changed" as const), version: written.version, summary };
  });
  if (result.status === "unchanged") return result;
  return { ...result, stale: await staleSlots(question.id, result.version) };
}
