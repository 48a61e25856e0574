// wink-nlp with its English lite model, loaded once on first use (about 80 ms and a few MB), shared
// by the offline generator and the item linter (lib/generate/lint.ts), which needs the model's stopword
// flags and lemmas. Nothing here reads files or the network: the model is a bundled package.
import winkNLP, { type ItemSentence, type ItemToken, type ItsFunction, type PartOfSpeech, type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";

let instance: WinkMethods | null = null;

export function getNlp(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}

// wink-nlp 2.4's types declare its.lemma as (index, rdd, addons) while token.out() expects its
// (index, token, cache, addons) form; at run time out() passes the addons and it works as documented.
function lemmaOf(token: ItemToken): string {
  return String(token.out(getNlp().its.lemma as unknown as ItsFunction<string>)).toLowerCase();
}

/** One token of a sentence, with its offsets in the text given to `readSentences`. */
export interface NlpToken {
  value: string;
  /** Lowercase lemma (the model's lemmatizer). */
  lemma: string;
  pos: PartOfSpeech;
  /** "word", "number", "punctuation", "symbol", "email", "url", … (wink's token types). */
  type: string;
  stop: boolean;
  start: number;
  end: number;
}

export interface NlpSentence {
  text: string;
  start: number;
  end: number;
  tokens: NlpToken[];
}

/**
 * Splits `text` into sentences with the model's sentence boundary detection and tags each token.
 * Offsets are recovered from the tokens' preceding spaces, so `text.slice(s.start, s.end) === s.text`
 * always holds: the sentences are verbatim pieces of the input, never a reconstruction.
 */
export function readSentences(text: string): NlpSentence[] {
  const nlp = getNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const sentences: NlpSentence[] = [];
  let cursor = 0;
  doc.sentences().each((sentence: ItemSentence) => {
    const tokens: NlpToken[] = [];
    sentence.tokens().each((token: ItemToken) => {
      const value = token.out();
      const found = text.indexOf(value, cursor);
      // The tokenizer keeps every character of a token, so a token is always found; if a future model
      // normalised one, skipping it is safer than inventing offsets.
      if (found < 0) return;
      cursor = found + value.length;
      tokens.push({
        value,
        lemma: lemmaOf(token),
        pos: token.out(its.pos) as PartOfSpeech,
        type: String(token.out(its.type)),
        stop: token.out(its.stopWordFlag) === true,
        start: found,
        end: cursor,
      });
    });
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (!first || !last) return;
    sentences.push({ text: text.slice(first.start, last.end), start: first.start, end: last.end, tokens });
  });
  return sentences;
}

// Hyphens, dashes and slashes join words ("row-major", "user-generated", "ETL/ELT"); splitting them
// lets "row" in a stem match the "row" of "Row-major".
const WORD_JOINERS = /[-\u2010-\u2015\u2212/]/g;

/** A content word of a text: as written, and its lowercase lemma. */
export interface ContentWord {
  word: string;
  lemma: string;
}

interface LemmatisedWord extends ContentWord {
  stop: boolean;
}

/**
 * The content words of a text: its words and numbers that are not stopwords (the model's stopword
 * list), with hyphenated words split into their parts. The text is lowercased first so that a word
 * has one lemma wherever it stands ("Data" at a sentence start and "data" inside one).
 */
export function contentWords(text: string): ContentWord[] {
  return lemmatised(text)
    .filter((w) => !w.stop)
    .map(({ word, lemma }) => ({ word, lemma }));
}

/** The lemmas of every word and number of the text, stopwords included ("third party data"). */
export function wordLemmas(text: string): string[] {
  return lemmatised(text).map((w) => w.lemma);
}

function lemmatised(text: string): LemmatisedWord[] {
  let words = wordCache.get(text);
  if (!words) {
    words = readWords(text);
    // The linter asks about the same options and stems many times; a bounded memo keeps it cheap.
    if (wordCache.size >= 5_000) wordCache.clear();
    wordCache.set(text, words);
  }
  return words;
}

/** The lemmas of `contentWords(text)`. */
export function contentLemmas(text: string): string[] {
  return contentWords(text).map((w) => w.lemma);
}

const wordCache = new Map<string, LemmatisedWord[]>();

function readWords(text: string): LemmatisedWord[] {
  const its = getNlp().its;
  const spaced = text.replace(WORD_JOINERS, " ");
  const doc = getNlp().readDoc(spaced.toLowerCase());
  const words: LemmatisedWord[] = [];
  let cursor = 0;
  doc.tokens().each((token: ItemToken) => {
    const value = token.out();
    const found = spaced.toLowerCase().indexOf(value, cursor);
    if (found >= 0) cursor = found + value.length;
    const type = String(token.out(its.type));
    if (type !== "word" && type !== "number") return;
    const lemma = lemmaOf(token);
    // A lone letter ("s" of "0s", "e" of "e.g.") carries no meaning to give away.
    if (type === "word" && !/\p{L}{2}/u.test(lemma)) return;
    const stop = token.out(its.stopWordFlag) === true;
    words.push({ word: found >= 0 ? spaced.slice(found, found + value.length) : value, lemma, stop });
  });
  return words;
}
