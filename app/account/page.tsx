import type { Metadata } from "next";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { Section } from "@/components/ui/section";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireViewer({ returnTo: "/account" });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
      <Section variant="card" id="account-details" title="Details" className="space-y-3">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600">Name</dt>
          <dd data-testid="account-name">{user.name}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd data-testid="account-email">{user.email}</dd>
          <dt className="text-slate-600">Role</dt>
          <dd data-testid="account-role">{ROLE_LABELS[user.role]}</dd>
        </dl>
      </Section>
      <Section
        variant="card"
        id="account-sessions"
        title="Sessions"
        description="Signed in on a shared or lost device? Signing out on all devices ends every session of your account at once, this one included."
        className="space-y-3"
      >
        <SignOutEverywhere />
      </Section>
    </div>
  );
}
