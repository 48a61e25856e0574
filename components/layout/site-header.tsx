import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ROLE_LABELS, type SessionUser } from "@/lib/auth/roles";

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white">
            ML
          </span>
          <span className="sr-only sm:not-sr-only">AI/ML Systems</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          {user ? (
            <>
              <Link href="/" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                Course
              </Link>
              <Link href="/progress" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                Progress
              </Link>
              <Link href="/review" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                Review plan
              </Link>
              {user.role === "ADMIN" || user.role === "INSTRUCTOR" ? (
                <>
                  <Link href="/instructor" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                    Instructor
                  </Link>
                  <Link href="/instructor/questions" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                    Questions
                  </Link>
                </>
              ) : null}
              {user.role === "ADMIN" ? (
                <Link href="/admin/users" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                  Admin
                </Link>
              ) : null}
              <Link href="/account" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                Account
              </Link>
              <span className="ml-2 hidden text-slate-600 sm:inline" data-testid="current-user">
                {user.name} <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{ROLE_LABELS[user.role]}</span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/sign-in" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded-lg bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-700">
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
