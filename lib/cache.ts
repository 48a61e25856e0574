// A small per-process cache with a time to live, for content that changes only when the course
// content is reloaded. Each app replica keeps its own copy; nothing here is per-user.
export function ttlCache<T>(ttlMs: number) {
  const entries = new Map<string, { expires: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.value;
      const value = load();
      // Keys that change (a stamp in the key) leave expired entries behind: drop them now and then.
      if (entries.size >= 64) for (const [k, entry] of entries) if (entry.expires <= now) entries.delete(k);
      entries.set(key, { expires: now + ttlMs, value });
      // Failures and misses are not remembered.
      value.then(
        (result) => result === null && entries.delete(key),
        () => entries.delete(key),
      );
      return value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
