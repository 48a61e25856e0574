// The shape of a generated study item, shared by both generators (offline and model), the linter, the
// store and `npm run generate:check`. Pure types: no database, no server-only imports.

export const GENERATED_KINDS = ["CLOZE", "TERM", "DEFINITION", "MCQ"] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

/**
 * One item as a generator makes it.
 * - CLOZE: `front` is the source sentence with the key term replaced by "_____", `back` the term.
 * - TERM: `front` the term, `back` its definition. DEFINITION: the other way round.
 * - MCQ: `stem`, `options` (the right one among them, in the order shown), `answer` (the right option's text).
 * Fields a kind does not use are "" (or [] for options). `answer` is always set: the card's back for cards.
 */
export interface GeneratedDraft {
  kind: GeneratedKind;
  /** The notes section's id (NoteSection.key). */
  section: string;
  /** The sentence of that section the item came from, as written in notes.md with Markdown emphasis and link syntax removed. */
  source: string;
  front: string;
  back: string;
  stem: string;
  options: string[];
  answer: string;
  /** The item-writing flaws found (lib/generate/lint.ts); empty when the item passes. */
  lint: string[];
}

/** A notes section as the generators read it. */
export interface SectionText {
  key: string;
  title: string;
  /** The section's Markdown body (NoteSection.bodyMarkdown / parseNotes' body). */
  body: string;
}
