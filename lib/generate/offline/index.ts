// The offline generator: study items from a lecture's notes with no language model, only wink-nlp's
// English model (sentences, part-of-speech tags, lemmas, stopwords) and the notes' own structure
// (bold lead-ins, lists, tables). Deterministic: the same sections give the same items in the same
// order. The notes are data, never instructions: a sentence saying "ignore previous instructions" is
// cut, tagged and blanked like any other.
import { normalizeForComparison } from "../lint";
import type { GeneratedDraft, SectionText } from "../types";
import { blankStem, clozeCard, definitionStem, termCards } from "./cards";
import { sentenceBlanks, tableBlanks, type Blank, type Lexicon } from "./cloze";
import { buildMcq, rankDistractors, type PoolTerm } from "./mcq";
import { contentLemmas } from "./nlp";
import { readSection, type SectionDoc } from "./sentences";
import { extractTerms, tablesOf, type TermEntry } from "./terms";

export interface OfflineOptions {
  /** Keep the items the linter flags (each with its `lint`), for `generate:check --include-flawed`. */
  includeFlawed?: boolean;
}

const KIND_RANK = { CLOZE: 0, TERM: 1, DEFINITION: 2, MCQ: 3 } as const;

/** More than this many items per section is more than a student reviews: see `capSection`. */
export const MAX_ITEMS_PER_SECTION = 30;

