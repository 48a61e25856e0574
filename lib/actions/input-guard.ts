// A NUL byte can never be stored (PostgreSQL text refuses it), and half of a surrogate pair is not
// Unicode at all (Prisma's query encoder fails on it): either would be a database error, a 500, not a
// validation message. Every action's input is checked before its schema runs, so each action's zod
// schema need not repeat the rule and none can forget it.

const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemWith(text: string): string | null {
  if (text.includes("\u0000")) return "This field contains a character that is not allowed (a NUL byte).";
  if (LONE_SURROGATE.test(text)) return "This field contains text that is not valid Unicode.";
  return null;
}

/** The fields (as dotted paths) whose text holds a NUL byte, each with the message to show. */
export function nulByteFieldErrors(input: unknown): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const visit = (value: unknown, path: string[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (typeof value === "string") {
      const problem = problemWith(value);
      if (problem) errors[path.join(".") || "_form"] = [problem];
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, String(index)], depth + 1));
    } else if (value && typeof value === "object" && !(value instanceof Blob)) {
      for (const [key, item] of Object.entries(value)) {
        const badKey = key.includes("\u0000") ? "A field name contains a NUL byte." : LONE_SURROGATE.test(key) ? "A field name is not valid Unicode." : null;
        if (badKey) errors[[...path, key.replace(/\u0000/g, "").replace(new RegExp(LONE_SURROGATE, "g"), "")].join(".")] = [badKey];
        visit(item, [...path, key], depth + 1);
      }
    }
  };
  visit(input, [], 0);
  return Object.keys(errors).length > 0 ? errors : null;
}
