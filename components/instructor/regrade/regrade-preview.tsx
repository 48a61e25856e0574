import { ActionButtonForm } from "@/components/ui/action-button-form";
import { Table } from "@/components/ui/table";
import { applyRegradeAction } from "@/lib/grading/actions";
import type { RegradePreview } from "@/lib/grading/regrade";

const marks = (x: number) => String(Number(x.toFixed(4)));
const signed = (x: number) => (x > 0 ? `+${marks(x)}` : marks(x));

/** The dry run: every attempt that would change, its old and new mark and total, and the mean before and after; then Apply. */
export function RegradePreviewView({ preview, idempotencyKey }: { preview: RegradePreview; idempotencyKey: string }) {
  const { changed, mean, request } = preview;
  return (
    <section aria-labelledby="dry-run" className="space-y-4">
      <h2 id="dry-run" className="text-xl font-semibold">
        Dry run
      </h2>
      <p className="text-sm" data-testid="regrade-summary">
        {changed.length} attempt{changed.length === 1 ? "" : "s"} would change; {preview.unchanged} would stay as{" "}
        {preview.unchanged === 1 ? "it is" : "they are"}. Mean total {marks(mean.before)} → {marks(mean.after)} ({signed(mean.after - mean.before)}), mean score{" "}
        {(mean.shareBefore * 100).toFixed(1)}% → {(mean.shareAfter * 100).toFixed(1)}%, over {preview.classAttempts} submitted attempt
        {preview.classAttempts === 1 ? "" : "s"}.
      </p>
      {preview.skipped.map((s) => (
        <p key={s.reason} className="text-sm text-slate-600">
          Left alone: {s.count} answer{s.count === 1 ? "" : "s"}, {s.reason}.
        </p>
      ))}
      {preview.inProgress > 0 ? (
        <p className="text-sm text-slate-600">
          {preview.inProgress} attempt{preview.inProgress === 1 ? " is" : "s are"} still in progress on this question:{" "}
          {preview.inProgress === 1 ? "it is" : "they are"} scored when submitted, with the version {preview.inProgress === 1 ? "it" : "they"} started with.
          Regrade again afterwards to include them.
        </p>
      ) : null}
      {changed.length > 0 ? (
        <Table
          caption="Attempts the regrade changes"
          testId="regrade-changes"
          head={
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Attempt</th>
              <th scope="col">Mark on this question</th>
              <th scope="col">Total</th>
              <th scope="col">Change</th>
            </tr>
          }
        >
          {changed.map((a) => (
            <tr key={a.attemptId}>
              <td>{a.student}</td>
              <td>{a.attemptNumber}</td>
              <td>
                {marks(a.oldMark)} → {marks(a.newMark)}
              </td>
              <td>
                {marks(a.oldScore)}/{marks(a.oldMaxScore)} → {marks(a.newScore)}/{marks(a.newMaxScore)}
              </td>
              <td>{signed(a.newScore - a.oldScore)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          Nothing to change: every attempt already has the mark this regrade would give.
        </p>
      )}
      {changed.length > 0 ? (
        <ActionButtonForm
          action={applyRegradeAction}
          fields={{ quizId: preview.quiz.id, slotId: preview.slot.id, mode: request.mode, target: request.target, idempotencyKey }}
          label={`Apply the regrade to ${changed.length} attempt${changed.length === 1 ? "" : "s"}`}
        />
      ) : null}
    </section>
  );
}
