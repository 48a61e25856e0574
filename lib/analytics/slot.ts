import "server-only";
// One question slot's page: its own row and its variants' rows (the same figures as the dashboard's
// table, computed for this slot alone), its options by fifth of the class, and the answers behind
// them. Staff only, checked here.
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { describeSlot, indexRows, type SlotStat } from "./describe";
import { loadSlotRows } from "./internal/bundles";
import { slotQuintilesSql, slotResponseCountSql, slotResponsesSql, type CountRow, type SlotQuintileRow, type SlotResponseRow } from "./internal/sql";
import { quizStructure } from "./internal/structure";
import { loadResponseAnalysis, type ResponseAnalysis } from "./response-analysis";
import { reviewAnswer } from "../bank/answers/review";
import { plainText, versionFormat } from "../bank/rich-text/format";
import { isChoiceType } from "../bank/answers/choice";
import { DEFAULT_VIEW, type StatsView } from "./view";

export const SLOT_PAGE_SIZE = 50;

export interface SlotDetail {
  variants: {
    variantKey: string;
    stem: string;
    /** quintiles[q] for q = 0 (lowest fifth of totals) … 4 (highest): attempts in it, and picks per option key. */
    quintiles: { attempts: number; picks: Record<string, number> }[];
  }[];
  responses: {
    /** The response's id (a teacher may mark it by hand). */
    id: string;
    name: string;
    email: string;
    variantKey: string;
    chosen: string[];
    /** A typed or matched answer, as the student's results read it back ("" for a choice). */
    answered: string;
    mark: number;
    maxMark: number;
    total: number;
    seconds: number;
    submittedAt: string;
  }[];
  responseCount: number;
  /** Short answer and numerical: the most frequent responses; matching: the figures per pair. */
  analysis: ResponseAnalysis[];
}

export interface SlotStatistics {
  quiz: { id: string; title: string; lectureTitle: string };
  source: "running" | "exact";
  slot: SlotStat;
  detail: SlotDetail;
}

/**
 * A live slot of the quiz in a view, with a page of its answers (latest first); null when the quiz
 * or the slot does not exist, or the slot is retired.
 */
export async function getSlotStatistics(
  viewer: Viewer,
  quizId: string,
  slotId: string,
  view: StatsView = DEFAULT_VIEW,
  page = 0,
  pageSize = SLOT_PAGE_SIZE,
): Promise<SlotStatistics | null> {
  assertRole(viewer, STAFF_ROLES);
  const quiz = await quizStructure(quizId);
  const slot = quiz?.slots.find((s) => s.id === slotId);
  if (!quiz || !slot) return null;
  const [sums, detail] = await Promise.all([loadSlotRows(quizId, slotId, view), loadSlotDetail(quizId, slotId, view, page, pageSize)]);
  return {
    quiz: { id: quiz.id, title: quiz.title, lectureTitle: quiz.lecture.title },
    source: sums.source,
    slot: describeSlot(slot, indexRows(sums.rows)),
    detail,
  };
}

/** A slot's options by score group (quintiles of the attempt total) and the answers behind them. */
async function loadSlotDetail(quizId: string, slotId: string, view: StatsView, page: number, pageSize: number): Promise<SlotDetail> {
  const [quintiles, responses, count, versions, analysis] = await Promise.all([
    db.$queryRaw<SlotQuintileRow[]>(slotQuintilesSql(quizId, slotId, view)),
    db.$queryRaw<SlotResponseRow[]>(slotResponsesSql(quizId, slotId, view, page, pageSize)),
    db.$queryRaw<CountRow[]>(slotResponseCountSql(quizId, slotId, view)),
    db.questionVersion.findMany({ where: { question: { slotVariants: { some: { slotId } } } }, select: { id: true, stem: true, type: true, data: true } }),
    loadResponseAnalysis(quizId, slotId, view),
  ]);
  const stems = new Map(versions.map((v) => [v.id, plainText(versionFormat(v.data))(v.stem)]));
  const byId = new Map(versions.map((v) => [v.id, v]));
  // A typed or matched answer reads as on the student's results (choices are shown by their labels).
  const answered = (r: SlotResponseRow) => {
    const version = byId.get(r.vid);
    if (!version || isChoiceType(version.type)) return "";
    return reviewAnswer({ type: version.type, data: version.data, options: [] }, { chosen: [], text: r.text }, []).given.join("; ");
  };
  const byVariant = new Map<string, SlotDetail["variants"][number]>();
  for (const row of quintiles) {
    let variant = byVariant.get(row.vid);
    if (!variant)
      byVariant.set(
        row.vid,
        (variant = { variantKey: row.vid, stem: stems.get(row.vid) ?? "", quintiles: Array.from({ length: 5 }, () => ({ attempts: 0, picks: {} })) }),
      );
    const group = variant.quintiles[row.q]!;
    if (row.k === null) group.attempts = row.c;
    else group.picks[row.k] = row.c;
  }
  return {
    variants: [...byVariant.values()],
    responses: responses.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      variantKey: r.vid,
      chosen: r.keys,
      answered: answered(r),
      mark: r.mark,
      maxMark: r.max_mark,
      total: r.score,
      seconds: r.ms / 1000,
      submittedAt: r.submitted_at.toISOString(),
    })),
    responseCount: count[0]?.n ?? 0,
    analysis,
  };
}
