// Splits a lecture's notes.md into sections. Each section starts with a level-2 heading that carries
// a stable id: "## Data formats {#data-formats}". The id keeps links and reading progress stable when
// the title is reworded.
import type { ContentProblem } from "./errors";
import { KEY_PATTERN } from "../ids";

export interface NoteSectionSource {
  key: string;
  title: string;
  position: number;
  /** The section's Markdown without its heading. */
  body: string;
  /** 1-based line of the heading in notes.md. */
  line: number;
}

const SECTION_HEADING = /^##\s+(.+?)\s*\{#([^}]*)\}\s*$/;
const ANY_H2 = /^##\s+\S/;

export function parseNotes(markdown: string, file: string): { title: string | null; sections: NoteSectionSource[]; problems: ContentProblem[] } {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const problems: ContentProblem[] = [];
  const sections: NoteSectionSource[] = [];
  let title: string | null = null;
  let current: { key: string; title: string; line: number; body: string[] } | null = null;
  let inFence = false;

  const close = () => {
    if (!current) return;
    const body = current.body.join("\n").trim();
    if (!body) problems.push({ file, line: current.line, message: `section "${current.key}" has no text` });
    sections.push({ key: current.key, title: current.title, position: sections.length, body, line: current.line });
  };

  lines.forEach((text, index) => {
    const line = index + 1;
    if (/^(```|~~~)/.test(text)) inFence = !inFence;
    if (!inFence && ANY_H2.test(text)) {
      const match = SECTION_HEADING.exec(text);
      if (!match) {
        problems.push({ file, line, message: `section heading "${text.trim()}" needs a stable id, like "## Data formats {#data-formats}"` });
        return;
      }
      const [, heading, key] = match as unknown as [string, string, string];
      if (!KEY_PATTERN.test(key)) problems.push({ file, line, message: `section id "${key}" must be lowercase letters, digits and hyphens` });
      const duplicate = sections.find((s) => s.key === key) ?? (current?.key === key ? current : null);
      if (duplicate) problems.push({ file, line, message: `section id "${key}" is used twice (first on line ${duplicate.line})` });
      close();
      current = { key, title: heading, line, body: [] };
      return;
    }
    if (current) {
      current.body.push(text);
    } else if (!inFence && /^#\s+\S/.test(text) && title === null) {
      title = text.replace(/^#\s+/, "").trim();
    } else if (text.trim()) {
      problems.push({ file, line, message: 'text before the first section: start every section with "## Title {#id}"' });
    }
  });
  close();
  if (inFence) problems.push({ file, line: lines.length, message: "a code fence (```) is never closed" });
  if (sections.length === 0 && problems.length === 0) problems.push({ file, line: 1, message: 'no sections: start each with "## Title {#id}"' });
  return { title, sections, problems };
}
