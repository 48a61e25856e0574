// A NUL byte can never be stored (PostgreSQL text refuses it, and the database would answer with an
// error, not a validation message). Every action's input is checked for one before its schema runs,
// so each action's zod schema need not repeat the rule and none can forget it.

const MAX_DEPTH = 32;

/** The fields (as dotted paths) whose text holds a NUL byte, each with the message to show. */
export function nulByteFieldErrors(input: unknown): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const visit = (value: unknown, path: string[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (typeof value === "string") {
      if (value.includes("\u0000")) errors[path.join(".") || "_form"] = ["This field contains a character that is not allowed (a NUL byte)."];
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, String(index)], depth + 1));
    } else if (value && typeof value === "object" && !(value instanceof Blob)) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes("\u0000")) errors[[...path, key.replace(/\u0000/g, "")].join(".")] = ["A field name contains a NUL byte."];
        visit(item, [...path, key], depth + 1);
      }
    }
  };
  visit(input, [], 0);
  return Object.keys(errors).length > 0 ? errors : null;
}
