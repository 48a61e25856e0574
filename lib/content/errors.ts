// Content problems, each located by file and line (and the JSON path where there is one).

export interface ContentProblem {
  /** Path relative to the content root, e.g. "lectures/01-x/questions.json". */
  file: string;
  line?: number;
  column?: number;
  /** JSON path such as "questions[3].options", when the problem is inside a JSON value. */
  path?: string;
  message: string;
}

export function formatProblem(problem: ContentProblem): string {
  const where = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(":");
  return `${where}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`;
}

export class ContentValidationError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`The course content has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "ContentValidationError";
  }
}
