import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  const notice = params.created
    ? "Your account is ready. Sign in to continue."
    : params.signedOut === "all"
      ? "You have signed out on all devices."
      : params.signedOut
        ? "You have signed out."
        : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Welcome back. Pick up where you left off.</p>
      <SignInForm callbackUrl={callbackUrl} notice={notice} />
    </>
  );
}
