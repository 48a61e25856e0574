// Benchmark: quiz answer saves and submissions over HTTP against a production build and a real
// PostgreSQL server. Many simulated students sign in, start an attempt, save an answer to every
// question (one server action per answer, as the page does) and submit.
//
//   DATABASE_URL=postgresql://… npm run bench:quiz-submit
//   options (environment): BENCH_STUDENTS=200  BENCH_CONCURRENCY=26  BENCH_POOL_SIZE=10  BENCH_REPLICAS=2
//                          BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (profile the app)
//
// It prepares what it needs on that database (migrations, content seed, a production build if
// missing), adds its own students, starts `next start` on a free port, and prints requests per
// second, p50 / p95 / p99 latency and errors, ending with one JSON line. Use a database of its own:
// the attempts it makes stay there.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "../lib/auth/password";
import { createPrismaClient } from "../lib/db-client";
import { buildIfNeeded } from "../scripts/lib/build";
import { generateClientIfMissing, migrateDatabase, seedDatabase } from "../scripts/lib/database";
import { findFreePort } from "../scripts/lib/embedded-db";
import { projectRoot, stopChild } from "../scripts/lib/run";

const STUDENTS = Number(process.env.BENCH_STUDENTS || 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 26);
const POOL_SIZE = process.env.BENCH_POOL_SIZE || "10";
/** App processes (stateless replicas, as behind a load balancer); the students are spread over them. */
const REPLICAS = Number(process.env.BENCH_REPLICAS || 2);
const LECTURE = "ml-systems-and-data-engineering";
const PASSWORD = "benchmark password";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.filename === "lib/quiz/actions.ts" && entry.exportedName) ids[entry.exportedName] = id;
  for (const name of ["startAttemptAction", "saveAnswerAction", "submitAttemptAction"])
    if (!ids[name]) throw new Error(`No server action ${name} in the build.`);
  return ids;
}

function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(";")[0]).join("; ");
}

