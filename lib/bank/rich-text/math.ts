// TeX math in question text and in the notes — \( … \) inline, $$ … $$ or \[ … \] displayed, as Moodle
// writes it — becomes MathML on the server (temml), which browsers lay out natively: no script, no
// web font. Code and preformatted text are left as they are; TeX that does not parse stays as text.
import type { Element, ElementContent, Root, Text } from "hast";
import rehypeParse from "rehype-parse";
import temml from "temml";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";

const MATH = /\\\((.+?)\\\)|\$\$(.+?)\$\$|\\\[(.+?)\\\]/gs;
const fragment = unified().use(rehypeParse, { fragment: true });

/** The MathML of one formula as hast, or null when the TeX does not parse. */
function mathml(tex: string, display: boolean): ElementContent[] | null {
  try {
    // trust: false (the default) refuses \href, \url and the like: a formula cannot link anywhere.
    const html = temml.renderToString(tex, { displayMode: display, throwOnError: true, annotate: true });
    return (fragment.parse(html) as Root).children as ElementContent[];
  } catch {
    return null;
  }
}

function splitText(node: Text): ElementContent[] | null {
  const parts: ElementContent[] = [];
  let from = 0;
  let found = false;
  for (const match of node.value.matchAll(MATH)) {
    const tex = match[1] ?? match[2] ?? match[3] ?? "";
    const rendered = mathml(tex, match[1] === undefined);
    if (!rendered) continue;
    found = true;
    if (match.index > from) parts.push({ type: "text", value: node.value.slice(from, match.index) });
    parts.push(...rendered);
    from = match.index + match[0].length;
  }
  if (!found) return null;
  if (from < node.value.length) parts.push({ type: "text", value: node.value.slice(from) });
  return parts;
}

/** Replaces the TeX in a tree's text with MathML, in place. */
export function texToMathml(tree: Root | Element): void {
  visit(tree, (node, index, parent) => {
    if (node.type === "element" && ["code", "pre", "math", "script", "style"].includes(node.tagName)) return SKIP;
    if (node.type !== "text" || !parent || index === undefined || (!node.value.includes("\\") && !node.value.includes("$$"))) return;
    const parts = splitText(node);
    if (!parts) return;
    parent.children.splice(index, 1, ...parts);
    return index + parts.length;
  });
}

/** The rehype plugin form, for the notes' Markdown pipeline. */
export const rehypeTexToMathml = () => (tree: Root) => texToMathml(tree);
