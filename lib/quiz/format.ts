import type { GradingPolicy } from "./scoring";

export const POLICY_LABELS: Record<GradingPolicy, string> = {
  FIRST: "Your first attempt counts",
  LAST: "Your last attempt counts",
  BEST: "Your best attempt counts",
};

export function formatScore(score: number, maxScore: number): string {
  const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, ""));
  const percent = maxScore > 0 ? Math.round((score / maxScore) * 100) : 0;
  return `${round(score)} / ${round(maxScore)} (${percent}%)`;
}

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = Math.floor(seconds % 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes}:${String(rest).padStart(2, "0")}`;
}
