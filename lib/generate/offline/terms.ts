// Terms and their definitions, as these notes write them:
// - a bold lead-in and a colon: "**Regression**: the output is …" (a list item, a paragraph);
// - a bold subject and its verb: "**Serialization** converts …", "A **data model** describes …";
// - "X is a/an/the Y" sentences: "A baseline is the performance of …" (subject found by POS tags);
// - table rows whose first cell names the row: "| Parquet | binary | no | column-major; … |";
// - a bold topic sentence and the sentence after it: "**Schema changes.** Relational databases …"
//   (a topic, not a definition: it makes TERM cards only).
import type { PlainBlock } from "../source-text";
import type { Sentence, SectionDoc, Word } from "./sentences";

export type TermOrigin = "lead-in" | "subject" | "copula" | "table" | "topic";

export interface TermEntry {
  term: string;
  definition: string;
  section: string;
  /** The verbatim plain text the pair comes from. */
  source: string;
  /** Terms of one list, table or paragraph: the best distractors for each other. */
  group: string;
  origin: TermOrigin;
  order: number;
  /** The sentence that defines the term (its own cloze must not blank the term). */
  sentence: Sentence | null;
  /** Table terms: the first column's header ("Format"), naming what kind of thing the term is. */
  label: string | null;
  /** Offsets of the term in `sentence` (when it has one). */
  span: { start: number; end: number } | null;
}

const MAX_TERM_WORDS = 6;
const MIN_DEFINITION_WORDS = 3;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function wordsIn(sentence: Sentence, start: number, end: number): Word[] {
  return sentence.words.filter((w) => w.start >= start && w.end <= end);
}

/** After `at` in the sentence: a parenthesis "(OLTP)" to skip, if any; the index after it. */
function skipParenthesis(text: string, at: number): number {
  const match = /^\s*\([^()]*\)/.exec(text.slice(at));
  return match ? at + match[0].length : at;
}

function groupOf(doc: SectionDoc, sentence: Sentence): string {
  // Consecutive list items are one list; a paragraph is its own group.
  if (sentence.block.kind !== "list-item") return `${doc.section.key}/${sentence.blockIndex}`;
  let first = sentence.blockIndex;
  while (first > 0 && doc.blocks[first - 1]!.kind === "list-item") first--;
  return `${doc.section.key}/list-${first}`;
}

function isTermLike(sentence: Sentence, start: number, end: number): boolean {
  const words = wordsIn(sentence, start, end);
  return words.length > 0 && words.length <= MAX_TERM_WORDS && !words.some((w) => w.pos === "AUX" || w.pos === "PRON");
}

function fromBold(doc: SectionDoc, sentence: Sentence, next: Sentence | undefined, entries: TermEntry[]): void {
  const text = sentence.text;
  for (const span of sentence.strong) {
    const term = text.slice(span.start, span.end);
    const base = { section: doc.section.key, group: groupOf(doc, sentence), order: sentence.order, sentence, label: null, span };
    const before = wordsIn(sentence, 0, span.start);
    const atStart = before.every((w) => w.pos === "DET" || w.pos === "ADJ" || w.pos === "PROPN");

    // A bold topic sentence ("**Schema changes.**"), explained by the next sentence of its block.
    if (span.start === 0 && span.end === text.length && /[.]$/.test(term)) {
      if (next && !/:$/.test(next.text) && wordCount(next.text) >= MIN_DEFINITION_WORDS && wordCount(term) <= MAX_TERM_WORDS) {
        const source = sentence.block.text.slice(sentence.offset, next.offset + next.text.length);
        entries.push({ ...base, term: term.slice(0, -1), definition: next.text, source, origin: "topic", sentence: next, span: null });
      }
      continue;
    }
    if (!atStart || /[.:?]$/.test(term) || !isTermLike(sentence, span.start, span.end)) continue;

    const after = skipParenthesis(text, span.end);
    if (text[after] === ":" && span.start === 0) {
      const definition = text.slice(after + 1).trim();
      if (wordCount(definition) >= MIN_DEFINITION_WORDS) entries.push({ ...base, term, definition, source: text, origin: "lead-in" });
      continue;
    }
    // The bold subject's verb. The tagger often reads a verb after a noun as a plural noun
    // ("Normalization structures …", "ML objectives target …"), so only a word that cannot start a
    // predicate (a preposition, a conjunction) rules the pattern out.
    const following = sentence.words.find((w) => w.start >= after);
    if (!following || ["ADP", "CCONJ", "SCONJ", "PART"].includes(following.pos)) continue;
    // "**NumPy** ndarrays are …": the bold word modifies the subject rather than being it.
    const third = sentence.words[sentence.words.indexOf(following) + 1];
    if ((following.pos === "NOUN" || following.pos === "PROPN") && third?.pos === "AUX") continue;
    const definition = text.slice(following.start).replace(/^(is|are)\s+/, "");
    if (wordCount(definition) >= MIN_DEFINITION_WORDS) entries.push({ ...base, term, definition, source: text, origin: "subject" });
  }
}

