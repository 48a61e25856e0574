// npm run bench:regrade — regrading one slot across a large class.
//
// Prepares the analytics benchmark's simulated class on the database DATABASE_URL names (use an empty
// one of its own: BENCH_STUDENTS students, about 1,000,000 answers on Lecture 1's quiz), gives one
// single-variant question a new version whose key is another option (the "possible wrong key" fix),
// then times the regrade an instructor applies: score every submitted attempt's answer to that slot
// with the new key, in one transaction (marks, totals, the running statistics, the mistakes queues,
// the record), until the running statistics are folded again. Then checks that the running statistics
// (first attempts and all attempts) equal an exact recompute from the answers. Target: under 5 s.
// Prints the figures, then one JSON line {"attempts":…,"regrade_ms":…,"stats_match":…}.
//
//   DATABASE_URL=postgresql://… npm run bench:regrade
//   options (environment): BENCH_STUDENTS=5000  BENCH_SEED=7  BENCH_COHORTS=4
import path from "node:path";
import { bundleDifferences } from "../lib/analytics/bundle-diff";
import { computeExactBundle, loadRunningBundle } from "../lib/analytics/internal/bundles";
import type { BankQuestion } from "../lib/bank/schemas";
import { upsertQuestionVersion } from "../lib/bank/internal/versioning";
import { loadContentTree } from "../lib/content/load";
import { readContentTree } from "../lib/content/read";
import { db } from "../lib/db";
import { applyRegrade, dryRunRegrade } from "../lib/grading/regrade";
import { generateClientIfMissing, migrateDatabase } from "../scripts/lib/database";
import { projectRoot } from "../scripts/lib/run";
import { prepareSimulatedClass } from "./lib/simulated-class";

const STUDENTS = Number(process.env.BENCH_STUDENTS || 5000);
const SEED = Number(process.env.BENCH_SEED || 7);
const COHORTS = Number(process.env.BENCH_COHORTS || 4);

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error("Set DATABASE_URL to a PostgreSQL database of the benchmark's own: it writes thousands of users and a million answers.");
  process.env.DATABASE_POOL_SIZE ||= "10";
  await generateClientIfMissing();
  await migrateDatabase(process.env.DATABASE_URL, { skipWhenCurrent: true });
  const content = readContentTree(path.join(projectRoot, "content"));
  await loadContentTree(db, content);
  const quiz = await db.quiz.findUniqueOrThrow({
    where: { key: "l01-quiz" },
    select: {
      id: true,
      lectureId: true,
      slots: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: { id: true, position: true, variants: { select: { question: { select: { externalKey: true } } } } },
      },
    },
  });
  const existing = await db.attempt.count({ where: { quizId: quiz.id } });
  if (existing > 0) throw new Error(`The quiz already has ${existing} attempts in this database: give the benchmark an empty database of its own.`);

  console.log(`regrade: ${STUDENTS} students on Lecture 1's quiz (${quiz.slots.length} slots), seed ${SEED}`);
  await prepareSimulatedClass(quiz.id, quiz.slots, { students: STUDENTS, seed: SEED, cohorts: COHORTS });
  const [attempts, answers] = await Promise.all([
    db.attempt.count({ where: { quizId: quiz.id } }),
    db.response.count({ where: { attempt: { quizId: quiz.id } } }),
  ]);
  console.log(`  ${attempts} attempts, ${answers} answers`);

  // The first single-variant single-answer slot gets its key moved to the next option.
  const bank = content.lectures.flatMap((l) => l.bank.questions);
  const slot = quiz.slots.find((s) => s.variants.length === 1 && bank.find((q) => q.id === s.variants[0]!.question.externalKey)?.type === "single")!;
  const question = bank.find((q) => q.id === slot.variants[0]!.question.externalKey)! as Extract<BankQuestion, { type: "single" }>;
  const right = question.options.findIndex((o) => o.correct);
  const moved = (right + 1) % question.options.length;
  const fixed = { ...question, options: question.options.map((o, i) => ({ ...o, correct: i === moved })) };
  const instructor = await db.user.create({
    data: { email: "bench-regrade-instructor@example.com", name: "Bench Instructor", role: "INSTRUCTOR", passwordHash: "not-a-password-hash" },
    select: { id: true, email: true, name: true, role: true, cohortId: true },
  });
  await db.$transaction((tx) =>
    upsertQuestionVersion(tx, fixed, { lectureId: quiz.lectureId, topicId: null }, { origin: "EDITOR", createdById: instructor.id }),
  );
  console.log(`  question ${slot.position + 1} (${question.id}): key moved from option ${right + 1} to option ${moved + 1}`);

  const request = { quizId: quiz.id, slotId: slot.id, mode: "KEY" as const, target: "ALL" as const };
  const dryStarted = performance.now();
  const preview = (await dryRunRegrade(instructor, request))!;
  const dryMs = performance.now() - dryStarted;
  console.log(`  dry run: ${preview.changed.length} attempts would change (${preview.unchanged} unchanged), in ${round(dryMs)} ms`);

  const started = performance.now();
  const outcome = (await applyRegrade(instructor, { ...request, idempotencyKey: `bench-regrade-${Date.now()}` }))!;
  const regradeMs = performance.now() - started;
  const waiting = await db.attempt.count({ where: { quizId: quiz.id, status: "SUBMITTED", statsCountedAt: null } });
  console.log(
    `  applied: ${outcome.attemptsChanged} attempts changed, mean ${outcome.mean.before.toFixed(3)} → ${outcome.mean.after.toFixed(3)}, ` +
      `in ${round(regradeMs)} ms (statistics folded: ${waiting} attempts waiting)`,
  );

  const differences = [
    ...bundleDifferences(await loadRunningBundle(quiz.id, "FIRST"), await computeExactBundle(quiz.id, { attempts: "first" })),
    ...bundleDifferences(await loadRunningBundle(quiz.id, "ALL"), await computeExactBundle(quiz.id, { attempts: "all" })),
  ];
  for (const difference of differences.slice(0, 10)) console.log(`  differs: ${difference}`);
  console.log(
    JSON.stringify({
      attempts,
      regrade_ms: round(regradeMs),
      stats_match: differences.length === 0 && waiting === 0,
      attempts_changed: outcome.attemptsChanged,
      answers,
      dry_run_ms: round(dryMs),
    }),
  );
  await db.$disconnect();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  await db.$disconnect().catch(() => undefined);
  process.exit(1);
});
