import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The one data table: a caption (every table names itself for screen readers), one header row and
 * a body. The variant picks the frame; cells stay with the caller because their padding and
 * alignment are part of each table's layout.
 */

const CARD = "overflow-x-auto rounded-xl border border-slate-200 bg-white";

const VARIANTS = {
  /** A table in its own white card, scrolling sideways on narrow screens. */
  card: {
    wrapper: CARD,
    table: "w-full text-left text-sm",
    caption: "px-4 pt-3 text-left text-sm",
    head: "text-xs uppercase tracking-wide text-slate-600",
    body: "",
  },
  /** A card whose header row is shaded and whose rows are divided (a list of records, such as users). */
  list: {
    wrapper: CARD,
    table: "w-full text-left text-sm",
    caption: "px-4 pt-3 text-left text-sm",
    head: "bg-slate-50 text-xs uppercase tracking-wide text-slate-600",
    body: "divide-y divide-slate-100",
  },
  /** A table inside a card or panel that already frames it. */
  inline: { wrapper: null, table: "w-full text-left text-sm", caption: "text-left text-sm", head: "text-xs uppercase text-slate-600", body: "" },
  /** A dense grid of small cells (a heat map) in a padded card. */
  grid: { wrapper: `${CARD} p-3`, table: "border-separate border-spacing-0.5 text-xs", caption: "text-left text-sm", head: "", body: "" },
  /** An unstyled table, such as the text alternative of a chart. */
  bare: { wrapper: null, table: "mt-2 text-left", caption: "text-left text-sm", head: "", body: "" },
} as const;

export type TableVariant = keyof typeof VARIANTS;

const CAPTION_TONES = {
  muted: "text-slate-600",
  title: "font-semibold text-slate-900",
  error: "font-medium text-red-800",
} as const;

export function Table({
  caption,
  captionTone = "muted",
  hideCaption = false,
  head,
  children,
  variant = "card",
  testId,
}: {
  /** What the table shows; read first by screen readers. */
  caption: ReactNode;
  captionTone?: keyof typeof CAPTION_TONES;
  /** Keep the caption for screen readers only (the heading or text around the table says it already). */
  hideCaption?: boolean;
  /** The header row's cells (`<th scope="col">` or `<SortableHeader>`). */
  head: ReactNode;
  /** The body's rows. */
  children: ReactNode;
  variant?: TableVariant;
  testId?: string;
}) {
  const style = VARIANTS[variant];
  const table = (
    <table className={style.table} data-testid={testId}>
      <caption className={hideCaption ? "sr-only" : `${style.caption} ${CAPTION_TONES[captionTone]}`}>{caption}</caption>
      <thead className={style.head || undefined}>
        <tr>{head}</tr>
      </thead>
      <tbody className={style.body || undefined}>{children}</tbody>
    </table>
  );
  return style.wrapper ? <div className={style.wrapper}>{table}</div> : table;
}

export type SortDirection = "asc" | "desc";

/** How a sort order is said in captions, matching the `aria-sort` values. */
export const SORT_DIRECTION_WORDS = { asc: "ascending", desc: "descending" } as const;

/**
 * A column header that sorts the table: a link (`href`, for server-sorted tables with `?sort=&dir=`)
 * or a button (`onSort`, for tables sorted in the browser). Only the sorted column carries `aria-sort`.
 */
export function SortableHeader({
  label,
  direction,
  href,
  onSort,
  title,
  numeric = false,
  className = "px-3 py-2",
}: {
  label: string;
  /** The column's current order, or null when the table is sorted by another column. */
  direction: SortDirection | null;
  href?: string;
  onSort?: () => void;
  title?: string;
  /** Right-align the header over a column of figures. */
  numeric?: boolean;
  /** The cell's padding, to match the body's cells. */
  className?: string;
}) {
  const content = (
    <>
      {label}
      <span aria-hidden="true">{direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}</span>
    </>
  );
  const control = "inline-flex items-center gap-1 uppercase hover:text-slate-900";
  return (
    <th scope="col" aria-sort={direction ? SORT_DIRECTION_WORDS[direction] : undefined} className={`${className}${numeric ? " text-right" : ""}`}>
      {href !== undefined ? (
        <Link href={href} title={title} className={control}>
          {content}
        </Link>
      ) : (
        <button type="button" title={title} onClick={onSort} className={control}>
          {content}
        </button>
      )}
    </th>
  );
}
