// A simulated class on a quiz, written straight into the database: BENCH_STUDENTS students in cohorts
// who take the quiz 1 to 8 times over a term (about 1,000,000 answers for 5,000 students), simulated
// from a Rasch model with known slot difficulties and normal abilities that differ a little by cohort
// and grow with each attempt. Each attempt is drawn as the app draws one: a variant per slot at
// random, shuffled options (as the quiz says), and now and then a question left unanswered (no keys,
// mark 0). The running totals are then rebuilt from the answers (as if every attempt had been
// submitted through the app). Used by bench/analytics.ts and bench/regrade.ts.
import { rebuildRunningStatistics } from "../../lib/analytics/internal/rebuild";
import { allowLongStatements, db } from "../../lib/db";

export interface SimulatedClassOptions {
  students: number;
  seed: number;
  cohorts: number;
}

/** The term the attempts are spread over, ending yesterday. */
export const SIMULATED_TERM_DAYS = 98;
const TERM_DAYS = SIMULATED_TERM_DAYS;
const FIRST_ATTEMPT_DAYS = 40;
/** Share of questions left unanswered. */
const UNANSWERED_SHARE = 0.04;

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Writes the class's users, attempts and answers for the quiz's slots, then rebuilds the running
 * totals from them. Returns the simulated difficulty of each slot (logits).
 */
export async function prepareSimulatedClass(
  quizId: string,
  slots: { id: string; position: number }[],
  { students: STUDENTS, seed: SEED, cohorts: COHORTS }: SimulatedClassOptions,
): Promise<Map<string, number>> {
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
