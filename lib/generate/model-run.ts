import "server-only";
// The background job behind "Draft with the language model": one run, one section. It marks the run
// running, asks the model (lib/generate/model: one call, checked, one retry), saves the drafts that
// pass for the student who asked, and records what was dropped and why. A model that cannot be
// reached or refuses the key ends the run as failed with the reason in words; a crash of this
// process leaves the job to expire and be tried once more from the run's state.
import { db } from "../db";
import { log } from "../log";
import { saveDrafts } from "./internal/store";
import { draftItems, ModelError } from "./model/draft";
import { getModelSettings } from "./model-settings";

export async function runModelGeneration(runId: string): Promise<{ status: string; made: number }> {
  const run = await db.generationRun.findUnique({
    where: { id: runId },
    select: { id: true, userId: true, lectureId: true, sectionKey: true, status: true, generator: true },
  });
  if (!run || run.generator !== "MODEL" || run.status === "DONE" || run.status === "FAILED") return { status: run?.status ?? "GONE", made: 0 };
  const finish = (data: { status: "DONE" | "FAILED"; made?: number; dropped?: string[]; error?: string | null; calls?: number }) =>
    db.generationRun.update({ where: { id: run.id }, data: { ...data, finishedAt: new Date() } });

  const config = getModelSettings();
  if (!config) {
    await finish({ status: "FAILED", error: "No language model is configured any more." });
    return { status: "FAILED", made: 0 };
  }
  const section = await db.noteSection.findFirst({
    where: { lectureId: run.lectureId, key: run.sectionKey, retiredAt: null },
    select: { key: true, title: true, bodyMarkdown: true },
  });
  if (!section) {
    await finish({ status: "FAILED", error: "That section is no longer in the notes." });
    return { status: "FAILED", made: 0 };
  }
  await db.generationRun.update({ where: { id: run.id }, data: { status: "RUNNING" } });
  try {
    const result = await draftItems({ key: section.key, title: section.title, body: section.bodyMarkdown }, config);
    const made = await saveDrafts(db, { lectureId: run.lectureId, generator: "MODEL", createdById: run.userId, runId: run.id }, result.items);
    await finish({ status: "DONE", made, dropped: result.dropped, calls: result.calls });
    return { status: "DONE", made };
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    log.warn("model drafts failed", { runId: run.id, error: { message: error.message } });
    await finish({ status: "FAILED", error: error.message });
    return { status: "FAILED", made: 0 };
  }
}
