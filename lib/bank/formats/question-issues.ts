// A question that fails the bank's model, described as a teacher reads it: "option 3: must not be
// empty", not "options.2.text: …". Every parser of an outside format reports its questions' checks
// through here; the project's own JSON format keeps its paths (they are the file's own).
import type { z } from "zod";
import { bankQuestion } from "../schemas";
import type { ParsedQuestion } from "../types";

const LIST_NAMES: Record<string, string> = { options: "option", answers: "answer", pairs: "pair", parts: "gap" };
const FIELD_NAMES: Record<string, string> = {
  stem: "the question text",
  text: "its text",
  prompt: "its prompt",
  answer: "its answer",
  fraction: "its grade",
  tolerance: "its tolerance",
  feedback: "its feedback",
  maxMark: "the default mark",
  name: "the question name",
  idnumber: "the ID number",
  section: "the notes section",
  topic: "the topic",
  value: "its value",
};

/** Where in the question an issue is, in words ("option 3, its text"), or "" for the whole question. */
export function describePath(path: readonly PropertyKey[]): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const part = String(path[i]);
    const list = LIST_NAMES[part];
    if (list && typeof path[i + 1] === "number") {
      words.push(`${list} ${(path[i + 1] as number) + 1}`);
      i++;
    } else if (list) words.push(`the ${part}`);
    else words.push(FIELD_NAMES[part] ?? part);
  }
  return words.join(", ");
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = describePath(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** The question checked against the bank's model: the question (its id as the file gave it), or the messages. */
export function checkQuestion(question: Record<string, unknown>): { question: ParsedQuestion } | { messages: string[] } {
  const checked = bankQuestion.safeParse({ id: "placeholder", ...question });
  if (!checked.success) return { messages: checked.error.issues.map(describeIssue) };
  const { id, ...rest } = checked.data;
  return { question: (id === "placeholder" ? rest : { id, ...rest }) as ParsedQuestion };
}