async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookieHeader(csrf.headers.getSetCookie());
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Sign-in failed for ${email} (status ${response.status}).`);
  return session.split(";")[0]!;
}

async function callAction(base: string, pagePath: string, actionId: string, cookie: string, arg: unknown): Promise<Response> {
  return fetch(`${base}${pagePath}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", cookie },
    body: JSON.stringify([null, arg]),
  });
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server (the benchmark measures a real server, not the embedded database).");
  const authSecret = randomBytes(32).toString("base64url");
  await generateClientIfMissing();
  await migrateDatabase(databaseUrl, { skipWhenCurrent: true });
  await seedDatabase(databaseUrl, { demoAccounts: false });
  const ports: number[] = [];
  while (ports.length < REPLICAS) {
    const port = await findFreePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, DATABASE_POOL_SIZE: POOL_SIZE, NEXT_TELEMETRY_DISABLED: "1" };
  await buildIfNeeded(env);
  const ids = actionIds();

  const db = createPrismaClient({ connectionString: databaseUrl, poolSize: 4 });
  const run = Date.now().toString(36);
  const passwordHash = await hashPassword(PASSWORD);
  const emails = Array.from({ length: STUDENTS }, (_, i) => `bench-${run}-${i}@example.com`);
  await db.user.createMany({ data: emails.map((email, i) => ({ email, name: `Bench ${i}`, passwordHash })) });
  const quiz = await db.quiz.findFirstOrThrow({
    where: { lecture: { slug: LECTURE } },
    select: { id: true, _count: { select: { slots: { where: { retiredAt: null } } } } },
  });
  const questionCount = quiz._count.slots;
  await db.$disconnect();

  const servers = ports.map((port) =>
    // BENCH_NODE_ARGS passes flags to the app's Node.js, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
        path.join(projectRoot, "node_modules/next/dist/bin/next"),
        "start",
        "--port",
        String(port),
      ],
      {
        cwd: projectRoot,
        env: { ...env, NEXTAUTH_URL: `http://localhost:${port}` },
        stdio: ["ignore", "ignore", "inherit"],
      },
    ),
  );
  const bases = ports.map((port) => `http://127.0.0.1:${port}`);
  try {
    for (const base of bases) {
      for (let i = 0; ; i++) {
        if (i > 600) throw new Error("The app did not start.");
        try {
          if ((await fetch(`${base}/api/health`)).ok) break;
        } catch {
          // not yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    // Sessions are signed cookies: one signed in on one replica works on any other.
    const cookies: string[] = [];
    for (let i = 0; i < emails.length; i += 10)
      cookies.push(...(await Promise.all(emails.slice(i, i + 10).map((email, j) => signIn(bases[(i + j) % bases.length]!, email)))));

    const latencies: number[] = [];
    let errors = 0;
    const errorSamples: string[] = [];
    const recordError = (what: string) => {
      errors += 1;
      if (errorSamples.length < 5) errorSamples.push(what);
    };
    let next = 0;
    const quizPath = `/lectures/${LECTURE}/quiz`;
    const started = performance.now();

    async function student(cookie: string, base: string): Promise<void> {
      const start = await callAction(base, quizPath, ids.startAttemptAction!, cookie, { quizId: quiz.id });
      const redirect = start.headers.get("x-action-redirect") ?? "";
      const attemptId = /\/attempts\/([^;/?]+)/.exec(redirect)?.[1];
      await start.arrayBuffer();
      if (!attemptId) {
        recordError(`start: status ${start.status}, no redirect`);
        return;
      }
      const attemptPath = `${quizPath}/attempts/${attemptId}`;
      // A save counts only when it was applied ("saved"), not merely answered (a "stale" save is ok:true too).
      const timed = async (arg: unknown, actionId: string, what: string, expected: string) => {
        const t0 = performance.now();
        const response = await callAction(base, attemptPath, actionId, cookie, arg);
        const body = await response.text();
        latencies.push(performance.now() - t0);
        if (response.status !== 200 || !body.includes(expected)) recordError(`${what}: status ${response.status} ${body.slice(0, 120)}`);
      };
      for (let position = 0; position < questionCount; position++) {
        const choice = "abcd"[Math.floor(Math.random() * 4)]!;
        // A fresh attempt: every answer is at revision 0, and each is saved once.
        const save = { attemptId, position, chosen: [choice], flagged: false, timeSpentMs: 5000, idempotencyKey: randomUUID(), baseRevision: 0 };
        await timed(save, ids.saveAnswerAction!, "save", '"status":"saved"');
      }
      await timed({ attemptId, idempotencyKey: randomUUID() }, ids.submitAttemptAction!, "submit", '"ok":true');
    }

    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, cookies.length) }, async () => {
        while (next < cookies.length) {
          const index = next++;
          await student(cookies[index]!, bases[index % bases.length]!);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    const figures = {
      rps: Math.round((latencies.length / seconds) * 10) / 10,
      p50_ms: Math.round(percentile(sorted, 50) * 10) / 10,
      p95_ms: Math.round(percentile(sorted, 95) * 10) / 10,
      p99_ms: Math.round(percentile(sorted, 99) * 10) / 10,
      errors,
      requests: latencies.length,
      students: cookies.length,
      concurrency: CONCURRENCY,
      seconds: Math.round(seconds * 10) / 10,
    };
    console.log(
      `quiz-submit: ${figures.students} students × (${questionCount} saves + 1 submit), ${CONCURRENCY} at a time, ` +
        `${REPLICAS} app process(es) with ${POOL_SIZE} connections each`,
    );
    console.log(`  ${figures.requests} saves and submits in ${figures.seconds} s → ${figures.rps} requests/s`);
    console.log(`  latency p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, p99 ${figures.p99_ms} ms; errors ${errors}`);
    for (const sample of errorSamples) console.log(`  error: ${sample}`);
    console.log(JSON.stringify({ rps: figures.rps, p50_ms: figures.p50_ms, p95_ms: figures.p95_ms, p99_ms: figures.p99_ms, errors }));
  } finally {
    await Promise.all(servers.map((server) => stopChild(server)));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
