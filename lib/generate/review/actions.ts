"use server";

// The review queue's actions. They do not revalidate the page: the item's form shows what happened in
// its place ("Approved: it is now the bank question …"), and the next visit reads the queue afresh.
import { authedAction } from "../../actions/safe-action";
import { STAFF_ROLES } from "../../auth/roles";
import { approveGeneratedItem, rejectGeneratedItem } from "./data";
import { approveItemInput, rejectItemInput } from "./schemas";

export const approveGeneratedItemAction = authedAction({ name: "generate.approve", schema: approveItemInput, roles: STAFF_ROLES }, (input, viewer) =>
  approveGeneratedItem(viewer, input),
);

export const rejectGeneratedItemAction = authedAction({ name: "generate.reject", schema: rejectItemInput, roles: STAFF_ROLES }, (input, viewer) =>
  rejectGeneratedItem(viewer, input),
);
