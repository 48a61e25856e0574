"use client";

import { Alert } from "@/components/ui/alert";
import { useCallback, useEffect, useRef, useState } from "react";
import { thrownFailureMessage } from "@/components/ui/resilient-action";
import { ProgressBar } from "@/components/ui/progress-bar";
import { usePassageCards } from "@/components/review/own-cards/passage-cards";
import { markSectionRead } from "@/lib/lectures/actions";

export interface ReaderSection {
  id: string;
  key: string;
  title: string;
  html: string;
}

/** How long the end of a section must stay on screen, after the reader has scrolled, to count it as read. */
const DWELL_MS = 1500;

export function NotesReader({
  lectureId,
  lectureSlug,
  sections,
  initialRead,
}: {
  lectureId: string;
  lectureSlug: string;
  sections: ReaderSection[];
  initialRead: string[];
}) {
  const passageCards = usePassageCards({ lectureId, lectureSlug, sections });
  const [read, setRead] = useState<Set<string>>(() => new Set(initialRead));
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const readRef = useRef(read);
  const inFlight = useRef(new Set<string>());
  useEffect(() => {
    readRef.current = read;
  }, [read]);

  const markRead = useCallback(async (section: ReaderSection) => {
    if (readRef.current.has(section.id) || inFlight.current.has(section.id)) return;
    inFlight.current.add(section.id);
    setRead((previous) => new Set(previous).add(section.id));
    try {
      const result = await markSectionRead(null, { sectionId: section.id });
      if (!result.ok) throw new Error(result.message);
      setError(null);
      setAnnouncement(`“${section.title}” marked as read: ${result.data.read} of ${result.data.total} sections.`);
    } catch (failure) {
      setRead((previous) => {
        const next = new Set(previous);
        next.delete(section.id);
        return next;
      });
      setError(thrownFailureMessage(failure));
    } finally {
      inFlight.current.delete(section.id);
    }
  }, []);

  // Reading by scrolling: once the reader has scrolled, a section whose end stays in view for a moment is read.
  useEffect(() => {
    const byId = new Map(sections.map((s) => [s.id, s]));
    const visible = new Set<string>();
    const timers = new Map<string, number>();
    let scrolled = false;
    const start = (id: string) => {
      if (!scrolled || timers.has(id) || readRef.current.has(id)) return;
      timers.set(
        id,
        window.setTimeout(() => {
          timers.delete(id);
          const section = byId.get(id);
          if (section && visible.has(id)) void markRead(section);
        }, DWELL_MS),
      );
    };
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const id = (entry.target as HTMLElement).dataset.sectionEnd!;
        if (entry.isIntersecting) {
          visible.add(id);
          start(id);
        } else {
          visible.delete(id);
          window.clearTimeout(timers.get(id));
          timers.delete(id);
        }
      }
    });
    document.querySelectorAll<HTMLElement>("[data-section-end]").forEach((element) => observer.observe(element));
    const onScroll = () => {
      if (scrolled) return;
      scrolled = true;
      visible.forEach(start);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      window.removeEventListener("scroll", onScroll);
      timers.forEach((timer) => window.clearTimeout(timer));
    };
  }, [sections, markRead]);

  const readCount = sections.filter((s) => read.has(s.id)).length;

  return (
    <div className="lg:grid lg:grid-cols-[16rem_minmax(0,1fr)] lg:gap-10">
      <aside className="mb-6 lg:mb-0">
        <div className="space-y-4 lg:sticky lg:top-6">
          <div className="rounded-xl border border-slate-200 bg-white p-4">
            <p className="flex justify-between text-sm font-medium text-slate-800">
              <span>Your reading</span>
              <span data-testid="reading-progress">
                {readCount} of {sections.length} read
              </span>
            </p>
            <ProgressBar value={readCount} total={sections.length} label="Sections read" className="mt-2" />
          </div>
          <details className="rounded-xl border border-slate-200 bg-white p-4 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium">Contents</summary>
            <TableOfContents sections={sections} read={read} />
          </details>
          <nav aria-label="Contents" className="hidden rounded-xl border border-slate-200 bg-white p-4 lg:block">
            <h2 className="text-sm font-semibold text-slate-800">Contents</h2>
            <TableOfContents sections={sections} read={read} />
          </nav>
        </div>
      </aside>

      <div className="min-w-0 space-y-6">
        {passageCards.overlay}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
        {sections.map((section, index) => {
          const isRead = read.has(section.id);
          return (
            <article
              key={section.id}
              id={section.key}
              aria-labelledby={`${section.key}-title`}
              data-passage-frame=""
              className="relative scroll-mt-6 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
            >
              <header className="mb-4 flex items-start justify-between gap-4">
                <h2 id={`${section.key}-title`} className="text-2xl font-semibold tracking-tight text-slate-900">
                  <a href={`#${section.key}`} className="hover:underline">
                    <span className="mr-2 text-slate-500">{index + 1}.</span>
                    {section.title}
                  </a>
                </h2>
                {isRead ? <span className="shrink-0 rounded-full bg-emerald-50 px-2.5 py-1 text-xs font-medium text-emerald-700">Read</span> : null}
              </header>
              <div className="notes-prose" data-passage-section={section.key} dangerouslySetInnerHTML={{ __html: section.html }} />
              {passageCards.buttonFor(section.key)}
              <footer data-section-end={section.id} className="mt-6 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-4">
                {passageCards.sectionAction(section)}
                {isRead ? (
                  <p className="text-sm text-emerald-700">
                    <span aria-hidden="true">✓ </span>You have read this section
                  </p>
                ) : (
                  <button
                    type="button"
                    onClick={() => void markRead(section)}
                    className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
                  >
                    Mark as read<span className="sr-only">: {section.title}</span>
                  </button>
                )}
              </footer>
            </article>
          );
        })}
      </div>
    </div>
  );
}

function TableOfContents({ sections, read }: { sections: ReaderSection[]; read: Set<string> }) {
  return (
    <ol className="mt-3 space-y-1 text-sm">
      {sections.map((section, index) => (
        <li key={section.id}>
          <a href={`#${section.key}`} className="flex items-start gap-2 rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
            <span
              aria-hidden="true"
              className={`mt-0.5 inline-block size-4 shrink-0 rounded-full border text-center text-[10px] leading-[14px] ${
                read.has(section.id) ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-300 text-transparent"
              }`}
            >
              ✓
            </span>
            <span>
              {index + 1}. {section.title}
              {read.has(section.id) ? <span className="sr-only"> (read)</span> : null}
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}
