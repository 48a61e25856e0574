import type { Metadata } from "next";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
      <section aria-labelledby="account-details" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="account-details" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600">Name</dt>
          <dd data-testid="account-name">{user.name}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd data-testid="account-email">{user.email}</dd>
          <dt className="text-slate-600">Role</dt>
          <dd data-testid="account-role">{ROLE_LABELS[user.role]}</dd>
        </dl>
      </section>
      <section aria-labelledby="account-sessions" className="space-y-3 rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="account-sessions" className="text-lg font-semibold">
          Sessions
        </h2>
        <p className="text-sm text-slate-600">
          Signed in on a shared or lost device? Signing out on all devices ends every session of your account at once, this one included.
        </p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
