import { Table } from "@/components/ui/table";
import { formatValue, type LineChartProps, type ValueFormat } from "./line-chart-props";
import { LineChart } from "./line-chart";

export type { ChartSeries, LineChartProps, ValueFormat } from "./line-chart-props";

/** A column shown in the table only (counts, intervals), one value per x label. */
export interface TableColumn {
  label: string;
  values: (string | number | null)[];
  /** How a number in it is written (default: as is). */
  format?: ValueFormat;
}

export interface LineChartWithTableProps extends LineChartProps {
  /** What the figure shows: the table's caption, and the chart's name. */
  caption: string;
  extraColumns?: TableColumn[];
  /** Written in the table where a value is missing. */
  emptyCell?: string;
  testId?: string;
}

/**
 * A line chart and its table twin: the same numbers as an accessible `<table>` (the chart itself is
 * hidden from screen readers). Renders on the server; only the chart is a client leaf, loaded after the page.
 */
export function LineChartWithTable(props: LineChartWithTableProps) {
  const { caption, extraColumns = [], emptyCell = "—", testId, ...chart } = props;
  const { xTitle, xLabels, series, yFormat, referenceLine, diagonal } = chart;
  const cell = (value: string | number | null, format?: ValueFormat) =>
    value === null ? emptyCell : typeof value === "number" && format ? formatValue(value, format) : String(value);
  return (
    <figure className="space-y-3" data-testid={testId}>
      <LineChart {...chart} />
      {referenceLine || diagonal ? (
        <p className="text-xs text-slate-600">
          {referenceLine ? `Dashed grey line: ${referenceLine.label}, ${formatValue(referenceLine.y, yFormat)}. ` : null}
          {diagonal ? `Dotted diagonal: ${diagonal}.` : null}
        </p>
      ) : null}
      <Table
        caption={caption}
        variant="card"
        head={
          <>
            <th scope="col" className="px-3 py-2">
              {xTitle}
            </th>
            {[...series.map((s) => s.label), ...extraColumns.map((c) => c.label)].map((label) => (
              <th key={label} scope="col" className="px-3 py-2 text-right">
                {label}
              </th>
            ))}
          </>
        }
      >
        {xLabels.map((label, i) => (
          <tr key={`${label}-${i}`} className="border-t border-slate-100">
            <th scope="row" className="px-3 py-1.5 font-medium text-slate-900">
              {label}
            </th>
            {series.map((s) => (
              <td key={s.key} className="px-3 py-1.5 text-right tabular-nums">
                {cell(s.values[i] ?? null, yFormat)}
              </td>
            ))}
            {extraColumns.map((c) => (
              <td key={c.label} className="px-3 py-1.5 text-right tabular-nums">
                {cell(c.values[i] ?? null, c.format)}
              </td>
            ))}
          </tr>
        ))}
      </Table>
    </figure>
  );
}
