// Benchmark: the quiz's server actions over HTTP against production replicas and a real PostgreSQL
// server, in four phases with one load generator, after a warm-up that is not measured (no-op calls,
// and warm-up students who start, answer and submit: production replicas run for hours, so the
// figures are those of servers whose hot paths are loaded and compiled, not of their first seconds):
//   1. no-op: a server action that does nothing (lib/health/actions.ts), the framework's own ceiling;
//   2. steady mix: students sign in, start an attempt, save an answer to every question (one action
//      per answer, as the page does) and submit, CONCURRENCY at a time; rps and the percentiles are
//      those of its saves and submissions, starts have a line of their own;
//   3. saves only: the burst's students start and answer everything (the save path alone, whose
//      throughput is printed as a ratio to the no-op's);
//   4. burst: those BURST students all submit within one second, as at the end of a timed exam.
//
//   DATABASE_URL=postgresql://… npm run bench:quiz-submit
//   options (environment): BENCH_STUDENTS=200  BENCH_BURST=300  BENCH_CONCURRENCY=26  BENCH_POOL_SIZE=10
//                          BENCH_REPLICAS=2  BENCH_NOOP_REQUESTS=4000  BENCH_WARMUP_STUDENTS=60
//                          BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (profile the app)
//
// It prepares what it needs on that database (migrations, content seed, a production build if
// missing), adds its own students and ends with one JSON line. Use a database of its own: the
// attempts it makes stay there.
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "../lib/auth/password";
import { createPrismaClient } from "../lib/db-client";
import { buildIfNeeded } from "../scripts/lib/build";
import { generateClientIfMissing, migrateDatabase, seedDatabase } from "../scripts/lib/database";
import { actionIds, callAction, signIn, startReplicas } from "./lib/app";
import { closedLoop, describe, openBurst, Phase } from "./lib/latency";

const STUDENTS = Number(process.env.BENCH_STUDENTS || 200);
const BURST = Number(process.env.BENCH_BURST || 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 26);
const POOL_SIZE = process.env.BENCH_POOL_SIZE || "10";
const REPLICAS = Number(process.env.BENCH_REPLICAS || 2);
const NOOP_REQUESTS = Number(process.env.BENCH_NOOP_REQUESTS || 4000);
const WARMUP_STUDENTS = Number(process.env.BENCH_WARMUP_STUDENTS || 60);
const WARMUP_PINGS = 4000;
const BURST_WINDOW_MS = 1000;
const LECTURE = "ml-systems-and-data-engineering";
const PASSWORD = "benchmark password";
const QUIZ_PATH = `/lectures/${LECTURE}/quiz`;

interface Student {
  cookie: string;
  base: string;
  attemptId?: string;
}

