import "server-only";
// A student asks for items for one notes section: from the notes (the offline generator, done in the
// request: a fraction of a second) or from a language model (a background job on the same queue as
// the FSRS refits; the page follows its progress). Each request is a generation run, which is also
// what the per-student rate limit counts.
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import type { DbTransaction } from "../db-client";
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

/** A model run still queued or running after this long was lost (its job expired): it no longer counts as under way. */
const OPEN_RUN_MS = 30 * 60_000;

/**
 * Refuses the request when the student has used up the hour's or the day's generations of that kind
 * (or has too many model drafts under way). Called inside the transaction that records the new run,
 * after taking the student's generation lock: parallel requests are counted one after the other.
 */
async function checkRateLimit(tx: DbTransaction, userId: string, generator: GeneratorSource, now: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`generation:${userId}`}, 0))`;
  const limit = GENERATION_LIMITS[generator];
  const since = (ms: number) => new Date(now.getTime() - ms);
  const [lastHour, lastDay, open] = await Promise.all([
    tx.generationRun.count({ where: { userId, generator, createdAt: { gt: since(HOUR_MS) } } }),
    tx.generationRun.count({ where: { userId, generator, createdAt: { gt: since(24 * HOUR_MS) } } }),
    generator === "MODEL"
      ? tx.generationRun.count({ where: { userId, generator, status: { in: ["QUEUED", "RUNNING"] }, createdAt: { gt: since(OPEN_RUN_MS) } } })
      : 0,
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
    const run = await db.$transaction(async (tx) => {
      await checkRateLimit(tx, viewer.id, "MODEL", now);
      return tx.generationRun.create({
        data: { userId: viewer.id, lectureId: lecture.id, sectionKey: input.sectionKey, generator: "MODEL", createdAt: now },
        select: { id: true, sectionKey: true, status: true, made: true, dropped: true, error: true, createdAt: true },
      });
    });
    try {
      await enqueue("generateDrafts", { runId: run.id });
    } catch (error) {
      // No job will ever take the run: close it, so it neither shows as waiting nor counts as under way.
      await db.generationRun.update({
        where: { id: run.id },
        data: { status: "FAILED", error: "The request could not be queued: try again.", finishedAt: new Date() },
      });
      throw error;
    }
    return { generator: "model", run: toRunView(run) };
  }
  const drafts = offlineItemsFor(lecture).filter((d) => d.section === input.sectionKey);
  const made = await db.$transaction(async (tx) => {
    await checkRateLimit(tx, viewer.id, "OFFLINE", now);
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
