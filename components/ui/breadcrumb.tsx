import Link from "next/link";
import type { ReactNode } from "react";

/** The way back up: links to the pages above this one, then this page's own name. */
export function Breadcrumb({ trail, current }: { trail: readonly { href: string; label: ReactNode }[]; current: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
      {trail.map((step, i) => (
        <span key={i}>
          <Link href={step.href} className="hover:underline">
            {step.label}
          </Link>
          <span aria-hidden="true"> / </span>
        </span>
      ))}
      <span>{current}</span>
    </nav>
  );
}
