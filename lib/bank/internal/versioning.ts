// Writes bank questions as immutable versions: a new question gets version 1, a changed one the next
// version (answers already recorded keep pointing at the version the student saw), an unchanged one
// nothing. Used by the content loader and the bank importer, inside their transactions. Internal: it
// checks no viewer (its callers have, or are the seed), so app/ and components/ cannot import it.
import type { DbTransaction } from "../../db-client";
import type { Prisma } from "../../generated/prisma/client";
import type { VersionOrigin } from "../../generated/prisma/enums";
import type { BankQuestion } from "../schemas";
import type { VersionOutcome } from "../types";
import { toVersionData } from "../version-data";

export interface QuestionPlacement {
  lectureId: string | null;
  topicId: string | null;
  category?: string;
}

/** Who writes the version: the course files (the default), the bank importer, or an editor (with its author). */
export interface VersionAuthorship {
  origin: VersionOrigin;
  createdById?: string | null;
}

export async function upsertQuestionVersion(
  tx: DbTransaction,
  question: BankQuestion,
  placement: QuestionPlacement,
  authorship: VersionAuthorship = { origin: "CONTENT" },
): Promise<{ questionId: string; versionId: string; version: number; outcome: VersionOutcome }> {
  const data = toVersionData(question);
  const versionRows = (version: number): Prisma.QuestionVersionCreateWithoutQuestionInput => ({
    version,
    type: data.type,
    name: data.name,
    stem: data.stem,
    explanation: data.explanation,
    generalFeedback: data.generalFeedback,
    sectionKey: data.sectionKey,
    maxMark: data.maxMark,
    data: (data.data ?? undefined) as Prisma.InputJsonValue | undefined,
    contentHash: data.contentHash,
    origin: authorship.origin,
    ...(authorship.createdById ? { createdBy: { connect: { id: authorship.createdById } } } : {}),
    options: { create: data.options },
  });
  const identity = { lectureId: placement.lectureId, topicId: placement.topicId, category: placement.category ?? question.category ?? "" };

  const existing = await tx.question.findUnique({
    where: { externalKey: question.id },
    select: { id: true, latestVersion: true, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true, contentHash: true } } },
  });
  if (!existing) {
    const created = await tx.question.create({
      data: { externalKey: question.id, ...identity, latestVersion: 1, versions: { create: versionRows(1) } },
      select: { id: true, versions: { select: { id: true } } },
    });
    return { questionId: created.id, versionId: created.versions[0]!.id, version: 1, outcome: "created" };
  }
  const latest = existing.versions[0];
  await tx.question.update({ where: { id: existing.id }, data: identity });
  if (latest && latest.contentHash === data.contentHash) {
    return { questionId: existing.id, versionId: latest.id, version: latest.version, outcome: "unchanged" };
  }
  const next = (latest?.version ?? 0) + 1;
  const version = await tx.questionVersion.create({ data: { ...versionRows(next), question: { connect: { id: existing.id } } }, select: { id: true } });
  await tx.question.update({ where: { id: existing.id }, data: { latestVersion: next } });
  return { questionId: existing.id, versionId: version.id, version: next, outcome: "new-version" };
}
