"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface LectureTab {
  href: string;
  label: string;
  detail?: string;
}

/**
 * The lecture's tabs. On a phone the counts are left out so that the five tabs fit; where they still
 * do not (a narrow screen, large text), the row scrolls, and a fade at its edge shows there is more.
 */
export function LectureTabs({ tabs }: { tabs: LectureTab[] }) {
  const pathname = usePathname();
  return (
    <div className="tab-row relative -mb-px border-b border-slate-200">
      <nav aria-label="Lecture" className="flex gap-0.5 overflow-x-auto sm:gap-1">
        {tabs.map((tab) => {
          // The Notes tab is the lecture's root; other tabs cover their sub-pages too.
          const current = pathname === tab.href || (tab.href.split("/").length > 3 && pathname.startsWith(`${tab.href}/`));
          return (
            <Link
              key={tab.href}
              href={tab.href}
              aria-current={current ? "page" : undefined}
              className={`inline-flex min-h-11 shrink-0 items-center whitespace-nowrap border-b-2 px-2.5 text-sm font-medium sm:px-4 ${
                current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              {tab.label}
              {tab.detail ? <span className="ml-1.5 hidden rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600 sm:inline">{tab.detail}</span> : null}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
