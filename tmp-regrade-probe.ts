import { db } from "./lib/db";
import { applyRegrade } from "./lib/grading/regrade";
async function main() {
  const quiz = await db.quiz.findUniqueOrThrow({ where: { key: "l01-quiz" }, select: { id: true } });
  const r = await db.regrade.findFirstOrThrow({ select: { slotId: true } });
  const instructor = await db.user.findFirstOrThrow({ where: { role: "INSTRUCTOR" }, select: { id: true, email: true, name: true, role: true, cohortId: true } });
  for (const mode of ["DROP", "KEY", "DROP", "KEY"] as const) {
    const t = performance.now();
    const out = await applyRegrade(instructor, { quizId: quiz.id, slotId: r.slotId, mode, target: "ALL", idempotencyKey: `probe-${Date.now()}` });
    console.log(mode, out?.attemptsChanged, Math.round(performance.now() - t), "ms");
  }
  await db.$disconnect();
}
main();
