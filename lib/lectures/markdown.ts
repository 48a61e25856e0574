// Renders a notes section's Markdown (GitHub-flavoured) to sanitised HTML: no raw HTML, no scripts,
// no event handlers or javascript: links, whatever the content files contain. TeX math (\( … \),
// $$ … $$, \[ … \]) becomes MathML after the sanitiser has run (the MathML is the renderer's own).
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { rehypeTexToMathml } from "../bank/rich-text/math";

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSlug)
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: "notes-" })
  .use(rehypeTexToMathml)
  .use(rehypeStringify);

/**
 * Markdown reads "\(" as an escaped "(": outside code, the TeX delimiters' backslashes are doubled
 * so that the text keeps them for the math step.
 */
function keepTexDelimiters(markdown: string): string {
  return markdown
    .split(/(```[\s\S]*?```|`[^`\n]*`)/g)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\\([()[\]])/g, "\\\\$1")))
    .join("");
}

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(keepTexDelimiters(markdown)));
}
