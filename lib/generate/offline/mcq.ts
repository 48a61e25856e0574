// Multiple-choice items: the key and three distractors that are other terms of the same lecture,
// preferring the key's own list or table (same kind of thing), then its section, then terms of a
// similar length (so that the key does not stand out as the longest). Several distractor sets are
// tried in order and the first one the linter accepts is kept. Options are shuffled with a generator
// seeded by the item's content: the same notes always give the same order, without Math.random.
import { seededShuffle as shuffleWithSeed } from "../../random";
import { emphasizeNegatives, lintItem, nearDuplicates, normalizeForComparison } from "../lint";
import type { GeneratedDraft } from "../types";
import { contentWords } from "./nlp";

export interface PoolTerm {
  term: string;
  group: string;
  section: string;
  table: boolean;
  /** Capitalised only because it starts a list item or sentence ("Multiclass: …"): its case may follow the key's. */
  initial?: boolean;
  /** A phrase found in a sentence rather than a term the notes define: ranked after the terms. */
  phrase?: boolean;
}

const DISTRACTORS = 3;
const RANKED = 7;
const MAX_SETS = 12;

/** FNV-1a, 32 bits: a stable seed from text. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Fisher–Yates seeded by `seedText` (lib/random.ts): deterministic, independent of input order. */
export function seededShuffle<T>(items: readonly T[], seedText: string): T[] {
  return shuffleWithSeed(items, hashText(seedText));
}

interface Shape {
  acronym: boolean;
  capital: boolean;
  plural: boolean;
  words: number;
}

/** What makes an option look like the others: "ACID" vs "Isolation" vs "relations". */
function shapeOf(text: string): Shape {
  const letters = text.replace(/[^\p{L}]/gu, "");
  const words = text.split(/\s+/).filter(Boolean);
  const last = (words[words.length - 1] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
  const lemma = contentWords(last)[0]?.lemma ?? last;
  return {
    acronym: letters.length >= 2 && letters === letters.toUpperCase(),
    capital: /^\p{Lu}/u.test(text),
    plural: last.endsWith("s") && lemma !== last,
    words: words.length,
  };
}

/** "Multiclass" beside the key "regression" reads "multiclass" (and the reverse); acronyms and names keep their case. */
function matchInitialCase(term: string, key: string): string {
  if (!/^\p{Lu}\p{Ll}*(\s|$)/u.test(term) && !/^\p{Ll}/u.test(term)) return term;
  const first = term.charAt(0);
  return (/^\p{Lu}/u.test(key) ? first.toUpperCase() : first.toLowerCase()) + term.slice(1);
}

function shapeDistance(a: Shape, b: Shape): number {
  return (a.acronym !== b.acronym ? 2 : 0) + (a.capital !== b.capital ? 1 : 0) + (a.plural !== b.plural ? 1 : 0) + Math.min(Math.abs(a.words - b.words), 2);
}

/**
 * The pool's terms that could stand beside `key`, best first: its own group, then its section, then
 * the rest; within each, the most alike in form, then in length. `sameForm` (for a blank inside a
 * sentence, where a plural or a capital would give the key away) keeps only candidates of the key's form.
 */
export function rankDistractors(key: string, home: Omit<PoolTerm, "term">, pool: readonly PoolTerm[], stem: string, sameForm = false): string[] {
  const keyNorm = normalizeForComparison(key);
  const keyShape = shapeOf(key);
  const stemNorm = ` ${normalizeForComparison(stem)} `;
  const seen = new Set([keyNorm]);
  const ranked: { term: string; tier: number; shape: number; gap: number; index: number }[] = [];
  pool.forEach((candidate, index) => {
    const term = sameForm && candidate.initial ? matchInitialCase(candidate.term, key) : candidate.term;
    const norm = normalizeForComparison(term);
    // One inside the other ("binary problems" / "set of binary problems") is a half-right option.
    const nested = ` ${norm} `.includes(` ${keyNorm} `) || ` ${keyNorm} `.includes(` ${norm} `);
    if (!norm || seen.has(norm) || nested || stemNorm.includes(` ${norm} `) || nearDuplicates(term, key)) return;
    const form = shapeOf(term);
    if (sameForm && (form.acronym !== keyShape.acronym || form.plural !== keyShape.plural || form.capital !== keyShape.capital)) return;
    seen.add(norm);
    const tier = candidate.group === home.group ? 0 : candidate.section === home.section ? 1 : candidate.table === home.table ? 2 : 3;
    const gap = Math.abs(term.length - key.length) / Math.max(key.length, 1);
    ranked.push({ term, tier: tier * 2 + (candidate.phrase ? 1 : 0), shape: shapeDistance(keyShape, form), gap, index });
  });
  ranked.sort((a, b) => a.tier - b.tier || a.shape - b.shape || a.gap - b.gap || a.index - b.index);
  return ranked.map((r) => r.term);
}

/** Sets of three from the best-ranked candidates, in order of rank (i < j < k). */
function* distractorSets(ranked: string[]): Generator<string[]> {
  const top = ranked.slice(0, RANKED);
  let made = 0;
  for (let i = 0; i < top.length; i++)
    for (let j = i + 1; j < top.length; j++)
      for (let k = j + 1; k < top.length; k++) {
        if (made++ >= MAX_SETS) return;
        yield [top[i]!, top[j]!, top[k]!];
      }
}

/**
 * The MCQ with the first distractor set that passes the linter; without one, the first set's item
 * with its flaws (shown by --include-flawed); null when there are not even three distractors.
 */
export function buildMcq(fields: { section: string; source: string; stem: string; answer: string }, ranked: string[]): GeneratedDraft | null {
  if (ranked.length < DISTRACTORS) return null;
  // A negative taken over from the notes ("Data is not a one-time dataset") is kept, in capitals.
  fields = { ...fields, stem: emphasizeNegatives(fields.stem) };
  let first: GeneratedDraft | null = null;
  for (const set of distractorSets(ranked)) {
    const options = seededShuffle([fields.answer, ...set], `${fields.stem}\n${[fields.answer, ...set].sort().join("\n")}`);
    const item: GeneratedDraft = {
      kind: "MCQ",
      section: fields.section,
      source: fields.source,
      front: "",
      back: "",
      stem: fields.stem,
      options,
      answer: fields.answer,
      lint: [],
    };
    item.lint = lintItem(item);
    if (item.lint.length === 0) return item;
    first ??= item;
  }
  return first;
}
