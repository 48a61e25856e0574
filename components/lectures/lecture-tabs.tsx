"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface LectureTab {
  href: string;
  label: string;
  detail?: string;
}

export function LectureTabs({ tabs }: { tabs: LectureTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Lecture" className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => {
        // The Notes tab is the lecture's root; other tabs cover their sub-pages too.
        const current = pathname === tab.href || (tab.href.split("/").length > 3 && pathname.startsWith(`${tab.href}/`));
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2.5 sm:px-4 text-sm font-medium ${
              current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
            }`}
          >
            {tab.label}
            {tab.detail ? <span className="ml-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{tab.detail}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
