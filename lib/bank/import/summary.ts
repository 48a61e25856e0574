// What an import reports: each question's outcome, and the counts by type and by category. Pure, so
// the upload form (a client component) can take these types and the tests can check the sums.
import type { BankFormatName } from "../formats/registry";
import { isError, type ImportProblem, type VersionOutcome } from "../types";

export type Outcome = VersionOutcome;

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

export function summarise(items: PreviewItem[], problems: ImportProblem[]): ImportSummary {
  const empty = () => ({ created: 0, "new-version": 0, unchanged: 0, rejected: 0 });
  const byType: ImportSummary["byType"] = {};
  const byCategory: ImportSummary["byCategory"] = {};
  for (const item of items) {
    (byType[item.type] ??= empty())[item.outcome]++;
    (byCategory[item.category || "(none)"] ??= empty())[item.outcome]++;
  }
  const rejected = new Set(problems.filter(isError).map((p) => `${p.line}|${p.question}`)).size;
  return {
    created: items.filter((i) => i.outcome === "created").length,
    changed: items.filter((i) => i.outcome === "new-version").length,
    unchanged: items.filter((i) => i.outcome === "unchanged").length,
    rejected,
    byType,
    byCategory,
  };
}
