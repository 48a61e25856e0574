// A notes section's Markdown as plain text: what a generated item may cite as its `source`.
// "As written in notes.md with Markdown emphasis and link syntax removed": **, *, _, ~~ and backticks
// go, [text](url) keeps its text, an image its alt text, a heading its words without #, a list item
// its words without the bullet or number, a table row its cells joined by " | ". Raw HTML, code-block
// fences and link definitions are syntax, not text. Every block becomes one line, its whitespace
// (line wraps included) collapsed to single spaces; characters are otherwise kept as written (curly
// quotes, en dashes). Pure: parsing only, with the same remark + GFM parser the notes page uses.
import type { PhrasingContent, Root, RootContent, Table } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

export type PlainBlockKind = "paragraph" | "heading" | "list-item" | "table-row" | "code";

/** A span of a block's text, [start, end), that was bold in the notes. */
export interface StrongSpan {
  start: number;
  end: number;
}

export interface PlainCell {
  text: string;
  strong: StrongSpan[];
}

export interface PlainBlock {
  kind: PlainBlockKind;
  text: string;
  /** The bold spans of `text` (for table rows: of the row's text, see `cells` for each cell's). */
  strong: StrongSpan[];
  /** Table rows only: the cells, and the table's header cells (a header row has itself as header). */
  cells?: PlainCell[];
  header?: string[];
  /** Table rows only: which table of the section (0-based) and which row of it (0 = header). */
  table?: number;
  row?: number;
}

export const TABLE_CELL_SEPARATOR = " | ";

const parser = unified().use(remarkParse).use(remarkGfm);

/** Builds one block's text, collapsing whitespace as it goes and recording bold spans. */
class InlineText {
  text = "";
  strong: StrongSpan[] = [];

  append(value: string): void {
    let piece = value.replace(/\s+/g, " ");
    if (this.text === "" || this.text.endsWith(" ")) piece = piece.replace(/^ /, "");
    this.text += piece;
  }

  phrasing(nodes: PhrasingContent[]): void {
    for (const node of nodes) this.node(node);
  }

  private node(node: PhrasingContent): void {
    switch (node.type) {
      case "text":
      case "inlineCode":
        this.append(node.value);
        return;
      case "break":
        this.append(" ");
        return;
      case "image":
      case "imageReference":
        this.append(node.alt ?? "");
        return;
      case "html":
      case "footnoteReference":
        return;
      case "strong": {
        let start = this.text.length;
        this.phrasing(node.children);
        if (this.text.startsWith(" ", start)) start++;
        const end = this.text.endsWith(" ") ? this.text.length - 1 : this.text.length;
        if (end > start) this.strong.push({ start, end });
        return;
      }
      default:
        if ("children" in node) this.phrasing(node.children as PhrasingContent[]);
    }
  }

  /** The text without its trailing space, spans clipped to it. */
  done(): PlainCell {
    const text = this.text.replace(/ $/, "");
    return { text, strong: this.strong.map((s) => ({ start: s.start, end: Math.min(s.end, text.length) })).filter((s) => s.start < s.end) };
  }
}

function inline(nodes: PhrasingContent[]): PlainCell {
  const builder = new InlineText();
  builder.phrasing(nodes);
  return builder.done();
}

function tableBlocks(table: Table, index: number): PlainBlock[] {
  const rows = table.children.map((row) => row.children.map((cell) => inline(cell.children)));
  const header = (rows[0] ?? []).map((c) => c.text);
  return rows.map((cells, row) => {
    let text = "";
    const strong: StrongSpan[] = [];
    cells.forEach((cell, i) => {
      if (i > 0) text += TABLE_CELL_SEPARATOR;
      strong.push(...cell.strong.map((s) => ({ start: s.start + text.length, end: s.end + text.length })));
      text += cell.text;
    });
    return { kind: "table-row", text, strong, cells, header, table: index, row };
  });
}

function collect(nodes: RootContent[], out: PlainBlock[], kind: "paragraph" | "list-item", tables: { count: number }): void {
  for (const node of nodes) {
    switch (node.type) {
      case "paragraph": {
        const { text, strong } = inline(node.children);
        if (text) out.push({ kind, text, strong });
        break;
      }
      case "heading": {
        const { text, strong } = inline(node.children);
        if (text) out.push({ kind: "heading", text, strong });
        break;
      }
      case "code": {
        // A code block keeps its lines: each is a line of the notes' text.
        for (const line of node.value.split("\n")) {
          const text = line.replace(/\s+/g, " ").trim();
          if (text) out.push({ kind: "code", text, strong: [] });
        }
        break;
      }
      case "table":
        out.push(...tableBlocks(node, tables.count++));
        break;
      case "list":
        for (const item of node.children) collect(item.children, out, "list-item", tables);
        break;
      case "blockquote":
      case "footnoteDefinition":
        collect(node.children, out, kind, tables);
        break;
      default:
        // html, definition, thematicBreak, yaml: syntax, not text.
        break;
    }
  }
}

/** The section's blocks of plain text, in the notes' order. */
export function plainBlocks(markdown: string): PlainBlock[] {
  const tree = parser.parse(markdown) as Root;
  const out: PlainBlock[] = [];
  collect(tree.children, out, "paragraph", { count: 0 });
  return out;
}

/** The section's plain text: one line per block. */
export function sectionPlainText(markdown: string): string {
  return plainBlocks(markdown)
    .map((b) => b.text)
    .join("\n");
}

/** A fragment of Markdown ("**Regression**: the output…") as plain text, its lines joined by spaces. */
export function markdownToPlain(fragment: string): string {
  return plainBlocks(fragment)
    .map((b) => b.text)
    .join(" ");
}

/**
 * The form citations are matched in: Unicode-compatibility folded (NFKC: non-breaking spaces,
 * "…"), typographic quotes and dashes as ASCII, whitespace runs (line wraps) as one space. Letters,
 * case, digits and punctuation are kept: only spellings of the same character are merged.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

const haystacks = new Map<string, string>();

function haystack(sectionBody: string): string {
  let text = haystacks.get(sectionBody);
  if (text === undefined) {
    // Lines joined by a space: a quote running from one list item into the next is still the notes' words in order.
    text = normalizeForMatching(
      plainBlocks(sectionBody)
        .map((b) => b.text)
        .join(" "),
    );
    if (haystacks.size >= 64) haystacks.delete(haystacks.keys().next().value!);
    haystacks.set(sectionBody, text);
  }
  return text;
}

/**
 * True when `source` is a verbatim piece of the section's plain text, up to whitespace and the
 * spelling of quotes and dashes. The source may be given as plain text or with the notes' Markdown
 * ("**Regression**: …", "| Parquet | binary |"): its markup is removed the same way first. Nothing
 * else is forgiven: a changed, added or missing word, a different case or punctuation is not in the
 * section, and an empty source (or one of punctuation only) cites nothing.
 */
export function sourceInSection(source: string, sectionBody: string): boolean {
  const text = haystack(sectionBody);
  const candidates = [source, markdownToPlain(source)].map((s) => normalizeForMatching(s).replace(/^\|\s*|\s*\|$/g, ""));
  return candidates.some((c) => /[\p{L}\p{N}]/u.test(c) && text.includes(c));
}
