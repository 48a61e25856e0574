// Two versions of a question side by side, field by field: a text's words removed (<del>) and added
// (<ins>), struck through and underlined as well as coloured, and a value's old and new whole.
import { Table } from "@/components/ui/table";
import type { FieldDiff } from "@/lib/question-editor/diff";

const STATUS: Record<FieldDiff["status"], string> = { same: "unchanged", changed: "changed", added: "added", removed: "removed" };

function Words({ row }: { row: FieldDiff }) {
  if (row.words)
    return (
      <span className="whitespace-pre-wrap">
        {row.words.map((part, i) =>
          part.kind === "added" ? (
            <ins key={i} className="bg-emerald-100 text-emerald-950 underline decoration-2">
              {part.value}
            </ins>
          ) : part.kind === "removed" ? (
            <del key={i} className="bg-red-100 text-red-950 line-through decoration-2">
              {part.value}
            </del>
          ) : (
            <span key={i}>{part.value}</span>
          ),
        )}
      </span>
    );
  return (
    <span>
      {row.before !== null && row.before !== "" ? <del className="bg-red-100 text-red-950 line-through decoration-2">{row.before}</del> : null}
      {row.before !== null && row.before !== "" && row.after !== null ? " → " : null}
      {row.after !== null ? <ins className="bg-emerald-100 text-emerald-950 underline decoration-2">{row.after}</ins> : null}
    </span>
  );
}

export function VersionDiff({ a, b, rows, showSame }: { a: number; b: number; rows: FieldDiff[]; showSame: boolean }) {
  const changed = rows.filter((r) => r.status !== "same");
  const shown = showSame ? rows : changed;
  if (a === b) return <p className="text-sm text-slate-600">Choose two different versions to compare.</p>;
  return (
    <Table
      testId="version-diff"
      caption={`Version ${a} → version ${b}: ${changed.length === 0 ? "no field changed" : `${changed.length} field${changed.length === 1 ? "" : "s"} changed`}. Removed words are struck through, added ones underlined.`}
      head={
        <>
          <th scope="col" className="px-4 py-2">
            Field
          </th>
          <th scope="col" className="px-4 py-2">
            Change
          </th>
          <th scope="col" className="px-4 py-2">
            Version {a} → {b}
          </th>
        </>
      }
    >
      {shown.map((row) => (
        <tr key={row.key} className="border-t border-slate-100 align-top">
          <th scope="row" className="px-4 py-2 font-medium whitespace-nowrap">
            {row.label}
          </th>
          <td className="px-4 py-2 text-slate-700">{STATUS[row.status]}</td>
          <td className="px-4 py-2">{row.status === "same" ? <span className="whitespace-pre-wrap text-slate-700">{row.after}</span> : <Words row={row} />}</td>
        </tr>
      ))}
    </Table>
  );
}