/** Lemmas that occur in at least half of the sections (and at least 3): "data", "model". */
function genericLemmas(docs: SectionDoc[]): Set<string> {
  const sections = new Map<string, number>();
  for (const doc of docs) {
    const lemmas = new Set(doc.sentences.flatMap((s) => contentLemmas(s.text)));
    for (const lemma of lemmas) sections.set(lemma, (sections.get(lemma) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(docs.length / 2));
  const generic = [...sections].filter(([, n]) => n >= threshold).map(([lemma]) => lemma);
  return new Set(generic);
}

interface Ordered {
  item: GeneratedDraft;
  order: number;
}

function itemKey(item: GeneratedDraft): string {
  return [
    item.kind,
    item.section,
    normalizeForComparison(item.front),
    normalizeForComparison(item.back),
    item.stem,
    [...item.options].sort().join("\u0001"),
  ].join("\u0000");
}

/** Every phrase worth blanking in the lecture: the distractors of a blank inside a sentence. */
function phrasePool(docs: SectionDoc[], lexicon: Lexicon): PoolTerm[] {
  const pool: PoolTerm[] = [];
  for (const doc of docs) {
    for (const sentence of doc.sentences) {
      const spans = [...sentence.strong, ...sentence.phrases];
      for (const span of spans) {
        const term = sentence.text.slice(span.start, span.end);
        if (/[.:?]$/.test(term) || term.split(" ").length > 4) continue;
        if (!contentLemmas(term).some((l) => !lexicon.generic.has(l))) continue;
        pool.push({
          term,
          group: `${doc.section.key}/${sentence.blockIndex}`,
          section: doc.section.key,
          table: false,
          initial: span.start === 0,
          phrase: true,
        });
      }
    }
  }
  return pool;
}

function sectionItems(doc: SectionDoc, terms: TermEntry[], pool: PoolTerm[], phrases: PoolTerm[], lexicon: Lexicon): Ordered[] {
  const key = doc.section.key;
  const out: Ordered[] = [];
  const push = (item: GeneratedDraft | null, order: number) => item && out.push({ item, order });

  for (const entry of terms) {
    for (const item of termCards(entry)) push(item, entry.order);
    const stem = definitionStem(entry);
    if (!stem) continue;
    const ranked = rankDistractors(entry.term, { group: entry.group, section: key, table: entry.origin === "table" }, pool, stem);
    push(buildMcq({ section: key, source: entry.source, stem, answer: entry.term }, ranked), entry.order);
  }

  const blanks: Blank[] = doc.sentences.flatMap((s) => sentenceBlanks(s, terms, lexicon, `${key}/${s.blockIndex}`));
  for (const rows of tablesOf(doc)) {
    blanks.push(...tableBlanks(rows, (row) => doc.index * 1_000_000 + doc.blocks.indexOf(row) * 1_000, lexicon, `${key}/table-${rows[0]?.table}`));
  }
  for (const blank of blanks) {
    push(clozeCard(blank, key), blank.order);
    const stem = blankStem(blank);
    if (blank.column && blank.isTerm) continue; // a row's name: its MCQ is the term's own ("Which format …?")
    if (blank.column) {
      const column = blank.column.map((term) => ({ term, group: blank.group, section: key, table: true }));
      push(
        buildMcq(
          { section: key, source: blank.source, stem, answer: blank.answer },
          rankDistractors(blank.answer, column[0] ?? { group: blank.group, section: key, table: true }, column, stem),
        ),
        blank.order,
      );
    } else if (blank.isTerm) {
      // A blanked term the notes define elsewhere ("Parquet" in a sentence) takes its distractors from
      // where it is defined (the other formats of the table), not from the sentence's neighbours.
      const home = pool.find((t) => normalizeForComparison(t.term) === normalizeForComparison(blank.answer)) ?? {
        group: blank.group,
        section: key,
        table: false,
      };
      const ranked = rankDistractors(blank.answer, { group: home.group, section: home.section, table: home.table }, [...pool, ...phrases], stem, true);
      push(buildMcq({ section: key, source: blank.source, stem, answer: blank.answer }, ranked), blank.order);
    }
  }
  return out;
}

/**
 * At most MAX_ITEMS_PER_SECTION items of a section, spread over its sentences and kinds: rounds over
 * the sources in notes order, each round taking one more item of every source, of the kind kept least
 * so far. The kept items stay in notes order.
 */
function capSection(items: GeneratedDraft[]): GeneratedDraft[] {
  if (items.length <= MAX_ITEMS_PER_SECTION) return items;
  const queues = new Map<string, GeneratedDraft[]>();
  for (const item of items) queues.set(item.source, [...(queues.get(item.source) ?? []), item]);
  const counts: Record<string, number> = { CLOZE: 0, TERM: 0, DEFINITION: 0, MCQ: 0 };
  const kept = new Set<GeneratedDraft>();
  while (kept.size < MAX_ITEMS_PER_SECTION) {
    for (const queue of queues.values()) {
      if (queue.length === 0 || kept.size >= MAX_ITEMS_PER_SECTION) continue;
      let best = 0;
      queue.forEach((item, i) => {
        if (counts[item.kind]! < counts[queue[best]!.kind]!) best = i;
      });
      const [item] = queue.splice(best, 1);
      kept.add(item!);
      counts[item!.kind]!++;
    }
  }
  return items.filter((i) => kept.has(i));
}

/** Study items for the given notes sections: flawless ones only unless `includeFlawed`, in notes order. */
export function generateOffline(sections: readonly SectionText[], options: OfflineOptions = {}): GeneratedDraft[] {
  const docs = sections.map((section, index) => readSection(section, index));
  const terms = docs.map((doc) => extractTerms(doc));
  const definitional = terms.flat().filter((t) => t.origin !== "topic");
  const lexicon: Lexicon = { generic: genericLemmas(docs), terms: new Set(definitional.map((t) => normalizeForComparison(t.term))) };
  const pool: PoolTerm[] = definitional.map((t) => ({
    term: t.term,
    group: t.group,
    section: t.section,
    table: t.origin === "table",
    initial: t.span?.start === 0,
  }));

  const phrases = phrasePool(docs, lexicon);
  const all = docs.flatMap((doc, i) => sectionItems(doc, terms[i]!, pool, phrases, lexicon));
  all.sort((a, b) => a.order - b.order || KIND_RANK[a.item.kind] - KIND_RANK[b.item.kind]);
  const seen = new Set<string>();
  const bySection = new Map<string, GeneratedDraft[]>(docs.map((d) => [d.section.key, []]));
  for (const { item } of all) {
    const id = itemKey(item);
    if (seen.has(id) || (!options.includeFlawed && item.lint.length > 0)) continue;
    seen.add(id);
    bySection.get(item.section)!.push(item);
  }
  // The cap counts flawless items only, so that --include-flawed shows the same good items plus the flawed.
  return [...bySection.values()].flatMap((own) => {
    const good = capSection(own.filter((i) => i.lint.length === 0));
    const keep = new Set(good);
    return own.filter((i) => keep.has(i) || i.lint.length > 0);
  });
}