/** "A baseline is the performance of …": a noun phrase, a form of "be", a determiner. */
function fromCopula(doc: SectionDoc, sentence: Sentence, entries: TermEntry[]): void {
  const [first, second] = sentence.words;
  if (!first) return;
  const subjectStart = first.pos === "DET" ? second?.start : first.start;
  const phrase = sentence.phrases.find((p) => p.start === subjectStart);
  if (!phrase || sentence.strong.some((s) => s.start < phrase.end && s.end > phrase.start)) return;
  const rest = sentence.words.filter((w) => w.start >= phrase.end);
  if (rest[0]?.lemma !== "be" || rest[1]?.pos !== "DET" || !isTermLike(sentence, phrase.start, phrase.end)) return;
  const definition = sentence.text.slice(rest[1].start);
  if (wordCount(definition) < MIN_DEFINITION_WORDS) return;
  entries.push({
    term: phrase.text,
    definition,
    section: doc.section.key,
    source: sentence.text,
    group: groupOf(doc, sentence),
    origin: "copula",
    order: sentence.order,
    sentence,
    label: null,
    span: { start: phrase.start, end: phrase.end },
  });
}

/** A table whose first column names its rows (short, distinct cells) and that has two more columns. */
export function isRowNamedTable(rows: PlainBlock[]): boolean {
  const header = rows[0]?.cells ?? [];
  const names = rows.slice(1).map((r) => r.cells?.[0]?.text ?? "");
  return (
    header.length >= 3 && names.length >= 2 && names.every((n) => n && wordCount(n) <= 4) && new Set(names.map((n) => n.toLowerCase())).size === names.length
  );
}

export function tablesOf(doc: SectionDoc): PlainBlock[][] {
  const tables: PlainBlock[][] = [];
  for (const block of doc.blocks) if (block.kind === "table-row" && block.table !== undefined) (tables[block.table] ??= []).push(block);
  return tables;
}

function fromTables(doc: SectionDoc, entries: TermEntry[]): void {
  for (const rows of tablesOf(doc)) {
    if (!isRowNamedTable(rows)) continue;
    const header = rows[0]!.header ?? [];
    for (const row of rows.slice(1)) {
      const cells = row.cells ?? [];
      const definition = cells
        .slice(1)
        .map((cell, i) => `${header[i + 1]}: ${cell.text}`)
        .join("; ");
      entries.push({
        term: cells[0]!.text,
        definition,
        section: doc.section.key,
        source: row.text,
        group: `${doc.section.key}/table-${row.table}`,
        origin: "table",
        order: doc.index * 1_000_000 + doc.blocks.indexOf(row) * 1_000,
        sentence: null,
        label: header[0] ?? null,
        span: null,
      });
    }
  }
}

/** The section's terms, in the notes' order. */
export function extractTerms(doc: SectionDoc): TermEntry[] {
  const entries: TermEntry[] = [];
  doc.sentences.forEach((sentence, i) => {
    const next = doc.sentences[i + 1];
    fromBold(doc, sentence, next?.blockIndex === sentence.blockIndex ? next : undefined, entries);
    fromCopula(doc, sentence, entries);
  });
  fromTables(doc, entries);
  return entries.sort((a, b) => a.order - b.order);
}
