// The bank page's parts: the filters (a plain GET form, so the filters live in the URL) and each
// lecture's questions with their type, topic, newest version, the quiz slots using them and an Edit link.
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState, Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import type { BankQuestionType } from "@/lib/bank/question-types";
import type { getQuestionBank } from "@/lib/question-editor/data";
import type { BankQuery } from "@/lib/question-editor/schemas";

type Bank = Awaited<ReturnType<typeof getQuestionBank>>;

export const TYPE_LABELS: Record<BankQuestionType, string> = {
  single: "Single choice",
  multiple: "Multiple choice",
  "true-false": "True/false",
  "short-answer": "Short answer",
  numerical: "Numerical",
  matching: "Matching",
  cloze: "Cloze (embedded answers)",
  essay: "Essay",
};

const CONTROL = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

export function BankFilters({ query, topics }: { query: BankQuery; topics: Bank["topics"] }) {
  return (
    <form method="get" role="search" aria-label="Filter the questions" className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="bank-q" className="block text-sm font-medium text-slate-800">
          Text
        </label>
        <input id="bank-q" name="q" type="search" defaultValue={query.q} maxLength={200} className={`${CONTROL} w-64`} />
      </div>
      <div className="space-y-1">
        <label htmlFor="bank-type" className="block text-sm font-medium text-slate-800">
          Type
        </label>
        <select id="bank-type" name="type" defaultValue={query.type ?? ""} className={CONTROL}>
          <option value="">Every type</option>
          {Object.entries(TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="bank-topic" className="block text-sm font-medium text-slate-800">
          Topic
        </label>
        <select id="bank-topic" name="topic" defaultValue={query.topic ?? ""} className={CONTROL}>
          <option value="">Every topic</option>
          {topics.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClasses("secondary")}>
        Filter
      </button>
      {query.q || query.type || query.topic ? (
        <Link href="/instructor/questions" className="py-2 text-sm font-medium text-indigo-700 underline">
          Clear the filters
        </Link>
      ) : null}
    </form>
  );
}

export function LectureBank({ lecture, filtered }: { lecture: Bank["lectures"][number]; filtered: boolean }) {
  const id = `lecture-${lecture.id}`;
  return (
    <Section
      id={id}
      title={`${lecture.number}. ${lecture.title}`}
      description={`${lecture.questions.length} of ${lecture.total} questions${filtered ? " match" : ""}.`}
    >
      {lecture.questions.length === 0 ? (
        <EmptyState>{lecture.total === 0 ? "This lecture has no questions yet." : "No question of this lecture matches the filters."}</EmptyState>
      ) : (
        <Table
          variant="list"
          caption={`Questions of lecture ${lecture.number}: type, topic, newest version and the quiz slots that use each.`}
          hideCaption
          head={
            <>
              <th scope="col" className="px-4 py-2">
                Question
              </th>
              <th scope="col" className="px-4 py-2">
                Type
              </th>
              <th scope="col" className="px-4 py-2">
                Topic
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Version
              </th>
              <th scope="col" className="px-4 py-2">
                Used in
              </th>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {lecture.questions.map((q) => (
            <tr key={q.id}>
              <th scope="row" className="max-w-md px-4 py-2 font-normal">
                <span className="block font-medium text-slate-900">{q.name || q.key}</span>
                <span className="line-clamp-2 text-slate-600">{q.text}</span>
              </th>
              <td className="px-4 py-2 whitespace-nowrap">{TYPE_LABELS[q.type]}</td>
              <td className="px-4 py-2">{q.topic?.name ?? <span className="text-slate-500">none</span>}</td>
              <td className="px-4 py-2 text-right tabular-nums">{q.version}</td>
              <td className="px-4 py-2">
                {q.slots.length === 0 ? (
                  <span className="text-slate-500">no quiz</span>
                ) : (
                  <ul>
                    {q.slots.map((s) => (
                      <li key={s.slotId}>
                        <Link href={`/instructor/quizzes/${s.quizId}/slots/${s.slotId}`} className="text-indigo-700 hover:underline">
                          {s.quizTitle}, question {s.position + 1}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                <Link href={`/instructor/questions/${q.id}`} className="font-medium text-indigo-700 underline underline-offset-2">
                  Edit<span className="sr-only"> {q.name || q.key}</span>
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
