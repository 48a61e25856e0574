// The drafts themselves: TERM and DEFINITION cards from a term and its definition, CLOZE cards from
// a blank, and the wording of the MCQ stems made from them. Every draft carries its lint.
import { lintItem } from "../lint";
import type { GeneratedDraft, GeneratedKind } from "../types";
import type { Blank } from "./cloze";
import type { TermEntry } from "./terms";

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stem or card side ends as a sentence does: a trailing ":" or ";" (a list followed) becomes ".". */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/[:;,]$/, "");
  return /[.?!)"”]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function card(kind: Exclude<GeneratedKind, "MCQ">, section: string, source: string, front: string, back: string): GeneratedDraft {
  const item: GeneratedDraft = { kind, section, source, front, back, stem: "", options: [], answer: back, lint: [] };
  item.lint = lintItem(item);
  return item;
}

/**
 * TERM: the term on the front, its definition on the back. DEFINITION: the reverse, for definitions
 * proper (a topic's explanation does not name its topic). A table row makes neither: its cloze
 * ("Format: _____; Text or binary: binary; …") and its MCQ already ask for the row's name from its
 * cells, and a card reciting the whole row is no question.
 */
export function termCards(entry: TermEntry): GeneratedDraft[] {
  if (entry.origin === "table") return [];
  const definition = asSentence(capitalize(entry.definition));
  const cards = [card("TERM", entry.section, entry.source, entry.term, definition)];
  if (entry.origin !== "topic") cards.push(card("DEFINITION", entry.section, entry.source, definition, entry.term));
  return cards;
}

/** The stem asking for a term from its definition; null for topics, which have none. */
export function definitionStem(entry: TermEntry): string | null {
  if (entry.origin === "topic") return null;
  const what = entry.label ? entry.label.toLowerCase() : "term";
  return `Which ${what} matches this description? ${asSentence(capitalize(entry.definition))}`;
}

export function clozeCard(blank: Blank, section: string): GeneratedDraft {
  return card("CLOZE", section, blank.source, blank.front, blank.answer);
}

/** The completion stem made from a blank: the sentence itself, or a table row with a question. */
export function blankStem(blank: Blank): string {
  return blank.column ? `Which fills the blank? ${blank.front}` : asSentence(blank.front);
}
