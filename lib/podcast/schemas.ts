import { z } from "zod";

const seconds = z
  .number()
  .finite()
  .min(0, "must not be negative")
  .max(24 * 3600, "must be under a day");

export const saveProgressInput = z.strictObject({
  episodeId: z.string().min(1).max(64),
  /** Where the play head is now. */
  position: seconds,
  /** Stretches of the episode played since the last save, in seconds of audio. */
  heard: z.array(z.tuple([seconds, seconds]).refine(([a, b]) => b >= a, "a heard range must end after it starts")).max(200, "at most 200 ranges a save"),
  /** True when the student moved the play head back since the last save: the position may then go back. */
  seeked: z.boolean().default(false),
});

export type SaveProgressInput = z.output<typeof saveProgressInput>;
