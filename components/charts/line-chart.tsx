"use client";

import dynamic from "next/dynamic";
import type { LineChartProps } from "./line-chart-props";

// The chart library loads after the page, in the browser only: the table twin carries the numbers
// meanwhile, and the page's first paint does not wait for it.
const Drawing = dynamic(() => import("./line-chart-drawing").then((m) => m.LineChartDrawing), {
  ssr: false,
  loading: () => <div className="h-64 w-full animate-pulse rounded-xl bg-slate-100" aria-hidden="true" />,
});

/** The chart of a LineChartWithTable (a client leaf). */
export function LineChart(props: LineChartProps) {
  return <Drawing {...props} />;
}
