import "server-only";
import { ADMIN_ROLES, assertRole } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { db } from "../../db";
import { getBankFormat, type BankFormatName } from "../formats/registry";
import type { CategoryInfo, KeyedQuestion } from "../types";
import { loadQuestionFiles, referencedFiles } from "../files/data";
import type { BankQuestion } from "../schemas";
import { fromVersionData, toVersionData, versionContentSelect } from "../version-data";

/** A lecture's bank as questions in the file model (latest versions), for export; null when there is no such lecture. */
export async function getLectureBank(
  viewer: Viewer,
  lectureSlug: string,
): Promise<{ lectureSlug: string; questions: KeyedQuestion[]; categories: CategoryInfo[] } | null> {
  assertRole(viewer, ADMIN_ROLES);
  const lecture = await db.lecture.findUnique({
    where: { slug: lectureSlug },
    select: { slug: true, categories: { orderBy: { path: "asc" }, select: { path: true, description: true, idnumber: true } } },
  });
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
        select: versionContentSelect,
      },
    },
  });
  const questions = rows.flatMap(({ versions: [version], ...row }) => (version ? [fromVersionData({ ...row, version }, lecture.slug)] : []));
  return { lectureSlug: lecture.slug, questions: await withTheirFiles(questions), categories: lecture.categories };
}

/** Each HTML question with the stored images its texts show (Moodle XML and JSON carry them). */
async function withTheirFiles(questions: KeyedQuestion[]): Promise<KeyedQuestion[]> {
  const texts = (q: KeyedQuestion) => {
    const v = toVersionData(q as BankQuestion);
    return [v.stem, v.generalFeedback, v.explanation, ...v.options.flatMap((o) => [o.text, o.feedback])];
  };
  const used = new Map(questions.filter((q) => q.format === "html").map((q) => [q.id, referencedFiles(texts(q))]));
  const files = new Map((await loadQuestionFiles([...new Set([...used.values()].flat())])).map((f) => [f.hash, f]));
  return questions.map((q) => {
    const own = (used.get(q.id) ?? []).flatMap((hash) => (files.has(hash) ? [files.get(hash)!] : []));
    return own.length ? { ...q, files: own } : q;
  });
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
  const { text, skipped } = format.serialize(bank.questions, bank.categories);
  return {
    fileName: `${bank.lectureSlug}-questions.${format.extension}`,
    contentType: `${format.mimeType}; charset=utf-8`,
    text,
    exported: bank.questions.length - skipped,
    skipped,
  };
}
