"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { updateUserAccessAction } from "@/lib/admin/actions";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

interface Props {
  user: { id: string; name: string; role: (typeof ROLES)[number]; cohortId: string | null };
  cohorts: { id: string; name: string }[];
  isSelf: boolean;
}

/** One row's role and cohort controls; each row saves on its own. */
export function UserAccessForm({ user, cohorts, isSelf }: Props) {
  const [result, formAction, pending] = useActionState(resilient(updateUserAccessAction), null);
  const statusId = `access-status-${user.id}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-describedby={statusId}>
      <input type="hidden" name="userId" value={user.id} />
      <label className="sr-only" htmlFor={`role-${user.id}`}>
        Role of {user.name}
      </label>
      <select
        id={`role-${user.id}`}
        name="role"
        defaultValue={user.role}
        disabled={isSelf}
        title={isSelf ? "You cannot change your own role." : undefined}
        className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-100"
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      {isSelf ? <input type="hidden" name="role" value={user.role} /> : null}
      <label className="sr-only" htmlFor={`cohort-${user.id}`}>
        Cohort of {user.name}
      </label>
      <select
        id={`cohort-${user.id}`}
        name="cohortId"
        defaultValue={user.cohortId ?? ""}
        className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">No cohort</option>
        {cohorts.map((cohort) => (
          <option key={cohort.id} value={cohort.id}>
            {cohort.name}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" pending={pending} className="px-3 py-1.5">
        Save<span className="sr-only"> {user.name}</span>
      </Button>
      <span id={statusId} role="status" className={`text-xs ${result && !result.ok ? "text-red-700" : "text-emerald-700"}`}>
        {result ? result.message : ""}
      </span>
    </form>
  );
}
