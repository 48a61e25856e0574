// One serialisation per value, whatever order its keys were written in: what a content hash is taken
// of (a podcast script's hash, the identity of a bank question that has no id).

/** JSON with object keys sorted, so a value hashes the same whatever order its keys were stored in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
