// Which format a stored version's texts are in (its data says "html", or they are plain), and those
// texts as plain words for the places that show words only (the dashboard, review cards, previews).
import { htmlToText } from "../formats/html-text";

export type TextFormat = "plain" | "html";

export const versionFormat = (data: unknown): TextFormat => ((data as { format?: string } | null)?.format === "html" ? "html" : "plain");

/** A text of a question in `format` as plain words. */
export const plainText = (format: TextFormat | undefined) => (format === "html" ? htmlToText : (text: string) => text);
