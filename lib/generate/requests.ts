import "server-only";
// A student asks for items for one notes section: from the notes (the offline generator, done in the
// request: a fraction of a second) or from a language model (a background job on the same queue as
// the FSRS refits; the page follows its progress). Each request is a generation run, which is also
// what the per-student rate limit counts.
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import type { GeneratorSource } from "../generated/prisma/enums";
import { enqueue } from "../jobs/boss";
import { saveDrafts } from "./internal/store";
import { GENERATION_LIMITS, MAX_OPEN_MODEL_RUNS } from "./limits";
import { modelConfigured } from "./model-settings";
import { offlineItemsFor } from "./offline-items";
import type { GenerateItemsInput } from "./schemas";
import { toRunView, type RunView } from "./data";

const HOUR_MS = 3_600_000;

/** Refuses the request when the student has used up the hour's or the day's generations of that kind. */
async function checkRateLimit(userId: string, generator: GeneratorSource, now: Date): Promise<void> {
  const limit = GENERATION_LIMITS[generator];
  const [lastHour, lastDay, open] = await Promise.all([
    db.generationRun.count({ where: { userId, generator, createdAt: { gt: new Date(now.getTime() - HOUR_MS) } } }),
    db.generationRun.count({ where: { userId, generator, createdAt: { gt: new Date(now.getTime() - 24 * HOUR_MS) } } }),
    generator === "MODEL" ? db.generationRun.count({ where: { userId, generator, status: { in: ["QUEUED", "RUNNING"] } } }) : 0,
  ]);
  const what = generator === "MODEL" ? "language-model drafts" : "generations from the notes";
  if (lastHour >= limit.perHour) throw new ActionError("RATE_LIMITED", `You have asked for ${limit.perHour} ${what} in the last hour: try again later.`);
  if (lastDay >= limit.perDay) throw new ActionError("RATE_LIMITED", `You have asked for ${limit.perDay} ${what} today: try again tomorrow.`);
  if (open >= MAX_OPEN_MODEL_RUNS) throw new ActionError("RATE_LIMITED", "Wait for your drafts under way to finish before asking for more.");
}

async function loadSection(lectureId: string, sectionKey: string) {
  const lecture = await db.lecture.findUnique({
    where: { id: lectureId },
    select: {
      id: true,
      slug: true,
      sections: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { key: true, title: true, bodyMarkdown: true } },
    },
  });
  if (!lecture) throw new NotFoundError("That lecture does not exist.");
  if (!lecture.sections.some((s) => s.key === sectionKey)) throw new NotFoundError("That section is not in this lecture's notes.");
  return lecture;
}

export type GenerateResult = { generator: "offline"; made: number; total: number } | { generator: "model"; run: RunView };

/** Generates a section's items from the notes at once, or queues a language model's drafts. */
export async function requestGeneration(viewer: Viewer, input: GenerateItemsInput, now = new Date()): Promise<GenerateResult> {
  assertRole(viewer, ROLES);
  const lecture = await loadSection(input.lectureId, input.sectionKey);
  if (input.generator === "model") {
    if (!modelConfigured()) throw new ActionError("CONFLICT", "No language model is configured here: generate from the notes instead.");
    await checkRateLimit(viewer.id, "MODEL", now);
    const run = await db.generationRun.create({
      data: { userId: viewer.id, lectureId: lecture.id, sectionKey: input.sectionKey, generator: "MODEL", createdAt: now },
      select: { id: true, sectionKey: true, status: true, made: true, dropped: true, error: true, createdAt: true },
    });
    await enqueue("generateDrafts", { runId: run.id });
    return { generator: "model", run: toRunView(run) };
  }
  await checkRateLimit(viewer.id, "OFFLINE", now);
  const drafts = offlineItemsFor(lecture).filter((d) => d.section === input.sectionKey);
  const made = await db.$transaction(async (tx) => {
    const run = await tx.generationRun.create({
      data: { userId: viewer.id, lectureId: lecture.id, sectionKey: input.sectionKey, generator: "OFFLINE", status: "DONE", createdAt: now, finishedAt: now },
      select: { id: true },
    });
    const count = await saveDrafts(tx, { lectureId: lecture.id, generator: "OFFLINE", createdById: null, runId: run.id }, drafts);
    await tx.generationRun.update({ where: { id: run.id }, data: { made: drafts.length } });
    return count;
  });
  return { generator: "offline", made, total: drafts.length };
}

/** One of the viewer's model runs, for the page's progress stream; null when it is not theirs. */
export async function getRunProgress(viewer: Viewer, runId: string): Promise<RunView | null> {
  assertRole(viewer, ROLES);
  const run = await db.generationRun.findFirst({
    where: { id: runId, userId: viewer.id, generator: "MODEL" },
    select: { id: true, sectionKey: true, status: true, made: true, dropped: true, error: true, createdAt: true },
  });
  return run ? toRunView(run) : null;
}
