"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signUp } from "@/lib/auth/actions";
import type { ActionResult } from "@/lib/actions/safe-action";

export function SignUpForm() {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ email: string }> | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await signUp(null, form);
      setResult(outcome);
      if (!outcome.ok) return;
      const signedIn = await signIn("credentials", {
        email: outcome.data.email,
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (signedIn?.ok && !signedIn.error) {
        router.replace("/");
        router.refresh();
      } else {
        router.replace("/sign-in?created=1");
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {result && !result.ok ? <Alert tone="error">{result.message}</Alert> : null}
      <Field label="Name" name="name" autoComplete="name" required errors={fieldErrors.name} autoFocus />
      <Field label="Email" name="email" type="email" autoComplete="email" required errors={fieldErrors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters. A short sentence is easy to remember and hard to guess."
        errors={fieldErrors.password}
      />
      <Field label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" required errors={fieldErrors.confirmPassword} />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
