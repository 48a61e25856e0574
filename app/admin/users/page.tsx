import type { Metadata } from "next";
import Link from "next/link";
import { CreateCohortForm } from "@/components/admin/create-cohort-form";
import { UserAccessForm } from "@/components/admin/user-access-form";
import { UserStatusForm } from "@/components/admin/user-status-form";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { listCohorts, listUsers } from "@/lib/admin/data";
import { userListFilter } from "@/lib/admin/schemas";
import { ADMIN_ROLES, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcDay } from "@/lib/dates";
import { firstSearchParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireViewer({ roles: ADMIN_ROLES, returnTo: "/admin/users" });
  const raw = await searchParams;
  const filter = userListFilter.parse({ q: firstSearchParam(raw.q), role: firstSearchParam(raw.role), page: firstSearchParam(raw.page) });
  const [{ users, total, page, pageCount }, cohorts] = await Promise.all([listUsers(admin, filter), listCohorts(admin)]);
  const pageHref = (p: number) =>
    `/admin/users?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), ...(filter.role ? { role: filter.role } : {}), page: String(p) })}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <nav aria-label="Admin" className="flex gap-3 text-sm">
            <span aria-current="page" className="font-medium">
              Users
            </span>
            <Link href="/admin/imports" className="text-indigo-700 hover:underline">
              Imports
            </Link>
          </nav>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight">Users</h1>
          <p className="mt-1 text-slate-600">
            Change a person&apos;s role or cohort, or disable their account. A new role or a disabled account signs them out on every device at once.
          </p>
        </div>
        <CreateCohortForm />
      </div>

      <form role="search" className="flex flex-wrap items-end gap-2" action="/admin/users">
        <div>
          <label htmlFor="q" className="block text-sm font-medium text-slate-800">
            Search
          </label>
          <input
            id="q"
            name="q"
            defaultValue={filter.q ?? ""}
            placeholder="Name or email"
            className="mt-1 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm"
          />
        </div>
        <div>
          <label htmlFor="role-filter" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <select
            id="role-filter"
            name="role"
            defaultValue={filter.role ?? ""}
            className="mt-1 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All roles</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses("secondary", "py-1.5")}>
          Filter
        </button>
      </form>

      {users.length === 0 ? (
        <EmptyState>No users match this search.</EmptyState>
      ) : (
        <Table
          variant="list"
          hideCaption
          caption={`Users, newest first (${total} in all)`}
          head={
            <>
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3">
                Email
              </th>
              <th scope="col" className="px-4 py-3">
                Joined
              </th>
              <th scope="col" className="px-4 py-3">
                Role and cohort
              </th>
              <th scope="col" className="px-4 py-3">
                Account
              </th>
            </>
          }
        >
          {users.map((user) => (
            <tr key={user.id} data-testid={`user-row-${user.email}`}>
              <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                {user.name}
                {user.id === admin.id ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
                {user.disabledAt ? <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-normal text-red-800">Disabled</span> : null}
              </th>
              <td className="px-4 py-3 text-slate-700">{user.email}</td>
              <td className="px-4 py-3 text-slate-600">
                <time dateTime={user.createdAt.toISOString()}>{formatUtcDay(user.createdAt)}</time>
              </td>
              <td className="px-4 py-3">
                <UserAccessForm
                  user={{ id: user.id, name: user.name, role: user.role, cohortId: user.cohort?.id ?? null }}
                  cohorts={cohorts.map(({ id, name }) => ({ id, name }))}
                  isSelf={user.id === admin.id}
                />
              </td>
              <td className="px-4 py-3">
                <UserStatusForm user={{ id: user.id, name: user.name, email: user.email, disabled: user.disabledAt !== null }} isSelf={user.id === admin.id} />
              </td>
            </tr>
          ))}
        </Table>
      )}

      {pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          <span className="text-slate-600">
            Page {page} of {pageCount} · {total} users
          </span>
          <span className="flex gap-2">
            {page > 1 ? (
              <Link className={buttonClasses("secondary")} href={pageHref(page - 1)}>
                Previous
              </Link>
            ) : null}
            {page < pageCount ? (
              <Link className={buttonClasses("secondary")} href={pageHref(page + 1)}>
                Next
              </Link>
            ) : null}
          </span>
        </nav>
      ) : (
        <p className="text-sm text-slate-600">
          {total} {total === 1 ? "user" : "users"}
        </p>
      )}
    </div>
  );
}
