"use server";

import { authedAction } from "../actions/safe-action";
import { addItemToMyCards, answerGeneratedItem, proposeGeneratedItem, reportGeneratedItem } from "./items";
import { requestGeneration } from "./requests";
import { answerItemInput, generateItemsInput, itemInput, reportItemInput } from "./schemas";

/** Generates a section's items from the notes, or queues a language model's drafts for it. */
export const generateItemsAction = authedAction({ name: "generate.request", schema: generateItemsInput }, (input, viewer) => requestGeneration(viewer, input));

/** Checks the answer to a generated question: the key comes back only now. */
export const answerItemAction = authedAction({ name: "generate.answer", schema: answerItemInput }, (input, viewer) =>
  answerGeneratedItem(viewer, input.itemId, input.chosen),
);

/** Turns a generated card over. */
export const revealItemAction = authedAction({ name: "generate.reveal", schema: itemInput }, (input, viewer) =>
  answerGeneratedItem(viewer, input.itemId, null),
);

/** Adds a generated card (or question) to the viewer's "My cards". */
export const addItemToMyCardsAction = authedAction({ name: "generate.addToMyCards", schema: itemInput }, (input, viewer) =>
  addItemToMyCards(viewer, input.itemId),
);

export const reportItemAction = authedAction({ name: "generate.report", schema: reportItemInput }, (input, viewer) =>
  reportGeneratedItem(viewer, input.itemId, input.message),
);

/** Proposes the item for the course bank (the instructors' review queue). */
export const proposeItemAction = authedAction({ name: "generate.propose", schema: itemInput }, (input, viewer) => proposeGeneratedItem(viewer, input.itemId));
