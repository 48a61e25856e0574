"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      className="whitespace-nowrap"
      pending={pending}
      onClick={() =>
        startTransition(async () => {
          await signOut({ redirect: false });
          router.replace("/sign-in?signedOut=1");
          router.refresh();
        })
      }
    >
      Sign out
    </Button>
  );
}
