"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { createCohortAction } from "@/lib/admin/actions";

export function CreateCohortForm() {
  const [result, formAction, pending] = useActionState(resilient(createCohortAction), null);
  const error = result && !result.ok ? (result.fieldErrors?.name?.join(" ") ?? result.message) : null;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="cohort-name" className="block text-sm font-medium text-slate-800">
          New cohort
        </label>
        <input
          id="cohort-name"
          name="name"
          required
          maxLength={80}
          placeholder="e.g. Spring 2027"
          aria-invalid={error ? true : undefined}
          aria-describedby="cohort-status"
          className="mt-1 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm"
        />
      </div>
      <Button type="submit" variant="secondary" pending={pending}>
        Add cohort
      </Button>
      <span id="cohort-status" role="status" className={`text-sm ${error ? "text-red-700" : "text-emerald-700"}`}>
        {error ?? (result?.ok ? result.message : "")}
      </span>
    </form>
  );
}
