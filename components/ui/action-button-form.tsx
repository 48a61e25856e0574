"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";

type FormAction<T> = (previous: ActionResult<T> | null, input: FormData) => Promise<ActionResult<T>>;

/** A one-button form for a server action that takes hidden fields and redirects or revalidates the page on success. */
export function ActionButtonForm<T>({
  action,
  fields,
  label,
  variant = "primary",
  className,
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  label: string;
  variant?: "primary" | "secondary";
  className?: string;
}) {
  const [result, formAction, pending] = useActionState(resilient(action), null);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} pending={pending} className={className}>
        {label}
      </Button>
      {result && !result.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
