// Question text that arrives as HTML (Moodle XML's format="html", GIFT's [html]) is kept as HTML, in
// a safe subset: paragraphs, emphasis, lists, code, tables, links and images. Nothing else survives:
// no scripts, styles, event handlers, forms or frames; links only to http(s) and mailto (opened
// without the page's opener); images only from this server's question files (Moodle's
// @@PLUGINFILE@@ references, resolved to the stored file by its content hash). Run on import and
// again on every render, so even a row written by other means cannot carry markup that runs.
import type { Element, Nodes, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { sanitize, type Schema } from "hast-util-sanitize";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/** Where a stored question file is served (signed-in users only: app/api/question-files). */
export const QUESTION_FILE_PATH = /^\/api\/question-files\/[0-9a-f]{64}$/;

export const questionFileUrl = (hash: string) => `/api/question-files/${hash}`;

const SCHEMA: Schema = {
  strip: ["script", "style", "template", "noscript", "iframe", "object", "embed", "head", "title", "svg", "math", "form", "textarea", "select", "button"],
  tagNames: [
    ...["p", "br", "hr", "div", "span", "blockquote", "h3", "h4", "h5", "h6"],
    ...["strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "code", "kbd", "samp", "pre"],
    ...["ul", "ol", "li", "dl", "dt", "dd"],
    ...["table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"],
    ...["a", "img", "figure", "figcaption"],
  ],
  attributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title", "width", "height"],
    ol: ["start"],
    th: ["colSpan", "rowSpan", "scope"],
    td: ["colSpan", "rowSpan"],
    code: [["className", /^language-[a-z0-9-]+$/]],
  },
  protocols: { href: ["http", "https", "mailto"] },
  allowComments: false,
  allowDoctypes: false,
};

const parser = unified().use(rehypeParse, { fragment: true });

/** The file a `src` names: `@@PLUGINFILE@@/name` (Moodle's reference) resolved by `resolve`, or this server's question file URL. */
function imageSource(src: string, resolve: (name: string) => string | null): string | null {
  if (QUESTION_FILE_PATH.test(src)) return src;
  const plugin = src.match(/^@@PLUGINFILE@@\/(.+)$/);
  if (!plugin) return null;
  let name = plugin[1]!;
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape: the name as written.
  }
  return resolve(name);
}

/**
 * The HTML in the safe subset, as a string. `resolve` maps a Moodle file name to this server's URL
 * (null: not in the file); an image whose source is anything else is replaced by its alt text.
 */
export function sanitizeQuestionHtml(html: string, resolve: (name: string) => string | null = () => null): string {
  const tree = parser.parse(html) as Root;
  visit(tree, "element", (node: Element, index, parent) => {
    if (node.tagName !== "img" || !parent || index === undefined) return;
    const src = imageSource(String(node.properties.src ?? ""), resolve);
    if (src) node.properties = { ...node.properties, src };
    else parent.children.splice(index, 1, { type: "text", value: String(node.properties.alt ?? "") });
  });
  const clean = sanitize(tree, SCHEMA) as Nodes;
  visit(clean, "element", (node: Element) => {
    if (node.tagName === "a") node.properties = { ...node.properties, rel: ["noopener", "noreferrer", "nofollow"] };
    // The sanitiser keeps relative sources; only this server's question files may stay.
    if (node.tagName === "img" && !QUESTION_FILE_PATH.test(String(node.properties.src ?? ""))) delete node.properties.src;
  });
  return toHtml(clean, { characterReferences: { useNamedReferences: true } });
}

/** Plain text as HTML that shows the same text: escaped, line breaks kept. */
export function textAsHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>");
}
