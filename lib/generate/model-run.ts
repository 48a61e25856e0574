import "server-only";
// The background job behind "Draft more with the language model": one run, one section. It marks the
// run running, asks the model (lib/generate/model: one call, checked, one retry), saves the drafts
// that pass for the student who asked, and records what was dropped and why. Every failure ends the
// run with a reason a student can read (the details, which may name the model server, go to the log).
// A crash of this process leaves the job to expire and be tried once more: a run still RUNNING is
// drafted again, and the items it already saved are not saved twice.
import { db } from "../db";
import type { ModelErrorCode } from "./model/errors";
import { log } from "../log";
import { saveDrafts } from "./internal/store";
import { draftItems, ModelError } from "./model/draft";
import { getModelSettings } from "./model-settings";
import { seededShuffle } from "./offline/mcq";
import type { GeneratedDraft } from "./types";

const STUDENT_MESSAGES: Record<ModelErrorCode, string> = {
  "bad-key": "The language model refused this site's key: an administrator needs to check the configuration.",
  forbidden: "The language model refused this site's key: an administrator needs to check the configuration.",
  "not-found": "The configured language model was not found: an administrator needs to check the configuration.",
  rejected: "The language model refused the request.",
  unreachable: "The language model could not be reached: try again later.",
  unavailable: "The language model is not answering right now: try again later.",
};

/** A model tends to put the right option first: its options are shown in an order of our own (fixed per item). */
const shuffled = (item: GeneratedDraft): GeneratedDraft =>
  item.kind === "MCQ" ? { ...item, options: seededShuffle(item.options, `${item.stem}\n${[...item.options].sort().join("\n")}`) } : item;

export async function runModelGeneration(runId: string): Promise<{ status: string; made: number }> {
  const run = await db.generationRun.findUnique({
    where: { id: runId },
    select: { id: true, userId: true, lectureId: true, sectionKey: true, status: true, generator: true },
  });
  if (!run || run.generator !== "MODEL" || run.status === "DONE" || run.status === "FAILED") return { status: run?.status ?? "GONE", made: 0 };
  const fail = async (error: string) => {
    await db.generationRun.update({ where: { id: run.id }, data: { status: "FAILED", error, finishedAt: new Date() } });
    return { status: "FAILED", made: 0 };
  };

  const config = getModelSettings();
  if (!config) return fail("No language model is configured any more.");
  const section = await db.noteSection.findFirst({
    where: { lectureId: run.lectureId, key: run.sectionKey, retiredAt: null },
    select: { key: true, title: true, bodyMarkdown: true },
  });
  if (!section) return fail("That section is no longer in the notes.");
  await db.generationRun.update({ where: { id: run.id }, data: { status: "RUNNING" } });
  let result: Awaited<ReturnType<typeof draftItems>>;
  try {
    result = await draftItems({ key: section.key, title: section.title, body: section.bodyMarkdown }, config);
  } catch (error) {
    if (!(error instanceof ModelError)) {
      log.error("model drafts failed", { runId: run.id, error: { message: error instanceof Error ? error.message : String(error) } });
      return fail("Something went wrong while drafting: try again.");
    }
    log.warn("model drafts failed", { runId: run.id, code: error.code, error: { message: error.message } });
    return fail(STUDENT_MESSAGES[error.code]);
  }
  await saveDrafts(db, { lectureId: run.lectureId, generator: "MODEL", createdById: run.userId, runId: run.id }, result.items.map(shuffled));
  const made = await db.generatedItem.count({ where: { runId: run.id } });
  await db.generationRun.update({
    where: { id: run.id },
    data: { status: "DONE", made, dropped: result.dropped, calls: result.calls, finishedAt: new Date() },
  });
  return { status: "DONE", made };
}
