// npm run bench:fsrs — personal FSRS parameters against the defaults, on simulated learners.
//
// No database. Each learner's true memory follows FSRS-6 weights drawn by perturbParameters(seed)
// (initial stabilities 0.3–3× the defaults, another decay, …) and the app's default scheduler shows
// them their cards (lib/review/personal/simulate-learner.ts). Each log is split as the app splits it
// (splitHeldOut: the latest 20 % held out), fitted on the rest with the app's own fit (fitOnSplit,
// what fitPersonalParameters runs after its minimum-reviews check, so small sizes can be measured
// too), and both the defaults and the fitted weights are judged on the held-out reviews.
//
// Figures are plain means over learners (each learner counts once: the question is whether a
// student's own weights beat the defaults for that student), over the learners whose fit could be
// judged; a FAILED fit is counted on stderr. fit_ms_p95 is the 95th percentile of the per-learner fit
// time (the optimizer plus both evaluations). Prints notes on stderr and one JSON line on stdout.
//
//   npm run bench:fsrs
//   options: --learners 200  --reviews 2000  --seed 1  --defaults (true weights = the defaults, to see
//            how often noise alone would be accepted)  --timeout-ms 20000
import { default_w } from "ts-fsrs";
import { fitOnSplit, splitHeldOut, type FitResult } from "../lib/review/personal/fit";
import { perturbParameters, simulateLearner } from "../lib/review/personal/simulate-learner";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, not ${process.argv[at + 1]}`);
  return value;
}

const LEARNERS = flag("learners", 200);
const REVIEWS = flag("reviews", 2000);
const SEED = flag("seed", 1);
const TIMEOUT_MS = flag("timeout-ms", 20_000);
const DEFAULT_TRUTH = process.argv.includes("--defaults");

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function main(): Promise<void> {
  const started = performance.now();
  console.error(`fsrs: ${LEARNERS} learners × ${REVIEWS} reviews, seed ${SEED}, true weights ${DEFAULT_TRUTH ? "= the defaults" : "perturbed"}`);
  const results: FitResult[] = [];
  let simulateMs = 0;
  for (let i = 0; i < LEARNERS; i++) {
    const seed = SEED * 100_003 + i;
    const simulated = performance.now();
    const log = simulateLearner({ parameters: DEFAULT_TRUTH ? default_w : perturbParameters(seed), reviews: REVIEWS, seed });
    simulateMs += performance.now() - simulated;
    results.push(await fitOnSplit(splitHeldOut(log), { timeoutMs: TIMEOUT_MS }));
    if ((i + 1) % 50 === 0) console.error(`  ${i + 1} learners fitted`);
  }

  const judged = results.filter((r) => r.status !== "FAILED");
  const accepted = results.filter((r) => r.status === "ACCEPTED").length;
  const failed = results.filter((r) => r.status === "FAILED");
  const fitMs = results.map((r) => r.fitMs).sort((a, b) => a - b);
  console.error(
    `  accepted ${accepted} of ${LEARNERS} (${round((100 * accepted) / LEARNERS, 1)}%), rejected ${judged.length - accepted}, failed ${failed.length}` +
      (failed.length ? ` (first: ${failed[0]!.reason})` : ""),
  );
  console.error(
    `  simulation ${round(simulateMs / 1000, 1)} s, fits p50 ${percentile(fitMs, 0.5)} ms, total ${round((performance.now() - started) / 1000, 1)} s`,
  );
  if (judged.length === 0) throw new Error("No learner's fit could be judged.");
  console.log(
    JSON.stringify({
      learners: LEARNERS,
      reviews: LEARNERS * REVIEWS,
      logloss_default: round(mean(judged.map((r) => r.loglossDefault!))),
      logloss_personal: round(mean(judged.map((r) => r.loglossPersonal!))),
      rmse_default: round(mean(judged.map((r) => r.rmseDefault!))),
      rmse_personal: round(mean(judged.map((r) => r.rmsePersonal!))),
      fit_ms_p95: percentile(fitMs, 0.95),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
