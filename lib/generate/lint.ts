// The item-writing linter shared by both generators: the flaws Haladyna, Downing & Rodriguez's
// item-writing guidelines (2002) name for multiple-choice items, and their flashcard counterparts.
// Pure: the only dependency is the bundled English model, for its stopwords and lemmas.
//
// Each flaw is one short sentence with stable wording (tests and the UI compare them exactly); only
// the quoted words and the option numbers vary. Rules, with the thresholds chosen:
// - MCQ: empty stem/option/answer; fewer than 3 options; answer not exactly one of the options;
//   "all/none of the above"; a negative stem (not, never, except, false, least, …) whose negative
//   word is not in capitals ("NOT"); the right option the longest by a clear margin (more than 20 %
//   AND more than 8 characters longer than the next longest option, so a key that is merely a little
//   longer passes); content words of the answer repeated in the stem (clang association) unless every
//   distractor shares them too; duplicate options (equal once normalised) and near-duplicates
//   (the same word lemmas in the same order, or a Levenshtein similarity of at least 0.9, see nearDuplicates).
// - Cards (CLOZE, TERM, DEFINITION): empty front/back; answer not the back; back over 300 characters;
//   the front giving the answer away (CLOZE, DEFINITION: a content word of the back in the front;
//   TERM: the whole back in the front); a cloze front without a blank, or a blank hiding no content word.
// - Every item: an empty section or source.
import { contentLemmas, contentWords, wordLemmas } from "./offline/nlp";
import type { GeneratedDraft } from "./types";

export const MAX_BACK_CHARS = 300;
export const NEAR_DUPLICATE_SIMILARITY = 0.9;
export const CLOZE_BLANK = "_____";

/** The flaws' fixed wording; functions for the few that name words or options. */
export const LINT_MESSAGES = {
  emptySection: "The section is empty.",
  emptySource: "The source is empty.",
  emptyStem: "The stem is empty.",
  emptyOption: "An option is empty.",
  emptyAnswer: "The answer is empty.",
  fewOptions: "There are fewer than 3 options.",
  answerNotAmongOptions: "The answer is not among the options.",
  allOrNoneOfTheAbove: 'An option is "all of the above" or "none of the above".',
  negativeStem: (word: string) => `The stem is negative ("${word}") without emphasis in capitals.`,
  longestAnswer: "The right option is the longest.",
  stemGivesAnswer: (words: string[]) => `The stem gives away the answer (${quoteList(words)}).`,
  duplicateOptions: (a: number, b: number) => `Options ${a} and ${b} are duplicates.`,
  nearDuplicateOptions: (a: number, b: number) => `Options ${a} and ${b} are near-duplicates.`,
  emptyFront: "The front is empty.",
  emptyBack: "The back is empty.",
  answerNotBack: "The answer is not the card's back.",
  longBack: `The back is longer than ${MAX_BACK_CHARS} characters.`,
  frontGivesAnswer: (words: string[]) => `The front gives away the answer (${quoteList(words)}).`,
  noBlank: `The cloze front has no blank (${CLOZE_BLANK}).`,
  trivialBlank: "The blank hides no content word.",
} as const;

function quoteList(words: string[]): string {
  return words.map((w) => `"${w}"`).join(", ");
}

/**
 * The form texts are compared in: Unicode-compatibility folded (NFKC), lowercase, typographic quotes
 * and dashes as ASCII, every run of characters other than letters and digits as one space, trimmed.
 * "Row-major" and "row major " compare equal; "Parquet" and "Parquets" do not (see `similarity`).
 */
export function normalizeForComparison(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** 1 − distance / longer length of the normalised texts: 1 for equal texts, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const x = normalizeForComparison(a);
  const y = normalizeForComparison(b);
  const longer = Math.max(Array.from(x).length, Array.from(y).length);
  return longer === 0 ? 1 : 1 - levenshtein(x, y) / longer;
}

const ALL_OR_NONE = /\b(all|none) of the (above|preceding|options|answers)\b/i;

// Negative words (Haladyna's NOT and EXCEPT, and their kin). "at least" is a quantity, not a negation;
// "no" is left out because in these notes it is mostly a value ("Human-readable: no"), not a question's twist.
const NEGATIVE_WORDS = new Set(["not", "never", "none", "nor", "neither", "cannot", "except", "false", "least", "incorrect", "untrue"]);

