import { z } from "zod";
import { MAX_RETENTION, MIN_RETENTION } from "../fsrs";

export const setRetentionInput = z.strictObject({
  desiredRetention: z.coerce
    .number({ error: "Choose a retention between 70 % and 97 %." })
    .min(MIN_RETENTION, "Choose at least 70 %.")
    .max(MAX_RETENTION, "Choose at most 97 %.")
    .transform((value) => Math.round(value * 100) / 100),
});

export const requestRefitInput = z.strictObject({});
