"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { signOutOfServer } from "@/lib/auth/sign-out-client";
import { clearDeviceCopies } from "@/lib/offline/device-copies";
import { unsentWork } from "@/lib/offline/unsent";

/** Work done offline and not sent yet: signing out removes it from the device, so ask first. */
async function confirmUnsent(): Promise<boolean> {
  const { ratings, answers } = await unsentWork().catch(() => ({ ratings: 0, answers: 0 }));
  const unsent = ratings + answers;
  return (
    unsent === 0 ||
    window.confirm(
      `${unsent === 1 ? "1 rating or answer" : `${unsent} ratings and answers`} made offline ${unsent === 1 ? "is" : "are"} not sent yet. Signing out removes ${unsent === 1 ? "it" : "them"} from this device. Sign out anyway?`,
    )
  );
}

export function SignOutButton({ className = "" }: { className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="ghost"
        className={`min-h-11 whitespace-nowrap ${className}`}
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            try {
              if (!(await confirmUnsent())) return;
              await signOutOfServer();
              // The device's copies of pages, audio and unsent work go with the session.
              await clearDeviceCopies();
              router.replace("/sign-in?signedOut=1");
              router.refresh();
            } catch (cause) {
              setError(cause instanceof Error ? cause.message : "The sign-out failed.");
            }
          })
        }
      >
        Sign out
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error} Check your connection and try again.
        </span>
      ) : null}
    </>
  );
}
