// Random and hostile values for the fuzz spec: strings that have broken parsers, databases and URL
// handling before, numbers at and past every edge, and the real ids of another user's rows (so that
// ownership checks are exercised, not only "not found").
import fc from "fast-check";

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%00",
  "\u202e\u200bevil",
  "\ud800",
  "../../../etc/passwd",
  "..%2f..%2f",
  "//evil.example/phish",
  "/\\evil.example",
  "http://evil.example/",
  "javascript:alert(1)",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '=HYPERLINK("http://evil.example")',
  "constructor",
  "__proto__",
  "toString",
  "$K1",
  "$Q1",
  "$undefined",
  "9999-99-99",
  "2026-02-30",
  "-1",
  "0",
  "1e400",
  "NaN",
  "Infinity",
  "18446744073709551616",
  "STUDENT",
  "ADMIN",
  "x".repeat(5000),
  "🦄".repeat(100),
];

const HOSTILE_NUMBERS = [0, -1, 1, 0.5, -0, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 1e-300];

export function hostileString(knownIds: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: knownIds.length > 0 ? 3 : 0, arbitrary: knownIds.length > 0 ? fc.constantFrom(...knownIds) : fc.constant("") },
  );
}

/** Any JSON value a hostile client could send, hostile strings included, a few levels deep. */
export function hostileValue(knownIds: readonly string[] = []): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    hostileString(knownIds),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(hostileString(), tie("value"), { maxKeys: 3 }),
    ),
  })).value;
}

/** An object with some of an input's own keys (hostile values), sometimes extra ones; or anything at all. */
export function hostileInput(keys: readonly string[], knownIds: readonly string[]): fc.Arbitrary<unknown> {
  const record = fc.record(Object.fromEntries(keys.map((key) => [key, hostileValue(knownIds)])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 4, arbitrary: record },
    { weight: 1, arbitrary: fc.tuple(record, fc.dictionary(hostileString(), hostileValue(), { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a })) },
    { weight: 1, arbitrary: hostileValue(knownIds) },
  );
}

/**
 * Search parameters: the app's own names and random ones, with hostile values (repeated sometimes).
 * Each value is cut to 1,000 characters: a redirect echoes the URL in its Location header, and past
 * 16 KB of headers the test's own HTTP client refuses the answer (browsers and proxies cap URLs lower).
 */
export function hostileSearch(names: readonly string[], knownIds: readonly string[]): fc.Arbitrary<[string, string][]> {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileString() });
  const value = hostileString(knownIds).map((v) => v.slice(0, 1000));
  return fc.array(fc.tuple(name, value), { maxLength: 5 });
}