function unemphasisedNegative(stem: string): string | null {
  const words = stem.replace(/[\u2018\u2019]/g, "'").match(/[\p{L}']+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.replace(/^'+|'+$/g, "");
    const lower = word.toLowerCase();
    const negative = NEGATIVE_WORDS.has(lower) || lower.endsWith("n't");
    if (!negative || (lower === "least" && words[i - 1]?.toLowerCase() === "at")) continue;
    const emphasised = word === word.toUpperCase() && /\p{L}{2}/u.test(word);
    if (!emphasised) return word;
  }
  return null;
}

/**
 * The stem with its lowercase negative words in capitals ("not" → "NOT"), Haladyna's remedy for a
 * negative that must stay. A capitalised one ("Not Only SQL") is a name or a sentence start: kept.
 */
export function emphasizeNegatives(stem: string): string {
  return stem.replace(/[\p{L}'\u2019]+/gu, (word, offset: number) => {
    const lower = word.toLowerCase();
    const negative = NEGATIVE_WORDS.has(lower) || /n['\u2019]t$/.test(lower);
    if (!negative || word !== lower) return word;
    if (lower === "least" && /\bat\s+$/i.test(stem.slice(0, offset))) return word;
    return word.toUpperCase();
  });
}

/** The answer's content words (as written in it) whose lemma also occurs in `text`, in the answer's order. */
function sharedContentWords(answer: string, text: string, except: Set<string> = new Set()): string[] {
  const inText = new Set(contentLemmas(text));
  const shared: string[] = [];
  const seen = new Set<string>();
  for (const { word, lemma } of contentWords(answer)) {
    if (!inText.has(lemma) || except.has(lemma) || seen.has(lemma)) continue;
    seen.add(lemma);
    shared.push(word);
  }
  return shared;
}

/**
 * Near-duplicates: the same words in the same order once lemmatised ("data lake", "data lakes"; all
 * words count, so "third-party data" and "first-party data" differ), or texts at least 90 % alike letter by letter. Pairs made to be told apart stay distinct:
 * "Serialization"/"Deserialization" (87 %), "schema on write"/"schema on read".
 */
export function nearDuplicates(a: string, b: string): boolean {
  const x = wordLemmas(a).join(" ");
  return (x !== "" && x === wordLemmas(b).join(" ")) || similarity(a, b) >= NEAR_DUPLICATE_SIMILARITY;
}

function lintMcq(item: GeneratedDraft, flaws: string[]): void {
  const options = item.options.map((o) => o.trim());
  if (!item.stem.trim()) flaws.push(LINT_MESSAGES.emptyStem);
  if (options.some((o) => !o)) flaws.push(LINT_MESSAGES.emptyOption);
  if (!item.answer.trim()) flaws.push(LINT_MESSAGES.emptyAnswer);
  if (options.length < 3) flaws.push(LINT_MESSAGES.fewOptions);
  const key = item.options.indexOf(item.answer);
  if (item.answer.trim() && key < 0) flaws.push(LINT_MESSAGES.answerNotAmongOptions);
  if (options.some((o) => ALL_OR_NONE.test(o))) flaws.push(LINT_MESSAGES.allOrNoneOfTheAbove);

  const negative = unemphasisedNegative(item.stem);
  if (negative) flaws.push(LINT_MESSAGES.negativeStem(negative));

  if (key >= 0 && options.length >= 2) {
    const length = (s: string) => Array.from(s).length;
    const keyLength = length(options[key]!);
    const nextLongest = Math.max(...options.filter((_, i) => i !== key).map(length));
    if (keyLength > nextLongest * 1.2 && keyLength - nextLongest > 8) flaws.push(LINT_MESSAGES.longestAnswer);
  }

  if (item.stem.trim() && item.answer.trim()) {
    // A word every distractor shares gives nothing away ("data" in "Third-party data" vs "First-party data").
    const distractors = options.filter((_, i) => i !== key).map((o) => new Set(contentLemmas(o)));
    const common = distractors.length ? new Set([...distractors[0]!].filter((w) => distractors.every((d) => d.has(w)))) : new Set<string>();
    const leaked = sharedContentWords(item.answer, item.stem, common);
    if (leaked.length) flaws.push(LINT_MESSAGES.stemGivesAnswer(leaked));
  }

  for (let i = 0; i < options.length; i++) {
    for (let j = i + 1; j < options.length; j++) {
      const a = options[i]!;
      const b = options[j]!;
      if (!a || !b) continue;
      if (normalizeForComparison(a) === normalizeForComparison(b)) flaws.push(LINT_MESSAGES.duplicateOptions(i + 1, j + 1));
      else if (nearDuplicates(a, b)) flaws.push(LINT_MESSAGES.nearDuplicateOptions(i + 1, j + 1));
    }
  }
}

function lintCard(item: GeneratedDraft, flaws: string[]): void {
  const front = item.front.trim();
  const back = item.back.trim();
  if (!front) flaws.push(LINT_MESSAGES.emptyFront);
  if (!back) flaws.push(LINT_MESSAGES.emptyBack);
  if (back && item.answer.trim() !== back) flaws.push(LINT_MESSAGES.answerNotBack);
  if (Array.from(back).length > MAX_BACK_CHARS) flaws.push(LINT_MESSAGES.longBack);
  if (item.kind === "CLOZE") {
    if (front && !/_{3,}/.test(front)) flaws.push(LINT_MESSAGES.noBlank);
    if (back && contentLemmas(back).length === 0) flaws.push(LINT_MESSAGES.trivialBlank);
  }
  if (!front || !back) return;
  if (item.kind === "TERM") {
    // The front is the term and the back its definition: the definition may well repeat the term's
    // words; only a front that already holds the whole back gives it away.
    if (normalizeForComparison(front).includes(normalizeForComparison(back))) flaws.push(LINT_MESSAGES.frontGivesAnswer([back]));
    return;
  }
  const leaked = sharedContentWords(back, front.replace(/_{3,}/g, " "));
  if (leaked.length) flaws.push(LINT_MESSAGES.frontGivesAnswer(leaked));
}

/** The item-writing flaws of one item, as short sentences (LINT_MESSAGES); [] when it passes. */
export function lintItem(item: GeneratedDraft): string[] {
  const flaws: string[] = [];
  if (!item.section.trim()) flaws.push(LINT_MESSAGES.emptySection);
  if (!item.source.trim()) flaws.push(LINT_MESSAGES.emptySource);
  if (item.kind === "MCQ") lintMcq(item, flaws);
  else lintCard(item, flaws);
  return flaws;
}
