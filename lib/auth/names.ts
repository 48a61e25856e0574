// Names that people type and staff read (sign-up names, cohort names, search text). Pure.
//
// Invisible and direction-changing characters let one account pass for another in a list of names:
// "Ada\u200BLovelace" looks like "Ada Lovelace"'s twin, and a right-to-left override (U+202E) shows
// "moc.elpmaxe" as "example.com". They are removed, not rejected: nobody types them on purpose, and a
// name pasted from a chat or a PDF often carries a zero-width space or a soft hyphen.

/**
 * Format characters that draw nothing or reorder text: soft hyphen, Arabic letter mark, Mongolian vowel
 * separator, zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings and overrides (U+202A–U+202E),
 * word joiner and invisible operators (U+2060–U+2064), bidi isolates (U+2066–U+2069), byte-order mark.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** C0 and C1 control characters (NUL, tab, newline, escape, …): read as a space between words. */
const CONTROL_CHARACTERS = "[\\u0000-\\u001f\\u007f-\\u009f]";
const CONTROL = new RegExp(CONTROL_CHARACTERS, "g");
const ANY_CONTROL = new RegExp(CONTROL_CHARACTERS);

/** True when `value` holds a C0/C1 control character (NUL included). */
export function hasControlCharacter(value: string): boolean {
  return ANY_CONTROL.test(value);
}

/**
 * The name as it is stored and shown: invisible and bidi-control characters removed, control
 * characters and runs of any kind of whitespace turned into one space, trimmed, in Unicode NFC (so
 * "é" typed as e + combining accent equals the precomposed "é"). An empty result means "no name".
 */
export function normalizeName(raw: string): string {
  return raw.replace(INVISIBLE, "").replace(CONTROL, " ").normalize("NFC").replace(/\s+/gu, " ").trim();
}
