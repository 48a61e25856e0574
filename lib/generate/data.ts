import "server-only";
// The lecture's "Study" page: per notes section, the items the viewer generated (offline, or drafted
// by a language model for them), the model runs under way, and what they may still ask for. An item
// reaches the page without its answer, its back or its cited sentence (which holds the answer): those
// come from the answer and reveal actions (./items.ts) once the student has answered.
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { visibleItemsWhere, studentItemSelect, type StudentItemRow } from "./internal/access";
import { modelConfigured } from "./model-settings";
import type { GeneratedKind } from "./types";

export interface StudyItemView {
  id: string;
  kind: GeneratedKind;
  sectionKey: string;
  generator: "offline" | "model";
  /** A card's front (CLOZE, TERM, DEFINITION); "" for a question. */
  front: string;
  /** A question's stem and options (MCQ); "" and [] for a card. */
  stem: string;
  options: string[];
  proposed: boolean;
  reported: boolean;
}

export interface RunView {
  id: string;
  sectionKey: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  made: number;
  dropped: string[];
  error: string | null;
  createdAt: string;
}

export interface StudySection {
  key: string;
  title: string;
  /** Whether the viewer has generated this section's items from the notes. */
  generated: boolean;
  items: StudyItemView[];
  runs: RunView[];
}

export interface StudyPage {
  lecture: { id: string; slug: string; title: string };
  /** Whether a language model is configured (AI_BASE_URL and AI_MODEL). */
  modelEnabled: boolean;
  sections: StudySection[];
}

export function toStudyItem(row: StudentItemRow, reportedIds: ReadonlySet<string>): StudyItemView {
  return {
    id: row.id,
    kind: row.kind,
    sectionKey: row.sectionKey,
    generator: row.generator === "MODEL" ? "model" : "offline",
    front: row.kind === "MCQ" ? "" : row.front,
    stem: row.kind === "MCQ" ? row.stem : "",
    options: row.kind === "MCQ" ? row.options : [],
    proposed: row.status === "PROPOSED",
    reported: reportedIds.has(row.id),
  };
}

export function toRunView(run: {
  id: string;
  sectionKey: string;
  status: RunView["status"];
  made: number;
  dropped: string[];
  error: string | null;
  createdAt: Date;
}): RunView {
  return { ...run, createdAt: run.createdAt.toISOString() };
}

const runSelect = { id: true, sectionKey: true, status: true, made: true, dropped: true, error: true, createdAt: true } as const;

/** The Study page of a lecture for the viewer; null when there is no such lecture. */
export async function getStudyPage(viewer: Viewer, slug: string): Promise<StudyPage | null> {
  assertRole(viewer, ROLES);
  const lecture = await db.lecture.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, sections: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { key: true, title: true } } },
  });
  if (!lecture) return null;
  const [generatedRuns, runs, items, reports] = await Promise.all([
    db.generationRun.findMany({
      where: { userId: viewer.id, lectureId: lecture.id, generator: "OFFLINE" },
      distinct: ["sectionKey"],
      select: { sectionKey: true },
    }),
    db.generationRun.findMany({
      where: { userId: viewer.id, lectureId: lecture.id, generator: "MODEL" },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: runSelect,
    }),
    db.generatedItem.findMany({ where: visibleItemsWhere(viewer.id, lecture.id), orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: studentItemSelect }),
    db.generatedItemReport.findMany({ where: { userId: viewer.id, item: { lectureId: lecture.id } }, select: { itemId: true } }),
  ]);
  const reported = new Set(reports.map((r) => r.itemId));
  const generatedSections = new Set(generatedRuns.map((r) => r.sectionKey));
  const sections = lecture.sections.map((section) => ({
    key: section.key,
    title: section.title,
    generated: generatedSections.has(section.key),
    // Offline items are shown once the student asked for them; a model's drafts are theirs already.
    items: items
      .filter((i) => i.sectionKey === section.key && (i.generator === "MODEL" || generatedSections.has(section.key)))
      .map((i) => toStudyItem(i, reported)),
    runs: runs
      .filter((r) => r.sectionKey === section.key)
      .slice(0, 3)
      .map(toRunView),
  }));
  return { lecture: { id: lecture.id, slug: lecture.slug, title: lecture.title }, modelEnabled: modelConfigured(), sections };
}
