// A question's response analysis on its statistics page: the most frequent typed responses (short
// answer, numerical) with their count and credit, or a matching question's figures per pair.
import { Table } from "@/components/ui/table";
import { RESPONSE_CLASSES_SHOWN, type ResponseAnalysis } from "@/lib/analytics/response-analysis";

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

export function ResponseAnalysisTable({ analysis }: { analysis: ResponseAnalysis }) {
  if (analysis.kind === "responses")
    return (
      <Table
        testId="response-analysis"
        caption={
          `The most frequent responses (up to ${RESPONSE_CLASSES_SHOWN}) of the ${analysis.total} answers, with the credit they earned` +
          (analysis.others ? `; ${analysis.others} other answers are not listed.` : ".")
        }
        head={
          <>
            <th scope="col" className="px-3 py-2">
              Response
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Count
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Share
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Credit
            </th>
          </>
        }
      >
        {analysis.classes.map((c) => (
          <tr key={c.response} className="border-t border-slate-100">
            <th scope="row" className="px-3 py-2 font-normal">
              {c.response === "" ? <span className="text-slate-500">no answer</span> : c.response}
            </th>
            <td className="px-3 py-2 text-right tabular-nums">{c.count}</td>
            <td className="px-3 py-2 text-right tabular-nums">{percent(analysis.total ? c.count / analysis.total : null)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{percent(c.credit)}</td>
          </tr>
        ))}
      </Table>
    );
  return (
    <Table
      testId="pair-figures"
      caption={`Each pair of the ${analysis.total} answers: how many matched it right, and the wrong answer chosen most.`}
      head={
        <>
          <th scope="col" className="px-3 py-2">
            Prompt
          </th>
          <th scope="col" className="px-3 py-2">
            Answer
          </th>
          <th scope="col" className="px-3 py-2 text-right">
            Matched right
          </th>
          <th scope="col" className="px-3 py-2">
            Wrong answer chosen most
          </th>
        </>
      }
    >
      {analysis.pairs.map((p) => (
        <tr key={p.prompt} className="border-t border-slate-100">
          <th scope="row" className="px-3 py-2 font-normal">
            {p.prompt}
          </th>
          <td className="px-3 py-2">{p.answer}</td>
          <td className="px-3 py-2 text-right tabular-nums">
            {p.right} ({percent(analysis.total ? p.right / analysis.total : null)})
          </td>
          <td className="px-3 py-2">{p.commonWrong ? `${p.commonWrong.text} (${p.commonWrong.count})` : "—"}</td>
        </tr>
      ))}
    </Table>
  );
}
