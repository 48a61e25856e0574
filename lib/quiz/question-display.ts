// What a student sees to answer a question, by type, and nothing of its key: the options of a choice;
// a box for a short answer, a number or an essay; a matching question's prompts and its choices (the
// distinct answers, shuffled, with extra distractors among them); a cloze question's text with its
// gaps (a box, or a choice whose options may be shuffled). Shuffles are seeded, so a reload shows the
// same order. Pure, so the server builds it and the page (a client component) takes its types.
import type { SafeHtml } from "../bank/rich-text/render";
import type { ClozePart } from "../bank/schemas";
import { seededShuffle } from "../random";
import { matchingParts } from "../bank/answers/grading";
import { htmlToText } from "../bank/formats/html-text";

export interface ChoiceOption {
  /** What the page sends back: an option key (choice) or an index (matching, cloze choices). */
  value: string;
  text: string;
}

export type ClozeGap = { kind: "text" | "number" } | { kind: "choice"; multiple: boolean; display: ClozePart["display"]; options: ChoiceOption[] };

/** A choice question's option: its text rendered (rich-text/render.ts). */
export interface RichOption {
  value: string;
  html: SafeHtml;
}

export type QuestionDisplay =
  | { kind: "choice"; multiple: boolean; options: RichOption[] }
  | { kind: "text"; input: "short" | "number" | "essay" }
  | { kind: "matching"; prompts: string[]; choices: ChoiceOption[] }
  | { kind: "cloze"; segments: ({ text: string } | { gap: number })[]; gaps: ClozeGap[] };

/** The text around the gaps `{#1}`, `{#2}`, … of a cloze question's stem. */
export function clozeSegments(stem: string): ({ text: string } | { gap: number })[] {
  const segments: ({ text: string } | { gap: number })[] = [];
  let from = 0;
  for (const match of stem.matchAll(/\{#(\d+)\}/g)) {
    if (match.index > from) segments.push({ text: stem.slice(from, match.index) });
    segments.push({ gap: Number(match[1]) - 1 });
    from = match.index + match[0].length;
  }
  if (from < stem.length) segments.push({ text: stem.slice(from) });
  return segments;
}

const indexed = (texts: readonly string[]): ChoiceOption[] => texts.map((text, i) => ({ value: String(i), text }));

/**
 * The display of one question. `options` are the choice options in the order this attempt shows
 * them; `data` is the version's type-specific data, of which only prompts, choices and gap options
 * are used.
 */
export function questionDisplay(type: string, stem: string, options: readonly RichOption[], data: unknown, seed: number): QuestionDisplay {
  const d = (data ?? {}) as Record<string, unknown>;
  switch (type) {
    case "SHORT_ANSWER":
      return { kind: "text", input: "short" };
    case "NUMERICAL":
      return { kind: "text", input: "number" };
    case "ESSAY":
      return { kind: "text", input: "essay" };
    case "MATCHING": {
      const { prompts, choices } = matchingParts((d.pairs as { prompt: string; answer: string }[] | undefined) ?? []);
      // Moodle always shuffles a matching question's choices.
      return { kind: "matching", prompts: prompts.map((p) => p.prompt), choices: seededShuffle(indexed(choices), seed) };
    }
    case "CLOZE": {
      const parts = (d.parts as ClozePart[] | undefined) ?? [];
      const gaps = parts.map((part, i): ClozeGap => {
        if (part.kind === "shortanswer") return { kind: "text" };
        if (part.kind === "numerical") return { kind: "number" };
        const choices = indexed(part.answers.map((a) => a.text));
        return {
          kind: "choice",
          multiple: part.kind === "multiple",
          display: part.display,
          options: part.shuffle ? seededShuffle(choices, seed + i + 1) : choices,
        };
      });
      return { kind: "cloze", segments: clozeSegments(stem), gaps };
    }
    default:
      return { kind: "choice", multiple: type === "MULTIPLE_CHOICE", options: [...options] };
  }
}

/** A choice question's options as keys and their texts as text ([] for the other types). */
export function optionsOf(display: QuestionDisplay): { key: string; text: string }[] {
  return display.kind === "choice" ? display.options.map((o) => ({ key: o.value, text: htmlToText(o.html) })) : [];
}
