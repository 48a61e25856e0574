import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <div className="mx-auto mt-6 w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">{children}</div>;
}