async function prepare(databaseUrl: string, env: NodeJS.ProcessEnv) {
  await generateClientIfMissing();
  await migrateDatabase(databaseUrl, { skipWhenCurrent: true });
  await seedDatabase(databaseUrl, { demoAccounts: false });
  await buildIfNeeded(env);
  const db = createPrismaClient({ connectionString: databaseUrl, poolSize: 4 });
  try {
    const run = Date.now().toString(36);
    const passwordHash = await hashPassword(PASSWORD);
    const emails = Array.from({ length: WARMUP_STUDENTS + STUDENTS + BURST }, (_, i) => `bench-${run}-${i}@example.com`);
    await db.user.createMany({ data: emails.map((email, i) => ({ email, name: `Bench ${i}`, passwordHash })) });
    const quiz = await db.quiz.findFirstOrThrow({
      where: { lecture: { slug: LECTURE } },
      select: { id: true, _count: { select: { slots: { where: { retiredAt: null } } } } },
    });
    return { emails, quizId: quiz.id, questionCount: quiz._count.slots };
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server (the benchmark measures a real server, not the embedded database).");
  const authSecret = randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    DATABASE_POOL_SIZE: POOL_SIZE,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const { emails, quizId, questionCount } = await prepare(databaseUrl, env);
  const quizActions = actionIds("lib/quiz/actions.ts", ["startAttemptAction", "saveAnswerAction", "submitAttemptAction"] as const);
  const { pingAction } = actionIds("lib/health/actions.ts", ["pingAction"] as const);
  const replicas = await startReplicas(REPLICAS, env, process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean));
  try {
    const { bases } = replicas;
    // Sessions are signed cookies: one signed in on one replica works on any other.
    const students: Student[] = [];
    for (let i = 0; i < emails.length; i += 10) {
      const cookies = await Promise.all(emails.slice(i, i + 10).map((email, j) => signIn(bases[(i + j) % bases.length]!, email, PASSWORD)));
      students.push(...cookies.map((cookie, j) => ({ cookie, base: bases[(i + j) % bases.length]! })));
    }
    const warmupStudents = students.slice(0, WARMUP_STUDENTS);
    const steadyStudents = students.slice(WARMUP_STUDENTS, WARMUP_STUDENTS + STUDENTS);
    const burstStudents = students.slice(WARMUP_STUDENTS + STUDENTS);

    const start = async (phase: Phase, student: Student) => {
      const redirect = await phase.time(
        "start",
        async () => {
          const response = await callAction(student.base, QUIZ_PATH, quizActions.startAttemptAction, student.cookie, [null, { quizId }]);
          student.attemptId = /\/attempts\/([^;/?]+)/.exec(response.headers.get("x-action-redirect") ?? "")?.[1];
          return response;
        },
        () => student.attemptId !== undefined,
      );
      return redirect !== null;
    };
    const attemptPath = (student: Student) => `${QUIZ_PATH}/attempts/${student.attemptId}`;
    // A save counts only when it was applied ("saved"), not merely answered (a "stale" save is ok:true too).
    const saveAll = async (phase: Phase, student: Student) => {
      for (let position = 0; position < questionCount; position++) {
        const choice = "abcd"[Math.floor(Math.random() * 4)]!;
        // A fresh attempt: every answer is at revision 0, and each is saved once.
        const save = {
          attemptId: student.attemptId,
          position,
          chosen: [choice],
          flagged: false,
          timeSpentMs: 5000,
          idempotencyKey: randomUUID(),
          baseRevision: 0,
        };
        await phase.time(
          "save",
          () => callAction(student.base, attemptPath(student), quizActions.saveAnswerAction, student.cookie, [null, save]),
          (r, body) => r.status === 200 && body.includes('"status":"saved"'),
        );
      }
    };
    const submit = (phase: Phase, student: Student) =>
      phase.time(
        "submit",
        () =>
          callAction(student.base, attemptPath(student), quizActions.submitAttemptAction, student.cookie, [
            null,
            { attemptId: student.attemptId, idempotencyKey: randomUUID() },
          ]),
        (r, body) => r.status === 200 && body.includes('"ok":true'),
      );
    const takeQuiz = async (phase: Phase, student: Student) => {
      if (!(await start(phase, student))) return;
      await saveAll(phase, student);
      await submit(phase, student);
    };
    const ping = (phase: Phase, index: number) => {
      const student = students[index % students.length]!;
      return phase.time(
        "noop",
        () => callAction(student.base, QUIZ_PATH, pingAction, null, []),
        (r, body) => r.status === 200 && body.includes('"ok":true'),
      );
    };

    // Warm-up (not measured): each replica's action path, its quiz paths and its database pool.
    await closedLoop(Array.from({ length: WARMUP_PINGS }), CONCURRENCY, (_, i) => ping(new Phase(), i).then(() => undefined));
    const warmup = new Phase();
    await closedLoop(warmupStudents, CONCURRENCY, (student) => takeQuiz(warmup, student));
    warmup.end();

    const noop = new Phase();
    await closedLoop(Array.from({ length: NOOP_REQUESTS }), CONCURRENCY, (_, i) => ping(noop, i).then(() => undefined));
    noop.end();

    const steady = new Phase();
    await closedLoop(steadyStudents, CONCURRENCY, (student) => takeQuiz(steady, student));
    steady.end();

    const starts = new Phase();
    await closedLoop(burstStudents, CONCURRENCY, (student) => start(starts, student).then(() => undefined));
    starts.end();
    const saves = new Phase();
    await closedLoop(
      burstStudents.filter((s) => s.attemptId),
      CONCURRENCY,
      (student) => saveAll(saves, student),
    );
    saves.end();

    const burst = new Phase();
    await openBurst(
      burstStudents.filter((s) => s.attemptId),
      BURST_WINDOW_MS,
      (student) => submit(burst, student).then(() => undefined),
    );
    burst.end();

    // The mix's figures are its saves and submissions, as this benchmark has always counted them;
    // starts (one per student, a page render each) are reported on their own line.
    const mix = steady.figures(["save", "submit"]);
    const noopFigures = noop.figures();
    const saveFigures = saves.figures();
    const burstFigures = burst.figures();
    console.log(`quiz-submit: ${REPLICAS} app process(es) with ${POOL_SIZE} connections each, ${CONCURRENCY} requests at a time`);
    console.log(`  warm-up (not counted): ${WARMUP_PINGS} no-op calls, then ${warmupStudents.length} students × (1 start + ${questionCount} saves + 1 submit)`);
    console.log(describe("warm-up saves and submits", warmup.figures(["save", "submit"])));
    console.log(describe("no-op action", noopFigures));
    console.log(`  steady mix: ${steadyStudents.length} students × (1 start + ${questionCount} saves + 1 submit)`);
    console.log(describe("saves and submits", mix));
    for (const op of ["start", "save", "submit"]) console.log(describe(op, steady.figures([op])));
    console.log(`  saves only: ${burstStudents.length} students answer everything`);
    console.log(describe("save", saveFigures));
    console.log(`  burst: ${burst.sent} submissions fired within ${BURST_WINDOW_MS} ms`);
    console.log(describe("submit", burstFigures));
    const phases = { warmup, noop, steady, starts, saves, burst };
    for (const [name, phase] of Object.entries(phases)) for (const sample of phase.errorSamples) console.log(`  error (${name}): ${sample}`);
    const saveRatio = noopFigures.rps > 0 ? Math.round((saveFigures.rps / noopFigures.rps) * 1000) / 1000 : 0;
    console.log(
      JSON.stringify({
        rps: mix.rps,
        p50_ms: mix.p50_ms,
        p95_ms: mix.p95_ms,
        p99_ms: mix.p99_ms,
        // Every phase but the burst (which has its own count): the steady mix's starts too, since a student
        // whose start failed sends no saves and would otherwise vanish from the figures.
        errors: steady.figures().errors + noopFigures.errors + starts.figures().errors + saveFigures.errors + warmup.figures().errors,
        save_p95_ms: steady.figures(["save"]).p95_ms,
        submit_p95_ms: steady.figures(["submit"]).p95_ms,
        burst_submits: burstFigures.rps,
        burst_p99_ms: burstFigures.p99_ms,
        burst_errors: burstFigures.errors + (burstStudents.length - burst.sent),
        noop_rps: noopFigures.rps,
        save_ratio: saveRatio,
      }),
    );
  } finally {
    await replicas.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
