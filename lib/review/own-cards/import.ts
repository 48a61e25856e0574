import "server-only";
// Imports an own-cards CSV (./csv-format.ts) into the viewer's account, all or nothing: every row is
// checked (./csv-read.ts, then the lectures, sections and the cards already there) before anything
// is written, in one transaction. Importing the same file again adds nothing:
// - a card keeps an id derived from the student and the file's id (or the file's id itself when it
//   is already one of the student's cards: a file exported from this account), so it is found again;
// - a rating already in the card's history (same direction and moment) is kept, not added; a new one
//   must be later than the card's latest rating, and the card's state is rebuilt by replaying it.
import { createHash, randomBytes } from "node:crypto";
import { db } from "../../db";
import { assertRole, ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { snapshotOf, snapshotSelect } from "../internal/sql";
import { IMPORT_LIMITS } from "./csv-format";
import { decodeCsv, parseOwnCardsCsv, type ImportProblem, type ImportProblems, type ParsedCard } from "./csv-read";
import { MAX_CARDS_PER_LECTURE } from "./data";
import { loadProfile } from "../internal/context";
import { emptyPlan, planRatings, writeHistory, type HistoryPlan } from "./history";

export interface ImportSummary {
  cardsAdded: number;
  /** Cards of the file the account had already (their text and settings are left as they are). */
  cardsKept: number;
  ratingsAdded: number;
  ratingsKept: number;
}

export type ImportOutcome = ({ ok: true } & ImportSummary) | ImportProblems;

/** The id a card of the file gets in this account: the same on every import of that file. */
export function importedCardId(userId: string, fileId: string): string {
  return `o${createHash("sha256").update(`${userId}:${fileId}`).digest("hex").slice(0, 24)}`;
}

type Lecture = { id: string; slug: string; sections: Set<string> };

async function lecturesOf(cards: readonly ParsedCard[], problems: ImportProblem[]): Promise<Map<string, Lecture>> {
  const slugs = [...new Set(cards.map((c) => c.lectureSlug))];
  const rows = await db.lecture.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, sections: { where: { retiredAt: null }, select: { key: true } } },
  });
  const lectures = new Map(rows.map((l) => [l.slug, { id: l.id, slug: l.slug, sections: new Set(l.sections.map((s) => s.key)) }]));
  for (const card of cards) {
    const lecture = lectures.get(card.lectureSlug);
    if (!lecture) problems.push({ row: card.row, column: "lecture", message: `there is no lecture “${card.lectureSlug}”.` });
    else if (card.sectionKey && !lecture.sections.has(card.sectionKey))
      problems.push({ row: card.row, column: "section", message: `lecture “${card.lectureSlug}” has no section “${card.sectionKey}”.` });
  }
  return lectures;
}

