import "server-only";
// The viewer's own cards of every lecture with their review history, as one CSV file to keep
// (the format is in ./csv-format.ts). Only the viewer's rows are read.
import { db } from "../../db";
import { assertRole, ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { writeOwnCardsCsv, type CsvCard } from "./csv-format";

export async function getOwnCardsCsv(viewer: Viewer, now = new Date()): Promise<{ fileName: string; csv: string }> {
  assertRole(viewer, ROLES);
  const cards = await db.studentCard.findMany({
    where: { userId: viewer.id },
    orderBy: [{ lecture: { number: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      front: true,
      back: true,
      sectionKey: true,
      reversible: true,
      createdAt: true,
      lecture: { select: { slug: true } },
      reviewCards: {
        where: { userId: viewer.id, kind: "OWN" },
        select: { reversed: true, logs: { where: { userId: viewer.id, undoneAt: null }, select: { rating: true, reviewedAt: true } } },
      },
    },
  });
  const rows: CsvCard[] = cards.map((card) => ({
    id: card.id,
    lectureSlug: card.lecture.slug,
    sectionKey: card.sectionKey,
    reversible: card.reversible,
    createdAt: card.createdAt,
    front: card.front,
    back: card.back,
    // A direction no longer asked has no review card (an edit drops it); this keeps the file importable regardless.
    reviews: card.reviewCards
      .filter((c) => card.reversible || !c.reversed)
      .flatMap((c) => c.logs.map((log) => ({ reversed: c.reversed, rating: log.rating, reviewedAt: log.reviewedAt }))),
  }));
  return { fileName: `my-cards-${now.toISOString().slice(0, 10)}.csv`, csv: writeOwnCardsCsv(rows) };
}
