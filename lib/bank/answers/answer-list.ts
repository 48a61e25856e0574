// The answer to a matching or cloze question travels as a JSON list of strings, one per prompt or
// gap. Read leniently: anything else is an empty answer (it earns nothing, and breaks nothing).

/** A JSON list of strings sent by the page (matching, cloze), or an empty list. */
export function answerList(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map((item) => (typeof item === "string" ? item : "")) : [];
  } catch {
    return [];
  }
}
