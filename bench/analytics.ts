// npm run bench:analytics — the instructor dashboard on a large class.
//
// Prepares its own data on the database DATABASE_URL names (use one of its own): Lecture 1's content,
// then a synthetic class of BENCH_STUDENTS students (default 5,000) in BENCH_COHORTS cohorts who take
// the quiz 1 to 8 times over a term (about 1,000,000 answers), simulated from a Rasch model with known
// slot difficulties and normal abilities that differ a little by cohort and grow with each attempt.
// Each attempt is drawn as the app draws one: a variant per slot at random, shuffled options (as the
// quiz says), and now and then a question left unanswered (no keys, mark 0). The running totals are
// then rebuilt from the answers (as if every attempt had been submitted through the app).
//
// Measures, in this process (the data layer the pages call): the default view's server time (p50 /
// p95 over BENCH_REPEATS requests), the exact recompute of other views (and of one cohort's view),
// one question's page, and the rank correlation of the estimated difficulties (facility-derived and
// Rasch) with the simulated ones. Targets: default p95 < 100 ms, recompute < 2 s, Spearman ≥ 0.95.
// Prints the figures, then one JSON line.
//
//   DATABASE_URL=postgresql://… npm run bench:analytics
//   options (environment): BENCH_STUDENTS=5000  BENCH_REPEATS=60  BENCH_SEED=7  BENCH_COHORTS=4
import path from "node:path";
import { loadContentTree } from "../lib/content/load";
import { readContentTree } from "../lib/content/read";
import { db } from "../lib/db";
import { getRaschDifficulties } from "../lib/analytics/answer-views";
import { getQuizDashboard } from "../lib/analytics/dashboard";
import type { QuizDashboard } from "../lib/analytics/describe";
import { getSlotStatistics } from "../lib/analytics/slot";
import type { StatsView } from "../lib/analytics/view";
import { spearman } from "../lib/analytics/statistics";
import { generateClientIfMissing, migrateDatabase } from "../scripts/lib/database";
import { projectRoot } from "../scripts/lib/run";
import { prepareSimulatedClass, SIMULATED_TERM_DAYS } from "./lib/simulated-class";