export async function importOwnCardsCsv(viewer: Viewer, bytes: Uint8Array, now = new Date()): Promise<ImportOutcome> {
  assertRole(viewer, ROLES);
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseOwnCardsCsv(decoded.text, now);
  if (!parsed.ok) return parsed;
  const problems: ImportProblem[] = [];
  const lectures = await lecturesOf(parsed.cards, problems);
  if (problems.length > 0) return { ok: false, problems };

  return db.$transaction(async (tx) => {
    // One import at a time per student; the cards it meets are locked as a rating locks them (card first).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`own-cards-import:${viewer.id}`}, 0))`;
    const derived = new Map(parsed.cards.map((c) => [c.fileId, importedCardId(viewer.id, c.fileId)]));
    const candidates = [...parsed.cards.map((c) => c.fileId), ...derived.values()];
    await tx.$queryRaw`SELECT id FROM student_cards WHERE user_id = ${viewer.id} AND id = ANY(${candidates}::text[]) FOR UPDATE`;
    const [owned, counts, taken] = await Promise.all([
      tx.studentCard.findMany({
        where: { userId: viewer.id, id: { in: candidates } },
        select: {
          id: true,
          lectureId: true,
          reversible: true,
          reviewCards: {
            where: { userId: viewer.id, kind: "OWN" },
            select: { ...snapshotSelect, reversed: true, logs: { where: { undoneAt: null }, select: { rating: true, reviewedAt: true } } },
          },
        },
      }),
      tx.studentCard.groupBy({ by: ["lectureId"], where: { userId: viewer.id }, _count: { _all: true } }),
      // Ids derived for this student that another account holds (only a made-up undo could do that): not reused.
      tx.studentCard.findMany({ where: { id: { in: [...derived.values()] }, userId: { not: viewer.id } }, select: { id: true } }),
    ]);
    const byId = new Map(owned.map((c) => [c.id, c]));
    const takenIds = new Set(taken.map((c) => c.id));
    const plan = emptyPlan(await loadProfile(tx, viewer.id));
    const summary: ImportSummary = { cardsAdded: 0, cardsKept: 0, ratingsAdded: 0, ratingsKept: 0 };
    const perLecture = new Map(counts.map((c) => [c.lectureId, c._count._all]));

    for (const file of parsed.cards) {
      const lecture = lectures.get(file.lectureSlug)!;
      const existing = byId.get(file.fileId) ?? byId.get(derived.get(file.fileId)!);
      if (!existing) {
        const derivedId = derived.get(file.fileId)!;
        addCard(plan, viewer.id, lecture.id, takenIds.has(derivedId) ? `o${randomBytes(12).toString("hex")}` : derivedId, file, now);
        summary.cardsAdded += 1;
        summary.ratingsAdded += file.reviews.length;
        perLecture.set(lecture.id, (perLecture.get(lecture.id) ?? 0) + 1);
        continue;
      }
      summary.cardsKept += 1;
      if (existing.lectureId !== lecture.id) {
        problems.push({ row: file.row, column: "lecture", message: `card ${file.fileId} is in another lecture in your account.` });
        continue;
      }
      for (const reversed of [false, true]) {
        const reviews = file.reviews.filter((r) => r.reversed === reversed);
        if (reviews.length === 0) continue;
        if (reversed && !existing.reversible) {
          problems.push({
            row: reviews[0]!.row,
            column: "direction",
            message: `card ${file.fileId} is not reversible in your account, so it has no reverse ratings.`,
          });
          continue;
        }
        const row = existing.reviewCards.find((c) => c.reversed === reversed);
        const had = new Map((row?.logs ?? []).map((log) => [log.reviewedAt.getTime(), log.rating]));
        const latest = Math.max(-Infinity, ...had.keys());
        const added = reviews.filter((review) => {
          const rating = had.get(review.reviewedAt.getTime());
          if (rating === review.rating) summary.ratingsKept += 1;
          else if (rating !== undefined)
            problems.push({ row: review.row, column: "rating", message: `your account has a ${rating.toLowerCase()} rating of this card at that moment.` });
          else if (review.reviewedAt.getTime() <= latest)
            problems.push({
              row: review.row,
              column: "reviewed_at",
              message: `is before this card's latest rating in your account (${new Date(latest).toISOString()}): ratings can only be added after it.`,
            });
          else return true;
          return false;
        });
        summary.ratingsAdded += added.length;
        planRatings(plan, { userId: viewer.id, lectureId: lecture.id, cardId: existing.id, reversed }, row ? snapshotOf(row) : null, added);
      }
    }
    for (const [lectureId, count] of perLecture)
      if (count > MAX_CARDS_PER_LECTURE) {
        const slug = [...lectures.values()].find((l) => l.id === lectureId)?.slug ?? lectureId;
        problems.push({
          row: 0,
          column: null,
          message: `lecture “${slug}” would hold more than ${MAX_CARDS_PER_LECTURE.toLocaleString("en-US")} of your cards.`,
        });
      }
    if (problems.length > 0) return { ok: false, problems: problems.slice(0, IMPORT_LIMITS.maxProblems) } satisfies ImportProblems;
    await writeHistory(tx, plan);
    return { ok: true, ...summary };
  });
}

/** A card the account does not have: created with its ratings replayed from the first. */
function addCard(plan: HistoryPlan, userId: string, lectureId: string, id: string, file: ParsedCard, now: Date): void {
  const first = file.reviews.reduce<Date | null>((min, r) => (!min || r.reviewedAt < min ? r.reviewedAt : min), null);
  plan.cards.push({
    id,
    userId,
    lectureId,
    front: file.front,
    back: file.back,
    sectionKey: file.sectionKey,
    reversible: file.reversible,
    createdAt: file.createdAt ?? first ?? now,
  });
  for (const reversed of [false, true])
    planRatings(
      plan,
      { userId, lectureId, cardId: id, reversed },
      null,
      file.reviews.filter((r) => r.reversed === reversed),
    );
}
