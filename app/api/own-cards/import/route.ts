import { importOwnCardsRoute } from "@/lib/review/own-cards/http";

export const dynamic = "force-dynamic";

/** Imports an own-cards CSV into the viewer's account, all or nothing. */
export const POST = importOwnCardsRoute;