const STUDENTS = Number(process.env.BENCH_STUDENTS || 5000);
const REPEATS = Number(process.env.BENCH_REPEATS || 60);
const SEED = Number(process.env.BENCH_SEED || 7);
const COHORTS = Number(process.env.BENCH_COHORTS || 4);
/** The term the attempts are spread over, ending yesterday (bench/lib/simulated-class.ts). */
const TERM_DAYS = SIMULATED_TERM_DAYS;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error("Set DATABASE_URL to a PostgreSQL database of the benchmark's own: it writes thousands of users and a million answers.");
  process.env.DATABASE_POOL_SIZE ||= "10";
  await generateClientIfMissing();
  await migrateDatabase(process.env.DATABASE_URL, { skipWhenCurrent: true });
  await loadContentTree(db, readContentTree(path.join(projectRoot, "content")));
  const quiz = await db.quiz.findUniqueOrThrow({
    where: { key: "l01-quiz" },
    select: { id: true, slots: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, position: true } } },
  });
  const existing = await db.attempt.count({ where: { quizId: quiz.id } });
  if (existing > 0) throw new Error(`The quiz already has ${existing} attempts in this database: give the benchmark an empty database of its own.`);
  const instructor = { id: "bench-instructor", email: "bench-instructor@example.com", name: "Bench Instructor", role: "INSTRUCTOR" as const, cohortId: null };
  const dashboardOf = async (view?: StatsView): Promise<QuizDashboard> => {
    const dashboard = await getQuizDashboard(instructor, quiz.id, view);
    if (!dashboard) throw new Error("The quiz vanished.");
    return dashboard;
  };

  console.log(`analytics: ${STUDENTS} students on Lecture 1's quiz (${quiz.slots.length} slots), seed ${SEED}`);
  const difficulty = await prepareSimulatedClass(quiz.id, quiz.slots, { students: STUDENTS, seed: SEED, cohorts: COHORTS });
  const answers = await db.response.count({ where: { attempt: { quizId: quiz.id } } });
  const attempts = await db.attempt.count({ where: { quizId: quiz.id } });
  console.log(`  ${attempts} attempts, ${answers} answers`);
  // What the class looks like: every variant answered, some questions left blank, a few cohorts.
  const [shape] = await db.$queryRawUnsafe<
    { variants: number; answered_variants: number; min_variant_share: number | null; unanswered: number; cohorts: number }[]
  >(`
    WITH per_variant AS (
      SELECT v.slot_id, qv.id AS vid, (SELECT count(*) FROM responses r WHERE r.slot_id = v.slot_id AND r.question_version_id = qv.id) AS n
      FROM quiz_slot_variants v JOIN quiz_slots s ON s.id = v.slot_id AND s.quiz_id = '${quiz.id}' AND s.retired_at IS NULL
      JOIN questions q ON q.id = v.question_id JOIN question_versions qv ON qv.question_id = q.id AND qv.version = q.latest_version
    ), shares AS (
      SELECT slot_id, n::float8 / NULLIF(sum(n) OVER (PARTITION BY slot_id), 0) AS share, count(*) OVER (PARTITION BY slot_id) AS nv FROM per_variant
    )
    SELECT (SELECT count(*)::int FROM per_variant) AS variants, (SELECT count(*)::int FROM per_variant WHERE n > 0) AS answered_variants,
      (SELECT min(share)::float8 FROM shares WHERE nv > 1) AS min_variant_share,
      (SELECT count(*)::int FROM responses r JOIN attempts a ON a.id = r.attempt_id
        WHERE a.quiz_id = '${quiz.id}' AND cardinality(r.chosen_option_keys) = 0) AS unanswered,
      (SELECT count(DISTINCT cohort_id)::int FROM users WHERE id LIKE 'bench-u%') AS cohorts`);
  console.log(
    `  ${shape!.answered_variants} of ${shape!.variants} variants answered ` +
      `(the rarest variant of a slot has ${round(100 * (shape!.min_variant_share ?? 0))}% of its answers), ` +
      `${shape!.unanswered} answers left blank, ${shape!.cohorts} cohorts`,
  );

  // The default view (first attempts, whole class): running totals.
  for (let i = 0; i < 3; i++) await dashboardOf();
  const samples: number[] = [];
  let dashboard = await dashboardOf();
  for (let i = 0; i < REPEATS; i++) {
    const [ms, result] = await time(() => dashboardOf());
    samples.push(ms);
    dashboard = result;
  }
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 0.5);
  const p95 = percentile(samples, 0.95);
  console.log(`  default view (running totals): p50 ${round(p50)} ms, p95 ${round(p95)} ms over ${REPEATS} requests`);

  // Exact recomputes of other views.
  const views: [string, StatsView][] = [
    ["all attempts", { attempts: "all" }],
    ["best attempts", { attempts: "best" }],
    ["last attempts, submitted in the second half of the term", { attempts: "last", from: new Date(Date.now() - (TERM_DAYS / 2 + 1) * 86_400_000) }],
  ];
  const recomputes: number[] = [];
  for (const [label, view] of views) {
    const [ms, result] = await time(() => dashboardOf(view));
    recomputes.push(ms);
    console.log(`  exact recompute, ${label}: ${round(ms)} ms (${result.summary.attempts} attempts)`);
  }
  // A cohort's view: its first attempts only.
  const [cohortMs, cohortDashboard] = await time(() => dashboardOf({ attempts: "first", cohortId: "bench-c1" }));
  console.log(`  exact recompute, first attempts of Bench cohort A: ${round(cohortMs)} ms (${cohortDashboard.summary.attempts} attempts)`);
  // One question's page (a slot with two variants, default view): that slot alone, with a page of its answers.
  const variantSlot = dashboard.slots.find((s) => s.variants.length > 1) ?? dashboard.slots[0]!;
  const [slotMs] = await time(() => getSlotStatistics(instructor, quiz.id, variantSlot.slotId));
  console.log(`  one question's page (${variantSlot.variants.length} variants, n = ${variantSlot.variants.map((v) => v.n).join(" + ")}): ${round(slotMs)} ms`);

  // How well the estimates rank the simulated difficulties.
  const simulated = dashboard.slots.map((s) => difficulty.get(s.slotId)!);
  const fromFacility = dashboard.slots.map((s) => {
    const p = Math.min(0.999, Math.max(0.001, (s.facility ?? 0) / 100));
    return Math.log((1 - p) / p);
  });
  const [raschMs, rasch] = await time(() =>
    getRaschDifficulties(
      instructor,
      quiz.id,
      dashboard.slots.map((s) => s.slotId),
    ),
  );
  const raschDifficulty = dashboard.slots.map((s) => rasch.get(s.slotId)?.difficulty ?? 0);
  const spearmanFacility = spearman(fromFacility, simulated)!;
  const spearmanRasch = spearman(raschDifficulty, simulated)!;
  console.log(
    `  Spearman with the simulated difficulties: facility-derived ${spearmanFacility.toFixed(4)}, Rasch ${spearmanRasch.toFixed(4)} ` +
      `(Rasch on first attempts in ${round(raschMs)} ms)`,
  );
  console.log(
    JSON.stringify({
      default_p50_ms: round(p50),
      default_p95_ms: round(p95),
      recompute_ms: round(Math.max(...recomputes)),
      rasch_ms: round(raschMs),
      spearman: round(Math.max(spearmanFacility, spearmanRasch), 4),
      spearman_facility: round(spearmanFacility, 4),
      spearman_rasch: round(spearmanRasch, 4),
      students: STUDENTS,
      attempts,
      answers,
      cohort_recompute_ms: round(cohortMs),
      slot_page_ms: round(slotMs),
      cohorts: shape!.cohorts,
      variants_answered: shape!.answered_variants,
      variants: shape!.variants,
      unanswered: shape!.unanswered,
    }),
  );
  await db.$disconnect();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  await db.$disconnect().catch(() => undefined);
  process.exit(1);
});
