// npm run bench:analytics — the instructor dashboard on a large class.
//
// Prepares its own data on the database DATABASE_URL names (use one of its own): Lecture 1's content,
// then a synthetic class of BENCH_STUDENTS students (default 5,000) who take the quiz 1 to 8 times
// (about 1,000,000 answers), simulated from a Rasch model with known slot difficulties and normal
// abilities that grow a little with each attempt. The running totals are then rebuilt from the
// answers (as if every attempt had been submitted through the app).
//
// Measures, in this process (the data layer the pages call): the default view's server time (p50 /
// p95 over BENCH_REPEATS requests), the exact recompute of other views, and the rank correlation of
// the estimated difficulties (facility-derived and Rasch) with the simulated ones. Targets: default
// p95 < 100 ms, recompute < 2 s, Spearman ≥ 0.95. Prints the figures, then one JSON line.
//
//   DATABASE_URL=postgresql://… npm run bench:analytics
//   options (environment): BENCH_STUDENTS=5000  BENCH_REPEATS=60  BENCH_SEED=7
import path from "node:path";
import { loadContentTree } from "../lib/content/load";
import { readContentTree } from "../lib/content/read";
import { allowLongStatements, db } from "../lib/db";
import { rebuildRunningStatistics } from "../lib/analytics/bundles";
import { getRaschDifficulties } from "../lib/analytics/answer-views";
import { getQuizDashboard, type StatsView } from "../lib/analytics/data";
import { spearman } from "../lib/analytics/statistics";
import { generateClientIfMissing, migrateDatabase } from "../scripts/lib/database";
import { projectRoot } from "../scripts/lib/run";

