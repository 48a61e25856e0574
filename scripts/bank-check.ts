// npm run -s bank:check -- [--json] [--convert-windows-1252] FILE...
// Reads question-bank files (JSON, CSV, GIFT, Aiken, Moodle XML) as the importer does, with no
// database, and reports what each holds and every problem. Exit status: 0 when no file has an error,
// 1 when one has, 2 on a usage error (an unknown option, no file, a file that cannot be read).
import { readFileSync } from "node:fs";
import { checkedFile, hasErrors, type CheckedFile } from "../lib/bank/check/report";
import { parseUpload } from "../lib/bank/import/upload";

const USAGE = "usage: npm run -s bank:check -- [--json] [--convert-windows-1252] FILE...";

function usage(message: string): never {
  process.stderr.write(`bank:check: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function describe(file: CheckedFile): string {
  const errors = file.problems.filter((p) => p.severity === "error").length;
  const lines = [
    `${file.file} (${file.format ?? "unknown format"}): ${file.questions.length} question(s), ${errors} error(s), ${file.problems.length - errors} warning(s)`,
  ];
  for (const q of file.questions) lines.push(`  ${q.type.padEnd(11)} ${q.name || q.stem.replace(/\s+/g, " ").slice(0, 70)}`);
  for (const p of file.problems)
    lines.push(`  ${p.line}:${p.column}${p.path ? ` ${p.path}` : ""} ${p.severity}: ${p.message}${p.question ? ` (${p.question})` : ""}`);
  return lines.join("\n");
}

function main(): void {
  const args = process.argv.slice(2);
  const options = new Set(args.filter((a) => a.startsWith("--")));
  const files = args.filter((a) => !a.startsWith("--"));
  for (const option of options) if (option !== "--json" && option !== "--convert-windows-1252") usage(`unknown option ${option}`);
  if (files.length === 0) usage("name at least one file");
  const checked = files.map((file) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      usage(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return checkedFile(file, parseUpload(file, bytes, { convert: options.has("--convert-windows-1252") }));
  });
  process.stdout.write(options.has("--json") ? `${JSON.stringify({ files: checked })}\n` : `${checked.map(describe).join("\n\n")}\n`);
  process.exitCode = hasErrors(checked) ? 1 : 0;
}

main();
