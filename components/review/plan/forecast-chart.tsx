import { LineChartWithTable } from "@/components/charts/line-chart-with-table";
import type { ForecastSeries } from "@/lib/review/forecast";

const COLORS = ["#64748b", "#4f46e5", "#0d9488"];

/** Reviews a day for the next 30 days at the chosen retention and its neighbours, with its table twin. */
export function ForecastChart({ forecast, chosen, today }: { forecast: ForecastSeries[]; chosen: number; today: string }) {
  const start = new Date(`${today}T00:00:00Z`).getTime();
  const labels = forecast[0]!.perDay.map((_, day) =>
    new Date(start + day * 86_400_000).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }),
  );
  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-4 text-sm" data-testid="forecast-totals">
        {forecast.map((series) => (
          <li key={series.retention}>
            <span className="font-semibold">{Math.round(series.retention * 100)} %</span>
            {series.retention === chosen ? " (yours)" : ""}: about {series.total} reviews in 30 days
          </li>
        ))}
      </ul>
      <LineChartWithTable
        caption="Reviews a day over the next 30 days, by desired retention"
        xTitle="Day"
        xLabels={labels}
        series={forecast.map((series, i) => ({
          key: `r${Math.round(series.retention * 100)}`,
          label: `${Math.round(series.retention * 100)} %${series.retention === chosen ? " (yours)" : ""}`,
          values: series.perDay,
          color: series.retention === chosen ? COLORS[1] : COLORS[i === 0 ? 0 : 2],
          dashed: series.retention !== chosen,
        }))}
        yTitle="Reviews"
        yFormat={{ kind: "number", digits: 1 }}
        testId="forecast"
      />
    </div>
  );
}
