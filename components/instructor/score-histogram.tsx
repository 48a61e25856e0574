"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** The distribution of attempt totals (one bar per whole mark). The same counts are in the table beside it for screen readers. */
export function ScoreHistogram({ bins }: { bins: { from: number; count: number }[] }) {
  return (
    <div className="h-56 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bins} margin={{ top: 8, right: 8, bottom: 16, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="from" tick={{ fontSize: 11 }} label={{ value: "Total mark", position: "insideBottom", offset: -8, fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
          <Tooltip formatter={(value) => [value, "attempts"]} labelFormatter={(label) => `Total ${label}`} />
          <Bar dataKey="count" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
