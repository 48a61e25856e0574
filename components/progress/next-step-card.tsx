import Link from "next/link";
import type { NextStep } from "@/lib/progress/next-step";

/** The one recommended next step, with a link straight to it. */
export function NextStepCard({ step, compact = false }: { step: NextStep; compact?: boolean }) {
  return (
    <section
      aria-labelledby="next-step-title"
      className={`rounded-2xl border border-indigo-200 bg-indigo-50 ${compact ? "p-4" : "p-5 sm:p-6"}`}
      data-testid="next-step"
      data-kind={step.kind}
    >
      <p className="text-xs font-semibold uppercase tracking-wide text-indigo-800">Your next step</p>
      <h2 id="next-step-title" className={`mt-1 font-semibold text-slate-900 ${compact ? "text-base" : "text-xl"}`}>
        {step.title}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{step.detail}</p>
      {step.kind !== "done" ? (
        <Link href={step.href} className="mt-3 inline-flex rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
          Go <span className="sr-only">: {step.title}</span>
          <span aria-hidden="true" className="ml-1">
            →
          </span>
        </Link>
      ) : null}
    </section>
  );
}
