"use client";

import Link from "next/link";
import { Fragment, useMemo, useState } from "react";
import { SORT_DIRECTION_WORDS, SortableHeader, Table, type SortDirection } from "@/components/ui/table";
import type { RowStat, SlotStat } from "@/lib/analytics/describe";

type SortKey = "position" | "n" | "facility" | "sd" | "discrimination" | "efficiency" | "flags";

const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: "position", label: "#", title: "Position in the quiz" },
  { key: "n", label: "N", title: "Attempts that answered" },
  { key: "facility", label: "Facility", title: "Mean mark as % of the maximum, with its 95% Wilson interval" },
  { key: "sd", label: "SD", title: "Standard deviation of the mark, % of the maximum" },
  { key: "discrimination", label: "Discrimination", title: "Corrected item-rest correlation × 100, with its 95% Fisher-z interval" },
  { key: "efficiency", label: "Disc. efficiency", title: "Discrimination as % of the most the mark and rest-score distributions allow" },
  { key: "flags", label: "Flags", title: "Warnings (only with enough responses)" },
];

const fmt = (v: number | null, digits = 1) => (v === null ? "—" : v.toFixed(digits));
const interval = (v: [number, number] | null) => (v ? `${v[0].toFixed(0)}–${v[1].toFixed(0)}` : null);

function value(row: SlotStat, key: SortKey): number | null {
  if (key === "flags") return row.flags.length;
  return row[key];
}

function Cells({ row }: { row: RowStat }) {
  return (
    <>
      <td className="px-3 py-2 text-right tabular-nums">{row.n}</td>
      <td className="px-3 py-2 text-right tabular-nums">
        {fmt(row.facility)}
        {row.facilityInterval ? <span className="block text-xs text-slate-600">{interval(row.facilityInterval)}</span> : null}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{fmt(row.sd)}</td>
      <td className="px-3 py-2 text-right tabular-nums">
        {fmt(row.discrimination)}
        {row.discriminationInterval ? <span className="block text-xs text-slate-600">{interval(row.discriminationInterval)}</span> : null}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{fmt(row.efficiency)}</td>
      <td className="px-3 py-2">
        {row.flags.length === 0 ? (
          <span className="text-slate-500">—</span>
        ) : (
          <ul className="space-y-1">
            {row.flags.map((flag, i) => (
              <li key={i} title={flag.detail} className="inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                {flag.label}
              </li>
            ))}
          </ul>
        )}
      </td>
    </>
  );
}

/** One row per slot, sortable by any figure, with each slot's variants on demand. */
export function StatsTable({ slots, quizId, query, caption }: { slots: SlotStat[]; quizId: string; query: string; caption: string }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDirection }>({ key: "position", dir: "asc" });
  const [open, setOpen] = useState<Set<string>>(new Set());
  const sorted = useMemo(() => {
    const sign = sort.dir === "asc" ? 1 : -1;
    return [...slots].sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      if (x === null && y !== null) return 1;
      if (y === null && x !== null) return -1;
      return (x === null || y === null ? 0 : sign * (x - y)) || a.position - b.position;
    });
  }, [slots, sort]);
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const sortLabel = COLUMNS.find((c) => c.key === sort.key)!.label;
  return (
    <Table
      testId="stats-table"
      caption={`${caption} Sorted by ${sortLabel === "#" ? "position" : sortLabel.toLowerCase()}, ${SORT_DIRECTION_WORDS[sort.dir]}.`}
      head={
        <>
          {COLUMNS.slice(0, 1).map((c) => (
            <SortHeader key={c.key} column={c} sort={sort} onSort={setSort} />
          ))}
          <th scope="col" className="px-3 py-2">
            Question
          </th>
          {COLUMNS.slice(1).map((c) => (
            <SortHeader key={c.key} column={c} sort={sort} onSort={setSort} />
          ))}
        </>
      }
    >
      {sorted.map((slot) => (
        <Fragment key={slot.slotId}>
          <tr className="border-t border-slate-100 align-top" data-testid="slot-row">
            <td className="px-3 py-2 tabular-nums text-slate-600">{slot.position + 1}</td>
            <th scope="row" className="max-w-md px-3 py-2 font-normal">
              <Link href={`/instructor/quizzes/${quizId}/slots/${slot.slotId}${query}`} className="font-medium text-slate-900 hover:underline">
                {slot.title}
              </Link>
              {slot.variants.length > 1 ? (
                <button
                  type="button"
                  onClick={() => toggle(slot.slotId)}
                  aria-expanded={open.has(slot.slotId)}
                  className="mt-1 block text-xs font-medium text-indigo-700 hover:underline"
                >
                  {open.has(slot.slotId) ? "Hide" : "Show"} {slot.variants.length} variants
                </button>
              ) : null}
            </th>
            <Cells row={slot} />
          </tr>
          {open.has(slot.slotId)
            ? slot.variants.map((variant, i) => (
                <tr key={variant.variantKey} className="border-t border-dashed border-slate-100 bg-slate-50 align-top" data-testid="variant-row">
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {slot.position + 1}
                    {String.fromCharCode(97 + i)}
                  </td>
                  <th scope="row" className="max-w-md px-3 py-2 pl-6 text-xs font-normal text-slate-700">
                    {variant.title}
                  </th>
                  <Cells row={variant} />
                </tr>
              ))
            : null}
        </Fragment>
      ))}
    </Table>
  );
}

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  sort: { key: SortKey; dir: SortDirection };
  onSort: (s: { key: SortKey; dir: SortDirection }) => void;
}) {
  const active = sort.key === column.key;
  return (
    <SortableHeader
      label={column.label}
      title={column.title}
      direction={active ? sort.dir : null}
      onSort={() => onSort({ key: column.key, dir: active ? (sort.dir === "asc" ? "desc" : "asc") : column.key === "position" ? "asc" : "desc" })}
      numeric={column.key !== "position" && column.key !== "flags"}
    />
  );
}
