// Parses a JSON file (a content file, an uploaded question bank) and validates it with a zod schema,
// turning every problem into one that names the file, the line and column, and the JSON path.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { z } from "zod";

export interface JsonFileProblem {
  file: string;
  line: number;
  column: number;
  /** JSON path such as "questions[3].options", when the problem is inside a JSON value. */
  path?: string;
  message: string;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** "PropertyNameExpected" → "property name expected". */
const humanise = (code: string) => code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "");
}

/** The deepest node that exists along `path` (a missing key points at its parent object). */
function nearestNode(root: Node, path: readonly PropertyKey[]): Node {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length) as (string | number)[]);
    if (node) return node.parent?.type === "property" && length === path.length ? node.parent : node;
  }
  return root;
}

export function parseJsonFile<S extends z.ZodType>(text: string, file: string, schema: S): { value?: z.output<S>; problems: JsonFileProblem[] } {
  const errors: ParseError[] = [];
  const stripped = text.replace(/^\uFEFF/, "");
  const root = parseTree(stripped, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root && errors.length === 0) return { problems: [{ file, line: 1, column: 1, message: "the file is empty" }] };
  if (errors.length > 0 || !root) {
    return {
      // Only the first syntax error: the ones after it are usually its echoes.
      problems: errors
        .slice(0, 1)
        .map((error) => ({ file, ...lineAndColumn(stripped, error.offset), message: `invalid JSON: ${humanise(printParseErrorCode(error.error))}` })),
    };
  }
  const parsed = schema.safeParse(JSON.parse(stripped));
  if (parsed.success) return { value: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => {
      const node = nearestNode(root, issue.path as PropertyKey[]);
      return { file, ...lineAndColumn(stripped, node.offset), path: formatJsonPath(issue.path as PropertyKey[]) || undefined, message: issue.message };
    }),
  };
}

/** Line and column of the value at `path`, for problems found after validation (cross-file checks). */
export function locateJsonPath(text: string, path: (string | number)[]): { line: number; column: number } {
  const stripped = text.replace(/^\uFEFF/, "");
  const root = parseTree(stripped);
  if (!root) return { line: 1, column: 1 };
  return lineAndColumn(stripped, nearestNode(root, path).offset);
}
