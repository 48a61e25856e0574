// npx tsx scripts/generate-check.ts --lecture <slug> [--json] [--include-flawed]
// Runs the offline generator (lib/generate/offline) on one lecture's notes, read from the content files
// (no database), and prints its items: a summary per section, or with --json exactly one JSON line
// {"items":[{kind, section, source, front, back, stem, options, answer, lint}]}. --include-flawed adds
// the items the linter rejects, each with its flaws.
import path from "node:path";
import { readContentTree } from "../lib/content/read";
import { generateOffline } from "../lib/generate/offline";
import type { GeneratedDraft } from "../lib/generate/types";
import { projectRoot } from "./lib/run";

const USAGE = "Usage: npx tsx scripts/generate-check.ts --lecture <slug> [--json] [--include-flawed]";

interface Options {
  lecture: string;
  json: boolean;
  includeFlawed: boolean;
}

class UsageError extends Error {}

function parseOptions(args: string[]): Options {
  let lecture: string | null = null;
  let json = false;
  let includeFlawed = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--include-flawed") includeFlawed = true;
    else if (arg === "--lecture") {
      const value = args[++i];
      if (!value || value.startsWith("--")) throw new UsageError(`--lecture takes a lecture's slug. ${USAGE}`);
      lecture = value;
    } else if (arg.startsWith("--lecture=")) lecture = arg.slice("--lecture=".length);
    else throw new UsageError(`Unknown option "${arg}". ${USAGE}`);
  }
  if (!lecture) throw new UsageError(`--lecture is required. ${USAGE}`);
  return { lecture, json, includeFlawed };
}

/** The item with its keys in the documented order, whatever order the generator built it in. */
function ordered(item: GeneratedDraft): GeneratedDraft {
  const { kind, section, source, front, back, stem, options, answer, lint } = item;
  return { kind, section, source, front, back, stem, options, answer, lint };
}

function describe(item: GeneratedDraft): string {
  const flaws = item.lint.length ? `\n      flaws: ${item.lint.join(" ")}` : "";
  if (item.kind === "MCQ") {
    const options = item.options.map((o, i) => `      ${o === item.answer ? "*" : " "} ${String.fromCharCode(65 + i)}. ${o}`).join("\n");
    return `  [MCQ] ${item.stem}\n${options}${flaws}`;
  }
  return `  [${item.kind}] ${item.front}\n      → ${item.back}${flaws}`;
}

function summary(items: GeneratedDraft[], sections: { key: string; title: string }[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    const own = items.filter((i) => i.section === section.key);
    const counts = ["CLOZE", "TERM", "DEFINITION", "MCQ"].map((kind) => `${own.filter((i) => i.kind === kind).length} ${kind}`).join(", ");
    lines.push(`## ${section.title} {#${section.key}}: ${own.length} item(s) (${counts})`);
    lines.push(...own.map(describe), "");
  }
  const flawed = items.filter((i) => i.lint.length > 0).length;
  lines.push(`${items.length} item(s)${flawed ? `, ${flawed} of them flawed` : ""}.`);
  return lines.join("\n");
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const root = path.resolve(projectRoot, process.env.CONTENT_DIR || "content");
  const tree = readContentTree(root);
  // The folder's name ("01-<slug>") is accepted too: it is what one sees in content/lectures/.
  const lecture = tree.lectures.find((l) => l.lecture.slug === options.lecture) ?? tree.lectures.find((l) => l.folder === options.lecture);
  if (!lecture) {
    const known = tree.lectures.map((l) => l.lecture.slug).join(", ") || "none";
    throw new Error(`No lecture with slug "${options.lecture}". Known slugs: ${known}.`);
  }
  const sections = lecture.sections.map((s) => ({ key: s.key, title: s.title, body: s.body }));
  const items = generateOffline(sections, { includeFlawed: options.includeFlawed });
  if (options.json) process.stdout.write(`${JSON.stringify({ items: items.map(ordered) })}\n`);
  else console.log(summary(items, sections));
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
