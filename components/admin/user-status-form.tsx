"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { setUserDisabledAction } from "@/lib/admin/actions";

interface Props {
  user: { id: string; name: string; email: string; disabled: boolean };
  isSelf: boolean;
}

/**
 * One row's "Disable"/"Enable" control. The button names the person by name and email for screen
 * readers, since look-alike names are possible and staff act on the account, not the label.
 */
export function UserStatusForm({ user, isSelf }: Props) {
  const [result, formAction, pending] = useActionState(resilient(setUserDisabledAction), null);
  const disabled = result?.ok ? result.data.disabled : user.disabled;
  const statusId = `status-message-${user.id}`;
  if (isSelf) return <span className="text-xs text-slate-500">You cannot disable your own account.</span>;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-describedby={statusId}>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <Button type="submit" variant={disabled ? "secondary" : "danger"} pending={pending} className="px-3 py-1.5">
        {disabled ? "Enable" : "Disable"}
        <span className="sr-only">
          {" "}
          {user.name} ({user.email})
        </span>
      </Button>
      <span id={statusId} role="status" className={`text-xs ${result && !result.ok ? "text-red-700" : "text-emerald-700"}`}>
        {result ? result.message : ""}
      </span>
    </form>
  );
}
