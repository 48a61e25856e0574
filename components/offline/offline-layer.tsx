"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { claimDeviceCopies } from "@/lib/offline/device-copies";
import { flushOutbox, onOutboxChange } from "@/lib/offline/outbox";
import { sendKeptRating } from "@/lib/offline/send-rating";
import { unsentWork, type Unsent } from "@/lib/offline/unsent";

function subscribeOnline(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Registers the service worker once the page is idle (never in its way). */
function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || process.env.NODE_ENV !== "production") return;
  const register = () => void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  if (document.readyState === "complete") setTimeout(register, 1000);
  else window.addEventListener("load", () => setTimeout(register, 1000), { once: true });
}

/**
 * On every page: the service worker, whose copies the device keeps, the sending of ratings kept
 * offline (in order, once online), and a line that says what waits to be sent while anything does.
 */
export function OfflineLayer({ userId }: { userId: string | null }) {
  const router = useRouter();
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const [waiting, setWaiting] = useState<Unsent>({ ratings: 0, answers: 0, attemptHref: null });
  const [refused, setRefused] = useState<string[]>([]);

  const count = useCallback(async () => setWaiting(await unsentWork()), []);

  const send = useCallback(async () => {
    if (!navigator.onLine) return;
    const report = await flushOutbox(sendKeptRating);
    if (report.refused.length > 0) setRefused((previous) => [...previous, ...report.refused]);
    if (report.sent > 0) router.refresh();
  }, [router]);

  useEffect(() => {
    registerServiceWorker();
    void claimDeviceCopies(userId).then(count).then(send);
    const goOnline = () => void send();
    window.addEventListener("online", goOnline);
    const stop = onOutboxChange(() => void count());
    return () => {
      window.removeEventListener("online", goOnline);
      stop();
    };
  }, [count, send, userId]);

  const parts = [
    waiting.ratings > 0 ? plural(waiting.ratings, "flashcard rating", "flashcard ratings") : null,
    waiting.answers > 0 ? plural(waiting.answers, "quiz answer", "quiz answers") : null,
  ].filter(Boolean);
  if (parts.length === 0 && online && refused.length === 0) return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-20 border-t border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950" data-testid="offline-status">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1">
        <p role="status" aria-live="polite">
          {online ? "" : "You are offline. "}
          {parts.length > 0
            ? `${parts.join(" and ")} ${parts.length > 1 || waiting.ratings + waiting.answers > 1 ? "are" : "is"} kept on this device, ${online ? "being sent" : "sent when you are back online"}.`
            : online
              ? ""
              : "Lectures you opened are still here."}
        </p>
        {online && waiting.answers > 0 && waiting.attemptHref ? (
          <Link href={waiting.attemptHref} className="font-medium underline">
            Open the quiz to send its answers
          </Link>
        ) : null}
        {refused.length > 0 ? (
          <p role="alert" className="text-red-800">
            {plural(refused.length, "rating", "ratings")} could not be saved: {refused[0]}
            <button type="button" className="ml-2 min-h-11 underline" onClick={() => setRefused([])}>
              Dismiss
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}
