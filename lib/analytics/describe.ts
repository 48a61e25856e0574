// From sums to what the dashboard shows: per slot and per variant, the figures of
// lib/analytics/statistics.ts with their intervals, option figures and flags; and the whole quiz.
// Pure: the dashboard and the slot page load the sums and the quiz's structure, then call these.
import { clozeBlanks } from "../bank/cloze-stem";
import { questionFlags, type Flag } from "./flags";
import {
  discriminationIndex,
  discriminativeEfficiency,
  facility,
  fisherInterval,
  itemVariance,
  markSdPercent,
  optionPointBiserial,
  quizSummary,
  wilsonInterval,
  type QuizSummary,
} from "./statistics";
import { emptyItemSums, emptyOptionSums, SLOT_ROW, type StatRow, type TotalSums } from "./sums";
import type { StatsView } from "./view";

export interface OptionStat {
  key: string;
  label: string;
  text: string;
  correct: boolean;
  count: number;
  share: number | null;
  pointBiserial: number | null;
}

export interface RowStat {
  variantKey: string;
  title: string;
  n: number;
  facility: number | null;
  facilityInterval: [number, number] | null;
  sd: number | null;
  discrimination: number | null;
  discriminationInterval: [number, number] | null;
  efficiency: number | null;
  meanTimeSeconds: number | null;
  options: OptionStat[];
  flags: Flag[];
}

export interface SlotStat extends RowStat {
  slotId: string;
  position: number;
  key: string;
  variants: RowStat[];
}

export interface QuizDashboard {
  quiz: { id: string; title: string; lectureTitle: string };
  view: StatsView;
  source: "running" | "exact";
  summary: QuizSummary;
  slots: SlotStat[];
  /** Server time to compute it, in milliseconds. */
  computeMs: number;
}

/** A version of a question as the statistics describe it. */
export interface VersionStructure {
  id: string;
  stem: string;
  maxMark: number;
  options: { key: string; text: string; isCorrect: boolean }[];
}

export interface SlotStructure {
  id: string;
  key: string;
  position: number;
  /** Each variant's question with every version, newest first. */
  variants: { question: { versions: VersionStructure[] } }[];
}

export interface QuizStructure {
  id: string;
  title: string;
  lecture: { title: string };
  slots: SlotStructure[];
}

const OPTION_LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Rows keyed `${slotId}|${variantKey}`. */
export function indexRows(rows: readonly StatRow[]): Map<string, StatRow> {
  return new Map(rows.map((r) => [`${r.slotId}|${r.variantKey}`, r]));
}

function describeRow(row: StatRow | undefined, stem: string, variantKey: string, maxMark: number, options: VersionStructure["options"]): RowStat {
  // A cloze question's gaps ({#1}) as numbered blanks.
  const title = clozeBlanks(stem);
  const sums = row?.sums ?? emptyItemSums();
  const fac = facility(sums, maxMark);
  const disc = discriminationIndex(sums);
  const optionStats: OptionStat[] = options.map((o, i) => {
    const s = row?.options[o.key] ?? emptyOptionSums();
    return {
      key: o.key,
      label: OPTION_LABELS[i] ?? o.key,
      text: o.text,
      correct: o.isCorrect,
      count: s.count,
      share: sums.n ? s.count / sums.n : null,
      pointBiserial: optionPointBiserial(sums, s),
    };
  });
  return {
    variantKey,
    title,
    n: sums.n,
    facility: fac,
    facilityInterval: fac === null ? null : ((wilsonInterval(fac / 100, sums.n)?.map((v) => v * 100) as [number, number] | undefined) ?? null),
    sd: markSdPercent(sums, maxMark),
    discrimination: disc,
    discriminationInterval: disc === null ? null : ((fisherInterval(disc / 100, sums.n)?.map((v) => v * 100) as [number, number] | undefined) ?? null),
    efficiency: row ? discriminativeEfficiency(sums, row.xHist, row.rHist) : null,
    meanTimeSeconds: sums.n ? row!.sumTimeMs / sums.n / 1000 : null,
    options: optionStats,
    flags: questionFlags({
      n: sums.n,
      facility: fac,
      discrimination: disc,
      options: optionStats.map((o) => ({ key: o.key, label: o.label, correct: o.correct, count: o.count, pointBiserial: o.pointBiserial })),
    }),
  };
}

/** A slot's row and its variants' rows. `rows` must hold the slot's rows (others are ignored). */
export function describeSlot(slot: SlotStructure, rows: ReadonlyMap<string, StatRow>): SlotStat {
  // Every version a student may have seen is a variant row; the slot row sums them.
  const versions = slot.variants.flatMap((v) => v.question.versions);
  const answered = versions.filter((v) => rows.has(`${slot.id}|${v.id}`));
  const current = slot.variants.map((v) => v.question.versions[0]!).filter(Boolean);
  const shown = [...new Map([...current, ...answered].map((v) => [v.id, v])).values()];
  const maxMark = Math.max(...shown.map((v) => v.maxMark), 0) || 1;
  const lead = current[0] ?? shown[0]!;
  const slotRow = describeRow(rows.get(`${slot.id}|${SLOT_ROW}`), lead.stem, SLOT_ROW, maxMark, lead.options);
  return {
    ...slotRow,
    // A slot's options differ between variants: its option figures are per variant.
    options: shown.length === 1 ? slotRow.options : [],
    flags:
      shown.length === 1 ? slotRow.flags : questionFlags({ n: slotRow.n, facility: slotRow.facility, discrimination: slotRow.discrimination, options: [] }),
    slotId: slot.id,
    position: slot.position,
    key: slot.key,
    variants: shown.map((v) => describeRow(rows.get(`${slot.id}|${v.id}`), v.stem, v.id, v.maxMark, v.options)),
  };
}

/** Every slot, and the whole-quiz figures (α from the slot rows' mark variances). */
export function describeQuiz(structure: QuizStructure, bundle: { totals: TotalSums; rows: readonly StatRow[] }): { summary: QuizSummary; slots: SlotStat[] } {
  const rows = indexRows(bundle.rows);
  const slots = structure.slots.map((slot) => describeSlot(slot, rows));
  const slotVariances = slots.map((s) => itemVariance(rows.get(`${s.slotId}|${SLOT_ROW}`)?.sums ?? emptyItemSums()));
  return { summary: quizSummary(bundle.totals, slotVariances), slots };
}
