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
import { allowLongStatements, db } from "../lib/db";
import { getRaschDifficulties } from "../lib/analytics/answer-views";
import { getQuizDashboard } from "../lib/analytics/dashboard";
import type { QuizDashboard } from "../lib/analytics/describe";
import { rebuildRunningStatistics } from "../lib/analytics/internal/rebuild";
import { getSlotStatistics } from "../lib/analytics/slot";
import type { StatsView } from "../lib/analytics/view";
import { spearman } from "../lib/analytics/statistics";
import { generateClientIfMissing, migrateDatabase } from "../scripts/lib/database";
import { projectRoot } from "../scripts/lib/run";

const STUDENTS = Number(process.env.BENCH_STUDENTS || 5000);
const REPEATS = Number(process.env.BENCH_REPEATS || 60);
const SEED = Number(process.env.BENCH_SEED || 7);
const COHORTS = Number(process.env.BENCH_COHORTS || 4);
/** The term the attempts are spread over, ending yesterday. */
const TERM_DAYS = 98;
const FIRST_ATTEMPT_DAYS = 40;
/** Share of questions left unanswered. */
const UNANSWERED_SHARE = 0.04;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

async function prepare(quizId: string, slots: { id: string; position: number }[]): Promise<Map<string, number>> {
  // Known difficulties: evenly spread from −2.2 to 2.2 logits, in a scrambled order of the slots.
  const difficulty = new Map(slots.map((s, j) => [s.id, -2.2 + (4.4 * ((j * 17) % slots.length)) / (slots.length - 1)]));
  await db.$executeRawUnsafe(`SELECT setseed(${(SEED % 1000) / 1000})`);
  const started = Date.now();
  await db.$transaction(
    async (tx) => {
      // A million rows in a few statements: far past the app's statement timeout, on purpose.
      await allowLongStatements(tx, 590_000);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_slots (slot_id text, b float8, idx int) ON COMMIT DROP`);
      await tx.$executeRawUnsafe(`INSERT INTO bench_slots VALUES ${slots.map((s, idx) => `('${s.id}', ${difficulty.get(s.id)}, ${idx})`).join(", ")}`);
      // The versions each slot draws (the newest of each variant's question, as a new attempt does), with their option keys and correct keys.
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_versions ON COMMIT DROP AS
        SELECT slot_id, max_mark, vid, keys, right_keys, wrong_keys, row_number() OVER (PARTITION BY slot_id ORDER BY variant_position) AS k FROM (
          SELECT s.id AS slot_id, s.max_mark, v.position AS variant_position, qv.id AS vid,
            array_agg(o.key ORDER BY o.position) AS keys,
            array_agg(o.key ORDER BY o.position) FILTER (WHERE o.is_correct) AS right_keys,
            array_agg(o.key ORDER BY o.position) FILTER (WHERE NOT o.is_correct) AS wrong_keys
          FROM quiz_slots s JOIN quiz_slot_variants v ON v.slot_id = s.id
          JOIN questions q ON q.id = v.question_id JOIN question_versions qv ON qv.question_id = q.id AND qv.version = q.latest_version
          JOIN question_options o ON o.question_version_id = qv.id
          WHERE s.quiz_id = '${quizId}' AND s.retired_at IS NULL GROUP BY s.id, s.max_mark, v.position, qv.id) versions`);
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_counts ON COMMIT DROP AS SELECT slot_id, count(*)::int AS nv FROM bench_versions GROUP BY slot_id`);
      // Cohorts: a few groups of the class, a little apart in ability, so a cohort's view differs from the whole class's.
      await tx.$executeRawUnsafe(
        `INSERT INTO cohorts (id, name) SELECT 'bench-c' || c, 'Bench cohort ' || chr(64 + c) FROM generate_series(1, ${COHORTS}) AS c`,
      );
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_people ON COMMIT DROP AS
        SELECT 'bench-u' || i AS user_id, 'bench-c' || (1 + i % ${COHORTS}) AS cohort_id,
          sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) + 0.8 * ((i % ${COHORTS}) - (${COHORTS} - 1) / 2.0) / ${COHORTS} AS theta,
          1 + floor(random() * 7.7)::int AS attempts,
          -- The first attempt within the term's first ${FIRST_ATTEMPT_DAYS} days; later ones every 1 to 7 days.
          random() * ${FIRST_ATTEMPT_DAYS} AS first_day, 1 + floor(random() * 7)::int AS gap
        FROM generate_series(1, ${STUDENTS}) AS i`);
      await tx.$executeRawUnsafe(`INSERT INTO users (id, email, name, password_hash, role, cohort_id, updated_at)
        SELECT p.user_id, p.user_id || '@example.com', 'Student ' || substr(p.user_id, 8), 'not-a-password-hash', 'STUDENT', p.cohort_id, now()
        FROM bench_people p`);
      // Attempts spread over a term that ended yesterday, each 4 to 40 minutes long.
      await tx.$executeRawUnsafe(`INSERT INTO attempts (id, quiz_id, user_id, attempt_number, status, seed, started_at, submitted_at, score, max_score)
        SELECT p.user_id || '-a' || n, '${quizId}', p.user_id, n, 'SUBMITTED', floor(random() * 2147483647)::int,
          t.at, t.at + (4 + random() * 36) * interval '1 minute', 0,
          (SELECT sum(max_mark) FROM quiz_slots WHERE quiz_id = '${quizId}' AND retired_at IS NULL)
        FROM bench_people p, generate_series(1, p.attempts) AS n,
          LATERAL (SELECT now() - interval '${TERM_DAYS + 1} days' + (p.first_day + (n - 1) * p.gap + random() * 0.9) * interval '1 day' AS at) t`);
      // One answer per slot per attempt, drawn as the app draws it: a variant at random for each
      // attempt, its options in a shuffled order when the quiz shuffles them, the slots at their
      // positions (shuffled only if the quiz shuffles slots). Right with the Rasch probability, else
      // one wrong option; now and then left unanswered, which the app records as no keys, mark 0.
      // The draws are materialized first, so each row gets its own.
      await tx.$executeRawUnsafe(`INSERT INTO responses (id, attempt_id, slot_id, question_version_id, position, option_order, chosen_option_keys, flagged,
          is_correct, mark, max_mark, time_spent_ms, saved_at, save_seq)
        WITH quiz AS (SELECT shuffle_options, shuffle_slots FROM quizzes WHERE id = '${quizId}'),
        draws AS MATERIALIZED (
          SELECT a.id AS attempt_id, a.started_at, a.submitted_at, b.slot_id, b.idx,
            1 + floor(random() * c.nv)::int AS k, random() AS u_skip, random() AS u_wrong, random() AS u_order,
            random() < 1 / (1 + exp(b.b - p.theta - 0.15 * (a.attempt_number - 1))) AS right
          FROM attempts a JOIN bench_people p ON p.user_id = a.user_id
          CROSS JOIN bench_slots b JOIN bench_counts c ON c.slot_id = b.slot_id
          WHERE a.quiz_id = '${quizId}' AND a.user_id LIKE 'bench-u%'
        ),
        placed AS (
          SELECT d.*, CASE WHEN quiz.shuffle_slots THEN (row_number() OVER (PARTITION BY d.attempt_id ORDER BY d.u_order) - 1)::int ELSE d.idx END AS position,
            d.u_skip < ${UNANSWERED_SHARE} AS skipped, quiz.shuffle_options
          FROM draws d CROSS JOIN quiz
        )
        SELECT x.attempt_id || '-' || x.idx, x.attempt_id, x.slot_id, v.vid, x.position,
          CASE WHEN x.shuffle_options THEN ARRAY(SELECT key FROM unnest(v.keys) AS key ORDER BY random()) ELSE v.keys END,
          CASE WHEN x.skipped THEN '{}'::text[] WHEN x.right THEN v.right_keys
            ELSE ARRAY[v.wrong_keys[1 + floor(x.u_wrong * cardinality(v.wrong_keys))::int]] END,
          false, x.right AND NOT x.skipped, CASE WHEN x.right AND NOT x.skipped THEN v.max_mark ELSE 0 END, v.max_mark,
          CASE WHEN x.skipped THEN 0 ELSE (5000 + random() * 55000)::int END,
          CASE WHEN x.skipped THEN NULL ELSE x.started_at + random() * (x.submitted_at - x.started_at) END,
          CASE WHEN x.skipped THEN 0 ELSE 1 END
        FROM placed x JOIN bench_versions v ON v.slot_id = x.slot_id AND v.k = x.k`);
      await tx.$executeRawUnsafe(
        `UPDATE attempts a SET score = s.total FROM (SELECT attempt_id, sum(mark) AS total FROM responses GROUP BY attempt_id) s
        WHERE s.attempt_id = a.id AND a.user_id LIKE 'bench-u%'`,
      );
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  await db.$executeRawUnsafe(`ANALYZE attempts`);
  await db.$executeRawUnsafe(`ANALYZE responses`);
  const rebuildStarted = Date.now();
  await rebuildRunningStatistics(quizId);
  console.log(`  data generated in ${round((rebuildStarted - started) / 1000)} s; running totals rebuilt in ${round((Date.now() - rebuildStarted) / 1000)} s`);
  return difficulty;
}

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
  const difficulty = await prepare(quiz.id, quiz.slots);
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
