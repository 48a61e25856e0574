import { LineChartWithTable } from "@/components/charts/line-chart-with-table";
import { EmptyState, Section, StatGrid, StatTile } from "@/components/ui/section";
import { MATURE_INTERVAL_DAYS, type DeckRetention, type RatePoint } from "@/lib/review/retention/measures";

const pct = (value: number) => `${Math.round(value * 100)}%`;
const range = ([low, high]: [number, number]) => `${pct(low)}–${pct(high)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const MATURE_LABEL = `Mature cards (interval ≥ ${MATURE_INTERVAL_DAYS} days)`;
const YOUNG_LABEL = `Young cards (interval < ${MATURE_INTERVAL_DAYS} days)`;

interface Audience {
  /** The retention line: the student's choice now, or the class's mean. */
  desired: number;
  desiredLabel: string;
  /** A class view: figures from fewer students are withheld. */
  minStudents?: number;
  /** "you" or "students", in sentences. */
  who: "you" | "students";
}

function rateOf(point: RatePoint): number | null {
  return point.hidden ? null : point.rate;
}

function reviewsOf(point: RatePoint, minStudents: number | undefined): string | number {
  return point.hidden ? `withheld (under ${minStudents} students)` : point.reviews;
}

function PointTile({ label, point, minStudents, testId }: { label: string; point: RatePoint; minStudents?: number; testId: string }) {
  const value = point.hidden ? "Withheld" : point.rate === null ? "No reviews yet" : pct(point.rate);
  return (
    <StatTile label={label} value={value} testId={testId}>
      <p className="mt-1 text-xs text-slate-600">
        {point.hidden
          ? `Fewer than ${minStudents} students reviewed these.`
          : `${plural(point.reviews, "review")}${point.interval ? `; 95% interval ${range(point.interval)}` : ""}${point.students !== null ? `; at least ${plural(point.students, "student")}` : ""}`}
      </p>
    </StatTile>
  );
}

/** The headline sentence: the mature figure once there are enough mature reviews, else what is missing. */
function Headline({ retention, audience }: { retention: DeckRetention; audience: Audience }) {
  const { headline } = retention;
  const asked = pct(audience.desired);
  if (headline.kind === "mature")
    return (
      <p className="text-lg" data-testid="retention-headline">
        {audience.who === "you" ? "You" : "Students"} recalled <strong>{pct(headline.rate)}</strong> of {plural(headline.reviews, "mature review")} (95%
        interval {range(headline.interval)}), against {asked} asked for.
      </p>
    );
  if (headline.kind === "withheld")
    return (
      <p className="text-lg" data-testid="retention-headline">
        The mature figure is withheld: fewer than {audience.minStudents} students have mature reviews here.
      </p>
    );
  return (
    <p className="text-lg" data-testid="retention-headline">
      Not enough mature reviews yet: {headline.reviews} of the {headline.needed} needed. A card is mature once its interval reaches {MATURE_INTERVAL_DAYS} days;
      until then the young cards&apos; figure shows how {audience.who === "you" ? "you are" : "the class is"} doing.
    </p>
  );
}

function CalibrationFigure({ retention, audience }: { retention: DeckRetention; audience: Audience }) {
  const { calibration } = retention;
  if (calibration.hidden) return <EmptyState>Withheld: fewer than {audience.minStudents} students stand behind these predictions.</EmptyState>;
  if (calibration.bins.length === 0) return <EmptyState>No predictions to compare yet.</EmptyState>;
  const bins = calibration.bins;
  const shown = bins.flatMap((b) => (b.hidden ? [] : [b.meanPredicted, b.actual]));
  const low = Math.max(0, Math.floor(Math.min(...bins.map((b) => b.from), ...shown) * 10) / 10);
  return (
    <LineChartWithTable
      testId="calibration-chart"
      caption="Predicted against actual recall, by bin of predicted recall"
      xTitle="Predicted recall"
      xLabels={bins.map((b) => `${pct(b.from)}–${pct(b.to)}`)}
      xValues={bins.map((b) => (b.hidden ? (b.from + b.to) / 2 : b.meanPredicted))}
      xFormat={{ kind: "percent" }}
      xDomain={[low, 1]}
      series={[{ key: "actual", label: "Recalled", values: bins.map((b) => (b.hidden ? null : b.actual)) }]}
      yTitle="Recalled"
      yFormat={{ kind: "percent" }}
      yDomain={[low, 1]}
      diagonal="recalled exactly as often as predicted"
      extraColumns={[
        { label: "Predicted (mean)", values: bins.map((b) => (b.hidden ? null : b.meanPredicted)), format: { kind: "percent" } },
        { label: "Reviews", values: bins.map((b) => (b.hidden ? `withheld (under ${audience.minStudents} students)` : b.reviews)) },
        { label: "95% interval", values: bins.map((b) => (b.hidden ? null : range(b.interval))) },
      ]}
    />
  );
}

/** One deck's true retention (mature and young, week by week, beside the retention asked for) and calibration. */
export function RetentionFigures({ retention, audience }: { retention: DeckRetention; audience: Audience }) {
  const { weeks, calibration } = retention;
  return (
    <div className="space-y-8">
      <Headline retention={retention} audience={audience} />
      <StatGrid>
        <PointTile label={MATURE_LABEL} point={retention.mature} minStudents={audience.minStudents} testId="figure-mature" />
        <PointTile label={YOUNG_LABEL} point={retention.young} minStudents={audience.minStudents} testId="figure-young" />
        <StatTile label="Asked for" value={pct(audience.desired)} testId="figure-desired">
          <p className="mt-1 text-xs text-slate-600">{audience.desiredLabel}</p>
        </StatTile>
        <StatTile
          label="Calibration gap"
          value={calibration.hidden ? "Withheld" : calibration.error === null ? "—" : `${Math.round(calibration.error * 100)} points`}
          testId="figure-calibration"
        >
          {!calibration.hidden && calibration.meanPredicted !== null && calibration.actual !== null ? (
            <p className="mt-1 text-xs text-slate-600">
              Predicted {pct(calibration.meanPredicted)}, recalled {pct(calibration.actual)}, over {plural(calibration.reviews, "review")}
            </p>
          ) : null}
        </StatTile>
      </StatGrid>
      <Section
        id="retention-by-week"
        title="True retention, week by week"
        description={`The share of reviews of learned cards ${audience.who === "you" ? "you" : "students"} answered with anything but Again, per ISO week (from Monday, UTC). Learning steps do not count.`}
      >
        <LineChartWithTable
          testId="retention-chart"
          caption="True retention per week, mature and young cards, with the reviews behind each figure"
          xTitle="Week from"
          xLabels={weeks.map((w) => w.week)}
          series={[
            { key: "mature", label: "Mature", values: weeks.map((w) => rateOf(w.mature)) },
            { key: "young", label: "Young", values: weeks.map((w) => rateOf(w.young)), color: "#0d9488" },
          ]}
          yTitle="Recalled"
          yFormat={{ kind: "percent" }}
          yDomain={[0, 1]}
          referenceLine={{ y: audience.desired, label: audience.desiredLabel }}
          extraColumns={[
            { label: "Mature reviews", values: weeks.map((w) => reviewsOf(w.mature, audience.minStudents)) },
            { label: "Young reviews", values: weeks.map((w) => reviewsOf(w.young, audience.minStudents)) },
            { label: "Asked for", values: weeks.map((w) => w.desired), format: { kind: "percent" } },
          ]}
        />
      </Section>
      <Section
        id="calibration"
        title="Predicted against actual recall"
        description="Before each review FSRS predicts how likely a recall is. If the predictions are right, each bin's point lies on the diagonal; below it, recall was worse than predicted."
      >
        <CalibrationFigure retention={retention} audience={audience} />
      </Section>
    </div>
  );
}
