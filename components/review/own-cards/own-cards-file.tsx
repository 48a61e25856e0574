"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import { IMPORT_LIMITS, OWN_CARDS_CSV_COLUMNS, OWN_CARDS_CSV_GLOSSARY } from "@/lib/review/own-cards/csv-format";

type Outcome =
  { ok: true; cardsAdded: number; cardsKept: number; ratingsAdded: number; ratingsKept: number } | { ok: false; message: string; problems: { text: string }[] };

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** Download every own card with its ratings as CSV, and import such a file back (all or nothing). */
export function OwnCardsFile() {
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file) return setOutcome({ ok: false, message: "Choose a CSV file to import.", problems: [] });
    if (file.size > IMPORT_LIMITS.maxBytes)
      return setOutcome({
        ok: false,
        message: `The file is too large: at most ${IMPORT_LIMITS.maxBytes / 1048576} MB. Split it into smaller files.`,
        problems: [],
      });
    setPending(true);
    setOutcome(null);
    try {
      const response = await fetch("/api/own-cards/import", { method: "POST", body: new FormData(form) });
      const body = (await response.json()) as Partial<Outcome> & { message?: string };
      if (response.ok && body.ok) {
        setOutcome(body as Outcome);
        form.reset();
        router.refresh();
      } else
        setOutcome({
          ok: false,
          message: body.message ?? "The file could not be imported.",
          problems: (body as { problems?: { text: string }[] }).problems ?? [],
        });
    } catch {
      setOutcome({ ok: false, message: NETWORK_ERROR_MESSAGE, problems: [] });
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        Your cards as a file
      </h3>
      <p className="text-sm text-slate-700">
        Download the cards you wrote, in every lecture, with each rating you gave them: a CSV file (UTF-8) that opens in any spreadsheet. Import it into any
        account to get the cards and their schedules back. Importing the same file twice adds nothing twice.
      </p>
      <a href="/api/own-cards/export" download className={buttonClasses("secondary")}>
        Download my cards (CSV)
      </a>
      <form onSubmit={(event) => void submit(event)} className="flex flex-wrap items-end gap-3" aria-describedby={`${id}-rule`}>
        <div className="space-y-1">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
            Import a CSV file
          </label>
          <input id={`${id}-file`} name="file" type="file" accept=".csv,text/csv" required className="block text-sm" />
        </div>
        <Button type="submit" pending={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </form>
      <p id={`${id}-rule`} className="text-xs text-slate-600">
        At most {IMPORT_LIMITS.maxBytes / 1048576} MB. Every row is checked first: if any is wrong, nothing is imported and each problem is listed with its row.
      </p>
      {outcome?.ok ? (
        <Alert tone="success">
          Imported: {plural(outcome.cardsAdded, "card")} added ({outcome.cardsKept.toLocaleString("en-US")} already here),{" "}
          {plural(outcome.ratingsAdded, "rating")} added ({outcome.ratingsKept.toLocaleString("en-US")} already here).
        </Alert>
      ) : outcome ? (
        <Alert tone="error">
          <p>{outcome.message}</p>
          {outcome.problems.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="import-problems">
              {outcome.problems.map((p, i) => (
                <li key={i}>{p.text}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-slate-800">The file&apos;s columns</summary>
        <p className="mt-2 text-slate-700">
          One “card” row per card, each followed by a “review” row per rating. A cell that a spreadsheet could run as a formula is written with a leading
          apostrophe (&apos;), which the import removes.
        </p>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {OWN_CARDS_CSV_COLUMNS.map((column) => (
            <div key={column} className="contents">
              <dt className="font-mono text-xs text-slate-900">{column}</dt>
              <dd className="text-slate-700">{OWN_CARDS_CSV_GLOSSARY[column]}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
