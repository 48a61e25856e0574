// Question text that arrives as HTML (Moodle XML, GIFT's [html]) becomes plain text on import: the
// words, with paragraphs, line breaks and list items kept as lines, and nothing else (no tags,
// attributes, scripts or styles). The app shows question text as text, so imported markup can never
// run or restyle a page.
import type { Element, Nodes, Root } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";

const BLOCKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "table",
  "tr",
  "blockquote",
  "pre",
  "figure",
  "hr",
]);
const DROPPED = new Set(["script", "style", "template", "noscript", "iframe", "object", "embed", "head", "title"]);

export function htmlToText(html: string): string {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
  let out = "";
  const walk = (node: Nodes, pre: boolean) => {
    if (node.type === "text") {
      out += pre ? node.value : node.value.replace(/\s+/g, " ");
      return;
    }
    if (node.type !== "element" && node.type !== "root") return;
    const element = node.type === "element" ? (node as Element) : null;
    if (element && DROPPED.has(element.tagName)) return;
    if (element?.tagName === "br") {
      out += "\n";
      return;
    }
    const block = element ? BLOCKS.has(element.tagName) : false;
    if (block) out += "\n";
    if (element?.tagName === "li") out += "• ";
    for (const child of node.children) walk(child as Nodes, pre || element?.tagName === "pre");
    if (block) out += "\n";
  };
  walk(tree, false);
  return out
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Plain text as HTML that htmlToText reads back as the same text. */
export function textToHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>");
}
