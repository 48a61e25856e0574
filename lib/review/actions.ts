"use server";

import { authedAction } from "../actions/safe-action";
import { rateReviewCard, undoRating } from "./data";
import { rateCardInput, undoRatingInput } from "./schemas";

/** Rates the card on screen and returns the next one (and the rating's id, for undo). */
export const rateCardAction = authedAction({ name: "review.rateCard", schema: rateCardInput }, (input, viewer) => rateReviewCard(viewer, input));

/** Undoes a rating: the card returns exactly as it was, and is shown again. */
export const undoRatingAction = authedAction({ name: "review.undoRating", schema: undoRatingInput }, (input, viewer) => undoRating(viewer, input.logId));