const STUDENTS = Number(process.env.BENCH_STUDENTS || 5000);
const REPEATS = Number(process.env.BENCH_REPEATS || 60);
const SEED = Number(process.env.BENCH_SEED || 7);

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
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_slots (slot_id text, b float8) ON COMMIT DROP`);
      await tx.$executeRawUnsafe(
        `INSERT INTO bench_slots VALUES ${[...difficulty].map(([id, b]) => `('${id}', ${b})`).join(", ")}`,
      );
      // The versions each slot draws, with their option keys and correct keys.
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_versions ON COMMIT DROP AS
        SELECT s.id AS slot_id, s.position, qv.id AS vid, qv.max_mark,
          array_agg(o.key ORDER BY o.position) AS keys,
          array_agg(o.key ORDER BY o.position) FILTER (WHERE o.is_correct) AS right_keys,
          array_agg(o.key ORDER BY o.position) FILTER (WHERE NOT o.is_correct) AS wrong_keys,
          row_number() OVER (PARTITION BY s.id ORDER BY qv.id) AS k, count(*) OVER (PARTITION BY s.id) AS nv
        FROM quiz_slots s JOIN quiz_slot_variants v ON v.slot_id = s.id
        JOIN questions q ON q.id = v.question_id JOIN question_versions qv ON qv.question_id = q.id AND qv.version = q.latest_version
        JOIN question_options o ON o.question_version_id = qv.id
        WHERE s.quiz_id = '${quizId}' AND s.retired_at IS NULL GROUP BY s.id, s.position, qv.id, qv.max_mark`);
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_counts ON COMMIT DROP AS SELECT slot_id, count(DISTINCT vid) AS nv FROM bench_versions GROUP BY slot_id`);
      await tx.$executeRawUnsafe(`INSERT INTO users (id, email, name, password_hash, role, updated_at)
        SELECT 'bench-u' || i, 'bench-' || i || '@example.com', 'Student ' || i, 'not-a-password-hash', 'STUDENT', now() FROM generate_series(1, ${STUDENTS}) AS i`);
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_people ON COMMIT DROP AS
        SELECT 'bench-u' || i AS user_id, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS theta, 1 + floor(random() * 7.7)::int AS attempts
        FROM generate_series(1, ${STUDENTS}) AS i`);
      await tx.$executeRawUnsafe(`INSERT INTO attempts (id, quiz_id, user_id, attempt_number, status, seed, started_at, submitted_at, score, max_score)
        SELECT p.user_id || '-a' || n, '${quizId}', p.user_id, n, 'SUBMITTED', 0, now() - interval '30 days' + n * interval '1 day', now() - interval '30 days' + n * interval '1 day' + interval '20 minutes', 0, ${slots.length}
        FROM bench_people p, generate_series(1, p.attempts) AS n`);
      // One answer per slot per attempt: a variant at random; right with the Rasch probability.
      await tx.$executeRawUnsafe(`INSERT INTO responses (id, attempt_id, slot_id, question_version_id, position, option_order, chosen_option_keys, flagged, is_correct, mark, max_mark, time_spent_ms, saved_at, save_seq)
        SELECT a.id || '-' || v.position, a.id, v.slot_id, v.vid, v.position, v.keys,
          CASE WHEN x.right THEN v.right_keys ELSE ARRAY[v.wrong_keys[1 + floor(random() * cardinality(v.wrong_keys))::int]] END,
          false, x.right, CASE WHEN x.right THEN v.max_mark ELSE 0 END, v.max_mark, (5000 + random() * 55000)::int, a.submitted_at, 1
        FROM attempts a JOIN bench_people p ON p.user_id = a.user_id
        CROSS JOIN bench_slots b JOIN bench_counts c ON c.slot_id = b.slot_id
        JOIN LATERAL (SELECT 1 + floor(random() * c.nv)::int AS pick) r ON TRUE
        JOIN bench_versions v ON v.slot_id = b.slot_id AND v.k = r.pick
        CROSS JOIN LATERAL (SELECT random() < 1 / (1 + exp(b.b - p.theta - 0.15 * (a.attempt_number - 1))) AS right) x
        WHERE a.quiz_id = '${quizId}' AND a.user_id LIKE 'bench-u%'`);
      await tx.$executeRawUnsafe(`UPDATE attempts a SET score = s.total FROM (SELECT attempt_id, sum(mark) AS total FROM responses GROUP BY attempt_id) s WHERE s.attempt_id = a.id AND a.user_id LIKE 'bench-u%'`);
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
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a PostgreSQL database of the benchmark's own: it writes thousands of users and a million answers.");
  process.env.DATABASE_POOL_SIZE ||= "10";
  await generateClientIfMissing();
  await migrateDatabase(process.env.DATABASE_URL, { skipWhenCurrent: true });
  await loadContentTree(db, readContentTree(path.join(projectRoot, "content")));
  const quiz = await db.quiz.findUniqueOrThrow({ where: { key: "l01-quiz" }, select: { id: true, slots: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, position: true } } } });
  const existing = await db.attempt.count({ where: { quizId: quiz.id } });
  if (existing > 0) throw new Error(`The quiz already has ${existing} attempts in this database: give the benchmark an empty database of its own.`);
  const instructor = { id: "bench-instructor", email: "bench-instructor@example.com", name: "Bench Instructor", role: "INSTRUCTOR" as const, cohortId: null };

  console.log(`analytics: ${STUDENTS} students on Lecture 1's quiz (${quiz.slots.length} slots), seed ${SEED}`);
  const difficulty = await prepare(quiz.id, quiz.slots);
  const answers = await db.response.count({ where: { attempt: { quizId: quiz.id } } });
  const attempts = await db.attempt.count({ where: { quizId: quiz.id } });
  console.log(`  ${attempts} attempts, ${answers} answers`);

  // The default view (first attempts, whole class): running totals.
  for (let i = 0; i < 3; i++) await getQuizDashboard(instructor, quiz.id);
  const samples: number[] = [];
  let dashboard = await getQuizDashboard(instructor, quiz.id);
  for (let i = 0; i < REPEATS; i++) {
    const [ms, result] = await time(() => getQuizDashboard(instructor, quiz.id));
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
    ["last attempts, submitted in the last 25 days", { attempts: "last", from: new Date(Date.now() - 25 * 86_400_000) }],
  ];
  const recomputes: number[] = [];
  for (const [label, view] of views) {
    const [ms, result] = await time(() => getQuizDashboard(instructor, quiz.id, view));
    recomputes.push(ms);
    console.log(`  exact recompute, ${label}: ${round(ms)} ms (${result.summary.attempts} attempts)`);
  }

  // How well the estimates rank the simulated difficulties.
  const simulated = dashboard.slots.map((s) => difficulty.get(s.slotId)!);
  const fromFacility = dashboard.slots.map((s) => {
    const p = Math.min(0.999, Math.max(0.001, (s.facility ?? 0) / 100));
    return Math.log((1 - p) / p);
  });
  const [raschMs, rasch] = await time(() => getRaschDifficulties(instructor, quiz.id, dashboard.slots.map((s) => s.slotId)));
  const raschDifficulty = dashboard.slots.map((s) => rasch.get(s.slotId)?.difficulty ?? 0);
  const spearmanFacility = spearman(fromFacility, simulated)!;
  const spearmanRasch = spearman(raschDifficulty, simulated)!;
  console.log(`  Spearman with the simulated difficulties: facility-derived ${spearmanFacility.toFixed(4)}, Rasch ${spearmanRasch.toFixed(4)} (Rasch on first attempts in ${round(raschMs)} ms)`);
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
    }),
  );
  await db.$disconnect();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  await db.$disconnect().catch(() => undefined);
  process.exit(1);
});
