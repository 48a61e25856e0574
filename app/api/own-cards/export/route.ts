import { exportOwnCardsRoute } from "@/lib/review/own-cards/http";

export const dynamic = "force-dynamic";

/** The viewer's own cards with their review history, as CSV (format: lib/review/own-cards/csv-format.ts). */
export const GET = exportOwnCardsRoute;
