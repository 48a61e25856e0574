// A section as the offline generator reads it: its plain-text blocks (lib/generate/source-text.ts),
// each prose block cut into sentences by the model, each sentence with its tokens, bold spans and
// noun phrases. Every `text` here is a verbatim piece of the section's plain text.
import { plainBlocks, type PlainBlock, type StrongSpan } from "../source-text";
import type { SectionText } from "../types";
import { readSentences, type NlpToken } from "./nlp";

/** A word of a sentence; hyphenated words ("column-major", "32-bit") are one word. */
export interface Word {
  text: string;
  lemma: string;
  pos: NlpToken["pos"];
  stop: boolean;
  /** Offsets in the sentence's text. */
  start: number;
  end: number;
}

export interface Phrase {
  text: string;
  start: number;
  end: number;
  /** Lemmas of its words that are not stopwords. */
  lemmas: string[];
  proper: boolean;
}

export interface Sentence {
  section: string;
  /** Position in the lecture: section, block and sentence order, for a stable output order. */
  order: number;
  block: PlainBlock;
  blockIndex: number;
  /** Offset of the sentence in its block's text. */
  offset: number;
  text: string;
  words: Word[];
  /** Bold spans inside the sentence, in its offsets. */
  strong: StrongSpan[];
  phrases: Phrase[];
  /** The sentence before it in the same block, if any (context for "It …" sentences). */
  previous: Sentence | null;
}

export interface SectionDoc {
  section: SectionText;
  index: number;
  blocks: PlainBlock[];
  sentences: Sentence[];
}

const HYPHEN = /^[-\u2010\u2011]$/;

/** Tokens → words: joins "column" "-" "major" written without spaces, drops punctuation. */
function wordsOf(tokens: NlpToken[], base: number): Word[] {
  const words: Word[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const last = words[words.length - 1];
    const next = tokens[i + 1];
    if (HYPHEN.test(token.value)) {
      const touching = last && last.end === token.start - base && next?.start === token.end;
      if (touching && (next.type === "word" || next.type === "number")) {
        last.text += token.value + next.value;
        last.lemma += "-" + next.lemma;
        last.pos = next.pos === "NOUN" || next.pos === "PROPN" ? "NOUN" : "ADJ";
        last.stop = false;
        last.end = next.end - base;
        i++;
      }
      continue;
    }
    if (token.type === "punctuation" || token.type === "symbol") continue;
    words.push({ text: token.value, lemma: token.lemma, pos: token.pos, stop: token.stop, start: token.start - base, end: token.end - base });
  }
  return words;
}

const PHRASE_POS = new Set(["ADJ", "NOUN", "PROPN"]);
// "recall vs precision": "vs" joins two phrases, whatever the tagger makes of it.
const BREAKERS = /^(vs|versus|etc)\.?$/i;

function isPluralNoun(word: Word): boolean {
  return word.pos === "NOUN" && /s$/i.test(word.text) && word.lemma !== word.text.toLowerCase();
}

/**
 * Noun phrases: the longest runs of adjectives and nouns that end in a noun, without stopwords or
 * punctuation. Two repairs for the tagger's habit of reading a verb as a noun: a singular noun right
 * after a plural one is the verb ("efforts | aim at …"), and in a sentence with no verb at all the
 * word before a preposition is ("constraints on ML deployment | fall into …").
 */
function phrasesOf(words: Word[], text: string): Phrase[] {
  const phrases: Phrase[] = [];
  const hasVerb = words.some((w) => w.pos === "VERB" || w.pos === "AUX");
  let run: Word[] = [];
  const flush = (next: Word | undefined) => {
    if (!hasVerb && run.length > 1 && next?.pos === "ADP") run.pop();
    while (run.length && run[run.length - 1]!.pos === "ADJ") run.pop();
    if (run.length) {
      const start = run[0]!.start;
      const end = run[run.length - 1]!.end;
      // A capital at the sentence's start says nothing; elsewhere it marks a name ("Lyft", "NumPy").
      const proper = run.some((w) => (w.pos === "PROPN" && w.start > 0) || /^[A-Z0-9]{2,}$/.test(w.text));
      phrases.push({ text: text.slice(start, end), start, end, lemmas: run.map((w) => w.lemma), proper });
    }
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = PHRASE_POS.has(word.pos) && !word.stop && !BREAKERS.test(word.text);
    const last = run[run.length - 1];
    const adjacent = last && text.slice(last.end, word.start) === " ";
    if (candidate && last && adjacent && isPluralNoun(last) && word.pos === "NOUN" && !isPluralNoun(word)) {
      flush(word);
      continue;
    }
    if (candidate && (!last || adjacent)) run.push(word);
    else {
      flush(word);
      if (candidate) run.push(word);
    }
  }
  flush(undefined);
  return phrases;
}

/** The blocks and sentences of a section. Table rows are not prose: they stay whole, with no words. */
export function readSection(section: SectionText, index: number): SectionDoc {
  const blocks = plainBlocks(section.body);
  const sentences: Sentence[] = [];
  blocks.forEach((block, blockIndex) => {
    if (block.kind === "table-row" || block.kind === "code") return;
    let previous: Sentence | null = null;
    for (const piece of readSentences(block.text)) {
      const sentence: Sentence = {
        section: section.key,
        order: index * 1_000_000 + blockIndex * 1_000 + sentences.length,
        block,
        blockIndex,
        offset: piece.start,
        text: piece.text,
        words: wordsOf(piece.tokens, piece.start),
        strong: block.strong
          .filter((s) => s.start >= piece.start && s.end <= piece.end)
          .map((s) => ({ start: s.start - piece.start, end: s.end - piece.start })),
        phrases: [],
        previous,
      };
      sentence.phrases = phrasesOf(sentence.words, sentence.text);
      sentences.push(sentence);
      previous = sentence;
    }
  });
  return { section, index, blocks, sentences };
}
