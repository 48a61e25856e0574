// Next.js hands a page its query as a record whose values repeat when the parameter does
// (`?page=1&page=2` gives ["1", "2"]). Pages read one value each, the first, then validate it.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, or undefined when it is absent. */
export function firstSearchParam(value: string | string[] | null | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}
