"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type LineChartProps } from "./line-chart-props";

const PALETTE = ["#4f46e5", "#0d9488", "#d97706", "#db2777", "#475569"];

/** The recharts drawing; hidden from screen readers, whose table twin has the same numbers. */
export function LineChartDrawing({ xTitle, xLabels, xValues, xFormat, xDomain, series, yTitle, yFormat, yDomain, referenceLine, diagonal }: LineChartProps) {
  const numeric = xValues !== undefined;
  const data = xLabels.map((label, i) => ({
    x: numeric ? xValues[i] : label,
    ...Object.fromEntries(series.map((s) => [s.key, s.values[i] ?? null])),
  }));
  const [low, high] = xDomain ?? yDomain ?? [0, 1];
  const formatX = (value: number | string) => (typeof value === "number" && xFormat ? formatValue(value, xFormat) : String(value));
  return (
    <div className="h-64 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 28, bottom: 20, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type={numeric ? "number" : "category"}
            domain={numeric ? (xDomain ?? ["auto", "auto"]) : undefined}
            tickFormatter={formatX}
            tick={{ fontSize: 11 }}
            label={{ value: xTitle, position: "insideBottom", offset: -12, fontSize: 11 }}
          />
          <YAxis
            domain={yDomain ?? ["auto", "auto"]}
            tickFormatter={(value: number) => formatValue(value, yFormat)}
            tick={{ fontSize: 11 }}
            width={48}
            label={{ value: yTitle, angle: -90, position: "insideLeft", fontSize: 11 }}
          />
          <Tooltip
            formatter={(value) => (typeof value === "number" ? formatValue(value, yFormat) : String(value ?? ""))}
            labelFormatter={(label) => formatX(label as number | string)}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
          {referenceLine ? <ReferenceLine y={referenceLine.y} stroke="#64748b" strokeDasharray="6 4" ifOverflow="extendDomain" /> : null}
          {diagonal && numeric ? (
            <ReferenceLine
              segment={[
                { x: low, y: low },
                { x: high, y: high },
              ]}
              stroke="#94a3b8"
              strokeDasharray="2 3"
            />
          ) : null}
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color ?? PALETTE[i % PALETTE.length]}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "5 4" : undefined}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
