// A passage selected in the notes, as the back of a card (pure: the browser's selected text in, the
// card's text out). Runs of spaces and tabs become one space, each line is trimmed, blank lines are
// kept single, and a passage longer than a back may be is cut at a word, with an ellipsis.
import { BACK_MAX_CHARS } from "./limits";

export interface PassageText {
  text: string;
  /** True when the passage was longer than a card's back and was cut. */
  truncated: boolean;
}

export function passageText(selected: string, max = BACK_MAX_CHARS): PassageText {
  const text = selected
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (text.length <= max) return { text, truncated: false };
  const cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  // At the last space when it is near the end (a very long word is cut where it is).
  const kept = space > max * 0.8 ? cut.slice(0, space) : cut;
  return { text: `${kept.trimEnd()}…`, truncated: true };
}
