import { getCurrentUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/errors";
import { getLectureBank } from "@/lib/imports/data";
import { toAiken, toBankJson, toCsv, toGift, toMoodleXml } from "@/lib/imports/export";

export const dynamic = "force-dynamic";

const FILES = {
  json: { ext: "json", type: "application/json" },
  csv: { ext: "csv", type: "text/csv" },
  gift: { ext: "gift", type: "text/plain" },
  aiken: { ext: "aiken.txt", type: "text/plain" },
  xml: { ext: "xml", type: "application/xml" },
} as const;

/** A lecture's question bank in one of the import formats (admins only). Formats that cannot hold a question leave it out and say so in a header. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (!(format in FILES)) return new Response(`Unknown format "${format}": use json, csv, gift, aiken or xml.`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  try {
    const { lectureSlug, questions } = await getLectureBank((await getCurrentUser())!, slug);
    let body: string;
    let skipped = 0;
    if (format === "json") body = toBankJson(questions);
    else if (format === "gift") body = toGift(questions);
    else if (format === "xml") body = toMoodleXml(questions);
    else {
      const result = format === "csv" ? toCsv(questions) : toAiken(questions);
      body = result.text;
      skipped = result.skipped.length;
    }
    const file = FILES[format as keyof typeof FILES];
    return new Response(body, {
      headers: {
        "Content-Type": `${file.type}; charset=utf-8`,
        "Content-Disposition": `attachment; filename="${lectureSlug}-questions.${file.ext}"`,
        "Cache-Control": "private, no-store",
        "X-Questions-Exported": String(questions.length - skipped),
        "X-Questions-Skipped": String(skipped),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
