import "server-only";
import { ADMIN_ROLES, assertRole } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { db } from "../../db";
import { getBankFormat, type BankFormatName } from "../formats/registry";
import type { KeyedQuestion } from "../types";
import { fromVersionData } from "../version-data";

/** A lecture's bank as questions in the file model (latest versions), for export; null when there is no such lecture. */
export async function getLectureBank(viewer: Viewer, lectureSlug: string): Promise<{ lectureSlug: string; questions: KeyedQuestion[] } | null> {
  assertRole(viewer, ADMIN_ROLES);
  const lecture = await db.lecture.findUnique({ where: { slug: lectureSlug }, select: { slug: true } });
  if (!lecture) return null;
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
        select: {
          type: true,
          name: true,
          stem: true,
          explanation: true,
          generalFeedback: true,
          sectionKey: true,
          maxMark: true,
          data: true,
          options: { orderBy: { position: "asc" }, select: { text: true, isCorrect: true, fraction: true, feedback: true } },
        },
      },
    },
  });
  const questions = rows.flatMap(({ versions: [version], ...row }) => (version ? [fromVersionData({ ...row, version }, lecture.slug)] : []));
  return { lectureSlug: lecture.slug, questions };
}

export interface BankFile {
  fileName: string;
  contentType: string;
  text: string;
  exported: number;
  /** Questions the format cannot hold, left out. */
  skipped: number;
}

/** A lecture's bank written in one of the formats, as a file to download; null when there is no such lecture. */
export async function getLectureBankFile(viewer: Viewer, lectureSlug: string, formatName: BankFormatName): Promise<BankFile | null> {
  const bank = await getLectureBank(viewer, lectureSlug);
  if (!bank) return null;
  const format = getBankFormat(formatName);
  const { text, skipped } = format.serialize(bank.questions);
  return {
    fileName: `${bank.lectureSlug}-questions.${format.extension}`,
    contentType: `${format.mimeType}; charset=utf-8`,
    text,
    exported: bank.questions.length - skipped,
    skipped,
  };
}
