// Cloze blanks: which phrase of a sentence (or cell of a table row) is worth hiding.
// A blank is a bold phrase or a noun phrase of the sentence; it must hold a word that is not a
// stopword nor one of the lecture's everywhere-words ("data", "model"), must not repeat elsewhere in
// the sentence (the blank would give itself away) and must not be the term the sentence defines
// (that pair is the TERM/DEFINITION cards' job; its cloze blanks a phrase of the definition instead).
import { CLOZE_BLANK, normalizeForComparison } from "../lint";
import type { PlainBlock } from "../source-text";
import type { Phrase, Sentence } from "./sentences";
import type { TermEntry } from "./terms";
import { isRowNamedTable } from "./terms";
import { contentLemmas } from "./nlp";

export interface Lexicon {
  /** Lemmas found in so many sections that blanking them alone tests nothing. */
  generic: Set<string>;
  /** The lecture's terms, normalised. */
  terms: Set<string>;
}

export interface Blank {
  /** What the card shows, with the blank, and what it cites (verbatim plain text). */
  front: string;
  source: string;
  answer: string;
  /** True when the blanked text is one of the lecture's terms or bold in the notes: an MCQ key. */
  isTerm: boolean;
  order: number;
  group: string;
  /** Table blanks: the other cells of the column (the natural distractors). */
  column: string[] | null;
}

const MIN_SENTENCE_WORDS = 6;
/** A lone everyday noun ("results", "course") scores 1: not worth a card. */
const MIN_SCORE = 2;
const MAX_BLANK_WORDS = 5;
const CONTEXT_PRONOUNS = new Set(["it", "this", "these", "they", "its", "their", "that"]);

interface Candidate {
  start: number;
  end: number;
  score: number;
  isTerm: boolean;
}

function score(sentence: Sentence, start: number, end: number, bold: boolean, lexicon: Lexicon, proper: boolean): Candidate | null {
  const text = sentence.text.slice(start, end);
  const inside = sentence.words.filter((w) => w.start >= start && w.end <= end);
  if (inside.length === 0 || inside.length > MAX_BLANK_WORDS || /[.:?]$/.test(text)) return null;
  const lemmas = contentLemmas(text);
  const specific = lemmas.filter((l) => !lexicon.generic.has(l) && !/^\d+$/.test(l));
  if (specific.length === 0) return null;
  // Words of the blank that recur outside it would point straight at it.
  const outside = new Set(contentLemmas(sentence.text.slice(0, start) + " " + sentence.text.slice(end)));
  if (lemmas.some((l) => outside.has(l))) return null;
  // Only a noun phrase can be an MCQ key: its distractors are the lecture's other nouns and terms.
  const nounish = ["NOUN", "PROPN"].includes(inside[inside.length - 1]!.pos) || /-/.test(inside[inside.length - 1]!.text);
  const isTerm = nounish && (bold || lexicon.terms.has(normalizeForComparison(text)));
  const value =
    (bold ? 4 : 0) + (lexicon.terms.has(normalizeForComparison(text)) ? 3 : 0) + Math.min(specific.length, 3) + (proper ? 1 : 0) - (inside.length > 4 ? 2 : 0);
  return { start, end, score: value, isTerm };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The blanks of one sentence, best first: one, or two for a long sentence. */
export function sentenceBlanks(sentence: Sentence, defined: TermEntry[], lexicon: Lexicon, group: string): Blank[] {
  if (sentence.words.length < MIN_SENTENCE_WORDS || sentence.block.kind === "heading") return [];
  // A piece that starts in lowercase or with punctuation ("what they hope to …;", "\": complex …")
  // is a fragment of a list or of a sentence the splitter cut at a quoted question.
  if (!/^["“(]?[\p{Lu}\p{N}]/u.test(sentence.text)) return [];
  // The term this sentence defines, and a bold lead-in of it, are not blanked here.
  const reserved = defined.filter((t) => t.sentence === sentence && t.span).map((t) => t.span!);
  const leadIn = sentence.strong.find((s) => s.start === 0);
  if (leadIn) reserved.push(leadIn);

  const candidates: Candidate[] = [];
  const add = (c: Candidate | null) => {
    if (c && c.score >= MIN_SCORE && !reserved.some((r) => overlaps(r, c)) && !candidates.some((o) => o.start === c.start && o.end === c.end))
      candidates.push(c);
  };
  for (const span of sentence.strong) add(score(sentence, span.start, span.end, true, lexicon, false));
  sentence.phrases.forEach((p: Phrase) => add(score(sentence, p.start, p.end, false, lexicon, p.proper)));
  candidates.sort((a, b) => b.score - a.score || a.start - b.start);

  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.some((o) => overlaps(o, c))) continue;
    if (chosen.length === 0 || (chosen.length === 1 && sentence.words.length >= 16 && c.score >= 3)) chosen.push(c);
  }

  // "It is declarative: …" needs the sentence before it to make sense.
  const first = sentence.words[0];
  const context = first && CONTEXT_PRONOUNS.has(first.text.toLowerCase()) ? sentence.previous : null;
  const block = sentence.block.text;
  const sourceStart = context ? context.offset : sentence.offset;
  const source = block.slice(sourceStart, sentence.offset + sentence.text.length);
  return chosen.map((c) => {
    const blanked = sentence.text.slice(0, c.start) + CLOZE_BLANK + sentence.text.slice(c.end);
    return {
      front: block.slice(sourceStart, sentence.offset) + blanked,
      source,
      answer: sentence.text.slice(c.start, c.end),
      isTerm: c.isTerm,
      order: sentence.order + c.start / 1_000,
      group,
      column: null,
    };
  });
}

/**
 * The blanks of a table: each row shown as "Header: cell; Header: cell" with one cell blanked, for
 * the row's name (first cell of a row-named table) and for cells of two or more content words.
 */
export function tableBlanks(rows: PlainBlock[], order: (row: PlainBlock) => number, lexicon: Lexicon, group: string): Blank[] {
  const header = rows[0]?.header ?? [];
  const named = isRowNamedTable(rows);
  const blanks: Blank[] = [];
  for (const row of rows.slice(1)) {
    const cells = (row.cells ?? []).map((c) => c.text);
    cells.forEach((cell, column) => {
      const lemmas = contentLemmas(cell).filter((l) => !lexicon.generic.has(l));
      if (!(named && column === 0) && lemmas.length < 2) return;
      if (named && column === 0 && lemmas.length === 0) return;
      const front = header.map((h, i) => `${h}: ${i === column ? CLOZE_BLANK : cells[i]}`).join("; ");
      const others = rows.slice(1).map((r) => r.cells?.[column]?.text ?? "");
      blanks.push({
        front,
        source: row.text,
        answer: cell,
        isTerm: named && column === 0,
        order: order(row) + column / 10,
        group,
        column: others.filter((o) => o && o !== cell),
      });
    });
  }
  return blanks;
}
