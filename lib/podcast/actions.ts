"use server";

import { authedAction } from "../actions/safe-action";
import { saveListeningProgress } from "./data";
import { saveProgressInput } from "./schemas";

/** Saves the student's place in an episode and what they heard since the last save. */
export const saveListeningProgressAction = authedAction({ name: "podcast.saveListeningProgress", schema: saveProgressInput }, (input, viewer) =>
  saveListeningProgress(viewer, input),
);
