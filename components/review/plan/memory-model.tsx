import { ActionButtonForm } from "@/components/ui/action-button-form";
import { Table } from "@/components/ui/table";
import { requestRefitAction } from "@/lib/review/settings/actions";
import type { ReviewPlan } from "@/lib/review/settings/data";

const STATUS_WORDS = { ACCEPTED: "In use", REJECTED: "Not used", FAILED: "Failed" } as const;
const figure = (value: number | null) => (value === null ? "—" : value.toFixed(3));

/** The student's memory model: FSRS's defaults or their own fit, what it means, and every fit so far. */
export function MemoryModel({ plan }: { plan: ReviewPlan }) {
  return (
    <div className="space-y-3" data-testid="memory-model">
      {plan.inUse ? (
        <p>
          Your cards are scheduled with parameters fitted to your own reviews. <strong>{plan.inUse.effect}</strong>
        </p>
      ) : (
        <p>
          Your cards are scheduled with FSRS&apos;s average memory model.{" "}
          {plan.reviewsNeeded > 0
            ? `After ${plan.reviewsNeeded} more review${plan.reviewsNeeded === 1 ? "" : "s"} (${plan.reviews} of ${plan.minReviews}), it is fitted to your own memory.`
            : "You have enough reviews for your own fit: it runs in the background every few hundred reviews."}
        </p>
      )}
      {plan.reviewsNeeded === 0 ? <ActionButtonForm action={requestRefitAction} fields={{}} label="Fit my parameters now" variant="secondary" /> : null}
      {plan.fits.length > 0 ? (
        <Table
          caption="Fits of your parameters, newest first (judged on your latest reviews, which the fit did not see)"
          head={
            <>
              <th scope="col">When</th>
              <th scope="col">Reviews</th>
              <th scope="col">Verdict</th>
              <th scope="col">Log loss (default → yours)</th>
              <th scope="col">RMSE (default → yours)</th>
              <th scope="col">Why</th>
            </>
          }
        >
          {plan.fits.map((fit) => (
            <tr key={fit.id}>
              <td>{new Date(fit.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</td>
              <td>{fit.reviews}</td>
              <td>{STATUS_WORDS[fit.status]}</td>
              <td>
                {figure(fit.loglossDefault)} → {figure(fit.loglossPersonal)}
              </td>
              <td>
                {figure(fit.rmseDefault)} → {figure(fit.rmsePersonal)}
              </td>
              <td>{fit.reason}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </div>
  );
}
