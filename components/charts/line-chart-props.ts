// A line chart's props and how its numbers are written (on its axes, in its tooltip and in its table
// twin). Plain data, no functions: a Server Component passes them to the chart, a client component.

export type ValueFormat = { kind: "percent"; digits?: number } | { kind: "number"; digits?: number; unit?: string };

/** "87%" / "87.5%" for a share (0.875); "12" / "1.5 d" for a number. */
export function formatValue(value: number, format: ValueFormat): string {
  if (format.kind === "percent") return `${(value * 100).toFixed(format.digits ?? 0)}%`;
  const text = value.toFixed(format.digits ?? 0);
  return format.unit ? `${text} ${format.unit}` : text;
}

export interface ChartSeries {
  /** A stable id for the series (unique within the chart). */
  key: string;
  /** Its name in the legend, the tooltip and the table's column header. */
  label: string;
  /** One value per x label; null where there is none (the line has a gap there). */
  values: (number | null)[];
  /** A CSS colour (default: the palette, in order). */
  color?: string;
  dashed?: boolean;
}

/** What a line chart draws: its points, axes and lines. */
export interface LineChartProps {
  /** The x axis's title and the table's first column header. */
  xTitle: string;
  /** One per point, in order: the category axis's ticks and the table's row headers. */
  xLabels: string[];
  /** Numeric positions for the points (one per label): the x axis becomes a number line. */
  xValues?: number[];
  xFormat?: ValueFormat;
  xDomain?: [number, number];
  series: ChartSeries[];
  yTitle: string;
  yFormat: ValueFormat;
  yDomain?: [number, number];
  /** A horizontal line across the chart (a target), also stated under it in words. */
  referenceLine?: { y: number; label: string };
  /** Draws y = x with this label (numeric x only): a calibration chart's "perfect" line. */
  diagonal?: string;
}
