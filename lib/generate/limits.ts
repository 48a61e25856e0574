// How much generating one student may ask for: the offline generator is cheap but not free (it parses
// a section with an NLP model), a language model call costs money or a GPU's time. Counted from the
// student's generation runs (generation_runs) over a sliding hour and day, in the data layer.
import type { GeneratorSource } from "../generated/prisma/enums";

export const GENERATION_LIMITS: Record<GeneratorSource, { perHour: number; perDay: number }> = {
  OFFLINE: { perHour: 60, perDay: 300 },
  MODEL: { perHour: 10, perDay: 30 },
};

/** Open (queued or running) model runs one student may have at a time. */
export const MAX_OPEN_MODEL_RUNS = 2;

/** What a report of a problem may say. */
export const REPORT_MAX_CHARS = 1_000;
