import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { MenuCloser } from "./menu-closer";
import { ROLE_LABELS, type SessionUser } from "@/lib/auth/roles";

const LINK = "inline-flex min-h-11 items-center rounded-lg px-3 text-slate-700 hover:bg-slate-100";

function links(user: SessionUser): { href: string; label: string }[] {
  const staff = user.role === "ADMIN" || user.role === "INSTRUCTOR";
  return [
    { href: "/", label: "Course" },
    { href: "/progress", label: "Progress" },
    { href: "/review", label: "Review plan" },
    ...(staff
      ? [
          { href: "/instructor", label: "Instructor" },
          { href: "/instructor/questions", label: "Questions" },
        ]
      : []),
    ...(user.role === "ADMIN" ? [{ href: "/admin/users", label: "Admin" }] : []),
    { href: "/account", label: "Account" },
  ];
}

/**
 * The site's header. From a tablet up the links sit in a row; on a phone they fold into a Menu (a
 * native disclosure: no script, keyboard and screen readers included), so the header stays one line.
 */
export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-2 sm:py-3">
        <Link href="/" className="flex min-h-11 items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white">
            ML
          </span>
          <span className="sr-only sm:not-sr-only">AI/ML Systems</span>
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="hidden items-center gap-1 text-sm lg:flex">
              {links(user).map((link) => (
                <Link key={link.href} href={link.href} className={LINK}>
                  {link.label}
                </Link>
              ))}
              <span className="ml-2 text-slate-600" data-testid="current-user">
                {user.name} <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{ROLE_LABELS[user.role]}</span>
              </span>
              <SignOutButton />
            </nav>
            <MenuCloser />
            <details className="site-menu relative lg:hidden">
              <summary className="inline-flex min-h-11 cursor-pointer list-none items-center rounded-lg border border-slate-300 px-3 text-sm font-medium text-slate-800">
                Menu
              </summary>
              <nav
                aria-label="Main"
                className="absolute right-0 z-30 mt-2 flex w-56 flex-col rounded-xl border border-slate-200 bg-white p-2 text-sm shadow-lg"
              >
                <p className="px-3 py-2 text-slate-600">
                  {user.name} <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{ROLE_LABELS[user.role]}</span>
                </p>
                {links(user).map((link) => (
                  <Link key={link.href} href={link.href} className={LINK}>
                    {link.label}
                  </Link>
                ))}
                <SignOutButton className="justify-start px-3" />
              </nav>
            </details>
          </>
        ) : (
          <nav aria-label="Main" className="flex items-center gap-1 text-sm">
            <Link href="/sign-in" className={LINK}>
              Sign in
            </Link>
            <Link href="/sign-up" className="inline-flex min-h-11 items-center rounded-lg bg-indigo-600 px-3 font-medium text-white hover:bg-indigo-700">
              Sign up
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
