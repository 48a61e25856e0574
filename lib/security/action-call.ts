// Server action calls arrive as POSTs that React's reply decoder reads before any of our code runs. It
// trusts its input: a "$"-prefixed string that names a chunk the body does not have ("$Q1", "$h1",
// "$T"), a body that is not JSON, or a multipart body without its root part makes it throw, and Next.js
// answers 500. This check runs in proxy.ts first and lets through only what React's own client sends
// for this app's actions (plain objects or FormData, see lib/actions/safe-action.ts).

/** "$"-strings that stand for a value in a one-part body: escapes, undefined, special numbers, dates, bigints. */
const INLINE_TOKEN = /^\$(?:\$.*|undefined|NaN|Infinity|-Infinity|-0|n-?\d{1,400}|D[0-9T:.Z+-]{1,40})$/s;
/** A FormData argument: its entries are the body's parts named "<n>_…". Only in multipart bodies. */
const FORM_DATA_TOKEN = /^\$K\d{1,9}$/;

export type ActionCallCheck = { ok: true } | { ok: false; message: string };

const refused = (message: string): ActionCallCheck => ({ ok: false, message });

function tokensAreKnown(value: unknown, multipart: boolean, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !value.startsWith("$") || INLINE_TOKEN.test(value) || (multipart && FORM_DATA_TOKEN.test(value));
  if (Array.isArray(value)) return value.every((item) => tokensAreKnown(item, multipart, depth + 1));
  if (value && typeof value === "object") {
    return Object.entries(value).every(([key, item]) => !key.startsWith("$") && tokensAreKnown(item, multipart, depth + 1));
  }
  return true;
}

function checkRoot(json: string, multipart: boolean): ActionCallCheck {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return refused("The action call is not valid JSON.");
  }
  if (!Array.isArray(root)) return refused("An action call's arguments must be a list.");
  if (!tokensAreKnown(root, multipart)) return refused("The action call refers to data it does not contain.");
  return { ok: true };
}

/** A one-part call (Content-Type text/plain): the arguments as JSON. */
export function checkTextActionCall(body: string): ActionCallCheck {
  return checkRoot(body, false);
}

/** A multipart call: part "0" holds the arguments; FormData entries are parts of their own. */
export function checkMultipartActionCall(form: FormData): ActionCallCheck {
  const root = form.get("0");
  if (typeof root !== "string") return refused("The action call has no arguments part.");
  return checkRoot(root, true);
}

/** Checks a POST carrying a Next-Action header, from its content type and body. */
export async function checkActionCall(request: Request): Promise<ActionCallCheck> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "text/plain") return checkTextActionCall(await request.text());
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return refused("The action call's multipart body cannot be read.");
    }
    return checkMultipartActionCall(form);
  }
  return refused("An action call must be sent as text/plain or multipart/form-data.");
}
