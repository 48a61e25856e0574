import type { ReactNode } from "react";

/**
 * A titled part of a page: a `<section>` named by its heading, with an optional line under the
 * heading and actions beside it. `card` puts it in a white panel (account details, an import
 * preview); `plain` leaves it on the page (a dashboard's "Questions", an admin page's "History").
 */

const FRAMES = {
  plain: { section: "", heading: "text-xl font-semibold" },
  card: { section: "rounded-xl border border-slate-200 bg-white p-6", heading: "text-lg font-semibold" },
} as const;

export function Section({
  id,
  title,
  description,
  actions,
  variant = "plain",
  className = "space-y-2",
  testId,
  children,
}: {
  /** The heading's id: the section is labelled by it. */
  id: string;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  variant?: keyof typeof FRAMES;
  /** Spacing between the section's parts (and, for a card, its padding if not p-6). */
  className?: string;
  testId?: string;
  children?: ReactNode;
}) {
  const frame = FRAMES[variant];
  const heading = (
    <h2 id={id} className={frame.heading}>
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={id} className={`${frame.section} ${className}`.trim()} data-testid={testId}>
      {actions ? (
        <div className="flex flex-wrap items-start justify-between gap-3">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      {children}
    </section>
  );
}

const GRID_COLUMNS = {
  4: "grid gap-3 sm:grid-cols-2 lg:grid-cols-4",
  6: "grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6",
} as const;

/** A row of figure tiles, as a description list: each tile's label is its term. */
export function StatGrid({ columns = 4, children }: { columns?: keyof typeof GRID_COLUMNS; children: ReactNode }) {
  return <dl className={GRID_COLUMNS[columns]}>{children}</dl>;
}

/** One figure in a tile: a small label over a large value, with optional detail (a bar, a line) under it. Use inside `StatGrid`. */
export function StatTile({ label, value, testId, children }: { label: string; value: ReactNode; testId?: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white px-4 py-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-1">
        <span className="text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
          {value}
        </span>
        {children}
      </dd>
    </div>
  );
}

/** What a page or section shows when it has nothing to list yet. */
export function EmptyState({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600" data-testid={testId}>
      {children}
    </p>
  );
}
