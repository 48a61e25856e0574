// A question's text as the page shows it: HTML (sanitised again, whatever is stored) or plain text
// (escaped, line breaks kept), with its TeX as MathML. The result is safe to insert as HTML.
import type { Root } from "hast";
import { toHtml } from "hast-util-to-html";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import type { TextFormat } from "./format";
import { texToMathml } from "./math";
import { sanitizeQuestionHtml, textAsHtml } from "./sanitize";

/** HTML that came out of renderRichText: the only HTML the pages insert. */
export type SafeHtml = string & { readonly __safe: unique symbol };

export type { TextFormat };

const fragment = unified().use(rehypeParse, { fragment: true });

export function renderRichText(text: string, format: TextFormat = "plain"): SafeHtml {
  const html = format === "html" ? sanitizeQuestionHtml(text) : textAsHtml(text);
  if (!html.includes("\\") && !html.includes("$$")) return html as SafeHtml;
  const tree = fragment.parse(html) as Root;
  texToMathml(tree);
  return toHtml(tree, { characterReferences: { useNamedReferences: true } }) as SafeHtml;
}
