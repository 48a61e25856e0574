"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { signOutEverywhere } from "@/lib/auth/actions";

/**
 * "Sign out on all devices", in two steps: the first button explains what will happen and asks to
 * confirm (this browser is signed out too), the second does it. Focus moves to the confirmation so a
 * keyboard or screen-reader user lands on it; Cancel returns focus to the first button.
 */
export function SignOutEverywhere() {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) startRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await resilient(signOutEverywhere)(null, {});
      if (!result.ok) {
        setError(result.message);
        return;
      }
      router.replace("/sign-in?signedOut=all");
      router.refresh();
    });
  }

  if (!confirming) {
    return (
      <Button ref={startRef} type="button" variant="secondary" onClick={() => setConfirming(true)}>
        Sign out on all devices
      </Button>
    );
  }
  return (
    <div role="group" aria-labelledby="sign-out-everywhere-question" className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4">
      <p id="sign-out-everywhere-question" className="text-sm text-amber-900">
        This ends every session of your account: on other computers and phones, and in this browser too. You will need to sign in again.
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button ref={confirmRef} type="button" variant="danger" pending={pending} onClick={confirm}>
          {pending ? "Signing out everywhere…" : "Yes, sign out everywhere"}
        </Button>
        <Button type="button" variant="ghost" disabled={pending} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
