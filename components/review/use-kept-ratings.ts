"use client";

import { useCallback, useEffect, useRef } from "react";
import { onOutboxChange, outboxEntries, queueEntry, unqueueEntry } from "@/lib/offline/outbox";
import { withoutKept } from "@/lib/offline/review-offline";
import type { ReviewSession } from "@/lib/review/data";
import type { Rating } from "@/lib/review/fsrs";

/**
 * Ratings made on this page without a connection: kept in the device's outbox (sent in order by the
 * OfflineLayer once online), taken out of the session shown, and undoable while not yet sent. When the
 * server's session arrives again (after sending), the cards still kept are taken out of it too.
 */
export function useKeptRatings(lectureSlug: string, initial: ReviewSession, setSession: (session: ReviewSession) => void) {
  const lastKept = useRef<{ entryId: number; before: ReviewSession } | null>(null);

  const keptItemIds = useCallback(async () => {
    const entries = await outboxEntries();
    return entries.filter((e) => e.input.lectureId === initial.lectureId && e.input.deck === initial.deck).map((e) => e.input.itemId);
  }, [initial.deck, initial.lectureId]);

  // The page (perhaps the device's copy of it) shows no card that waits to be sent.
  useEffect(() => {
    let live = true;
    void keptItemIds().then((ids) => live && setSession(withoutKept(initial, ids)));
    return () => {
      live = false;
    };
  }, [initial, keptItemIds, setSession]);

  useEffect(() => onOutboxChange(() => void keptItemIds().then((ids) => ids.length === 0 && (lastKept.current = null))), [keptItemIds]);

  /** Keeps a rating of the session's current card; false when the device keeps nothing. */
  const keep = useCallback(
    async (session: ReviewSession, rating: Rating, idempotencyKey: string): Promise<boolean> => {
      const card = session.current;
      if (!card) return false;
      const input = { lectureId: session.lectureId, deck: session.deck, itemId: card.itemId, rating, idempotencyKey, reviewedAt: new Date().toISOString() };
      const entryId = await queueEntry({ kind: "rating", input, lectureSlug });
      if (entryId === null) return false;
      lastKept.current = { entryId, before: session };
      return true;
    },
    [lectureSlug],
  );

  /** Takes back the last kept rating if it was not sent yet: the session it had returns. */
  const undoKept = useCallback(async (): Promise<ReviewSession | null> => {
    const last = lastKept.current;
    if (!last || !(await unqueueEntry(last.entryId))) return null;
    lastKept.current = null;
    return last.before;
  }, []);

  return { keep, undoKept, canUndoKept: () => lastKept.current !== null };
}
