"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { signOutOfServer } from "@/lib/auth/sign-out-client";

export function SignOutButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="ghost"
        className="whitespace-nowrap"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            try {
              await signOutOfServer();
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
