import Link from "next/link";

export type DeckView = "flashcards" | "mistakes" | "own" | "browse";

/** Switches between reviewing the flashcards, the missed quiz questions, the student's own cards, and browsing every flashcard. */
export function DeckNav({ lectureSlug, current, mistakes, own }: { lectureSlug: string; current: DeckView; mistakes: number; own: number }) {
  const base = `/lectures/${lectureSlug}/flashcards`;
  const items: { view: DeckView; href: string; label: string; detail?: string }[] = [
    { view: "flashcards", href: base, label: "Review flashcards" },
    { view: "mistakes", href: `${base}?deck=mistakes`, label: "Review mistakes", detail: String(mistakes) },
    { view: "own", href: `${base}?deck=own`, label: "My cards", detail: String(own) },
    { view: "browse", href: `${base}/browse`, label: "Browse all cards" },
  ];
  return (
    <nav aria-label="Flashcard modes" className="flex flex-wrap gap-2">
      {items.map((item) => (
        <Link
          key={item.view}
          href={item.href}
          aria-current={item.view === current ? "page" : undefined}
          className={`inline-flex min-h-11 items-center rounded-full border px-3 py-1.5 text-sm font-medium ${
            item.view === current ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
          }`}
        >
          {item.label}
          {item.detail ? (
            <span className={`ml-1.5 rounded-full px-1.5 text-xs ${item.view === current ? "bg-indigo-500" : "bg-slate-100"}`}>{item.detail}</span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
