import Link from "next/link";
import { EmptyState, Section, StatGrid, StatTile } from "@/components/ui/section";
import { SORT_DIRECTION_WORDS, SortableHeader, Table } from "@/components/ui/table";
import { formatUtcMinute } from "@/lib/dates";
import type { ClassProgress, ClassSortKey } from "@/lib/progress/class-data";

const COLUMNS: { key: ClassSortKey; label: string; numeric: boolean }[] = [
  { key: "name", label: "Student", numeric: false },
  { key: "sectionsRead", label: "Sections read", numeric: true },
  { key: "podcastPercent", label: "Podcast heard", numeric: true },
  { key: "attempts", label: "Quiz attempts", numeric: true },
  { key: "bestPercent", label: "Best score", numeric: true },
  { key: "cardsReviewed", label: "Card reviews", numeric: true },
  { key: "lastActive", label: "Last active", numeric: false },
];

/** Students shown per page of each lecture's table. */
export const CLASS_PAGE_SIZE = 100;

export function ClassProgressView({ lectures, sort, dir, page = 0 }: { lectures: ClassProgress[]; sort: ClassSortKey; dir: "asc" | "desc"; page?: number }) {
  const pages = Math.max(1, ...lectures.map((l) => Math.ceil(l.rows.length / CLASS_PAGE_SIZE)));
  const current = Math.min(page, pages - 1);
  const pageHref = (p: number) => `/instructor/progress?sort=${sort}&dir=${dir}${p ? `&page=${p}` : ""}`;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Class progress</h1>
        <p className="mt-1 text-slate-600">Who has read, listened, attempted the quiz and reviewed cards, lecture by lecture.</p>
      </div>
      {lectures.length === 0 ? <p className="text-slate-600">No lectures yet.</p> : null}
      {pages > 1 ? (
        <nav aria-label="Pages of students" className="flex items-center gap-3 text-sm">
          {current > 0 ? (
            <Link href={pageHref(current - 1)} className="text-indigo-700 underline">
              Previous {CLASS_PAGE_SIZE}
            </Link>
          ) : null}
          <span>
            Page {current + 1} of {pages}
          </span>
          {current + 1 < pages ? (
            <Link href={pageHref(current + 1)} className="text-indigo-700 underline">
              Next {CLASS_PAGE_SIZE}
            </Link>
          ) : null}
        </nav>
      ) : null}
      {lectures.map((lecture) => (
        <Section
          key={lecture.lecture.id}
          id={`class-${lecture.lecture.slug}`}
          testId={`class-${lecture.lecture.slug}`}
          className="space-y-4"
          title={`Lecture ${lecture.lecture.number}: ${lecture.lecture.title}`}
        >
          <StatGrid columns={6}>
            <StatTile label="Students" value={String(lecture.students)} testId="stat-students" />
            <StatTile label="Read notes" value={String(lecture.read)} testId="stat-read" />
            <StatTile label="Listened" value={lecture.lecture.hasPodcast ? String(lecture.listened) : "—"} testId="stat-listened" />
            <StatTile label="Took the quiz" value={lecture.lecture.hasQuiz ? String(lecture.attempted) : "—"} testId="stat-attempted" />
            <StatTile label="Reviewed cards" value={String(lecture.reviewed)} testId="stat-reviewed" />
            <StatTile label="Average best" value={lecture.averageBestPercent === null ? "—" : `${lecture.averageBestPercent}%`} testId="stat-average" />
          </StatGrid>
          <p className="text-sm text-slate-600" data-testid="stat-own-cards">
            {lecture.ownCards.cards === 0
              ? "No student has written cards of their own for this lecture yet."
              : `${lecture.ownCards.students} student${lecture.ownCards.students === 1 ? "" : "s"} wrote ${lecture.ownCards.cards} card${lecture.ownCards.cards === 1 ? "" : "s"} of their own (private: only the count is shown).`}
          </p>
          {lecture.rows.length === 0 ? (
            <EmptyState>No students yet. Figures appear here as soon as students sign up.</EmptyState>
          ) : (
            <Table
              caption={
                <>
                  {lecture.students} {lecture.students === 1 ? "student" : "students"}, sorted by {COLUMNS.find((c) => c.key === sort)!.label.toLowerCase()} (
                  {SORT_DIRECTION_WORDS[dir]})
                  {lecture.rows.length > CLASS_PAGE_SIZE
                    ? `, showing ${current * CLASS_PAGE_SIZE + 1}–${Math.min(lecture.rows.length, (current + 1) * CLASS_PAGE_SIZE)}`
                    : ""}
                  . Select a column heading to sort by it.
                </>
              }
              head={COLUMNS.map((column) => {
                const active = column.key === sort;
                const nextDir = active ? (dir === "asc" ? "desc" : "asc") : column.numeric || column.key === "lastActive" ? "desc" : "asc";
                return (
                  <SortableHeader
                    key={column.key}
                    label={column.label}
                    direction={active ? dir : null}
                    href={`/instructor/progress?sort=${column.key}&dir=${nextDir}`}
                    numeric={column.numeric}
                    className="px-4 py-2"
                  />
                );
              })}
            >
              {lecture.rows.slice(current * CLASS_PAGE_SIZE, (current + 1) * CLASS_PAGE_SIZE).map((row) => (
                <tr key={row.userId} className="border-t border-slate-100" data-testid="class-row">
                  <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                    {row.name}
                    <span className="block text-xs font-normal text-slate-600">
                      {row.email}
                      {row.cohort ? ` · ${row.cohort}` : ""}
                    </span>
                  </th>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {row.sectionsRead} / {lecture.lecture.sectionCount}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{row.podcastPercent === null ? "—" : `${row.podcastPercent}%`}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{row.attempts}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{row.bestPercent === null ? "—" : `${row.bestPercent}%`}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{row.cardsReviewed}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{row.lastActive ? `${formatUtcMinute(row.lastActive)} UTC` : "never"}</td>
                </tr>
              ))}
            </Table>
          )}
        </Section>
      ))}
    </div>
  );
}
