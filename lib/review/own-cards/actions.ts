"use server";

import { authedAction } from "../../actions/safe-action";
import { createOwnCard, deleteOwnCard, restoreOwnCard, updateOwnCard } from "./data";
import { createOwnCardInput, deleteOwnCardInput, restoreOwnCardInput, updateOwnCardInput } from "./schemas";

/** Writes a card into the viewer's "My cards" deck (from the list's form, or from a passage of the notes). */
export const createOwnCardAction = authedAction({ name: "ownCards.create", schema: createOwnCardInput }, (input, viewer) => createOwnCard(viewer, input));

/** Edits one of the viewer's cards (its schedule stays). */
export const updateOwnCardAction = authedAction({ name: "ownCards.update", schema: updateOwnCardInput }, (input, viewer) => updateOwnCard(viewer, input));

/** Deletes one of the viewer's cards and returns what its undo needs. */
export const deleteOwnCardAction = authedAction({ name: "ownCards.delete", schema: deleteOwnCardInput }, (input, viewer) =>
  deleteOwnCard(viewer, input.cardId),
);

/** The undo of a delete: the card and its ratings come back. */
export const restoreOwnCardAction = authedAction({ name: "ownCards.restore", schema: restoreOwnCardInput }, (input, viewer) =>
  restoreOwnCard(viewer, input.backup),
);
