// Collapses a storm of connection errors into two lines: "database unreachable" when the first one
// arrives, and "database reachable again after N s, M requests refused" when a query succeeds again.
// During a 10 s outage with 20 students the old logs had 10,900 lines; a person needs these two.
import { log, serializeError, type LogFields } from "./logger";

export interface OutageEvents {
  unreachable(fields: LogFields): void;
  reachable(fields: LogFields): void;
}

const logEvents: OutageEvents = {
  unreachable: (fields) => log.error("database unreachable", fields),
  reachable: (fields) => log.warn("database reachable again", fields),
};

/** A two-state tracker (reachable / unreachable). The clock and the events are injectable for tests. */
export function createOutageTracker(options: { events?: OutageEvents; now?: () => number } = {}) {
  const events = options.events ?? logEvents;
  const now = options.now ?? Date.now;
  let downSince: number | null = null;
  let failures = 0;
  let refused = 0;

  return {
    /** A connection-class error (the pool's, or one a request ran into). */
    recordFailure(error: unknown, options: { refusedRequest?: boolean } = {}): void {
      failures += 1;
      if (options.refusedRequest) refused += 1;
      if (downSince !== null) return;
      downSince = now();
      events.unreachable({ cause: serializeError(error) });
    },
    /** Any query that succeeded: ends an outage, if there was one. */
    recordSuccess(): void {
      if (downSince === null) return;
      const seconds = Math.round((now() - downSince) / 100) / 10;
      events.reachable({ downForSeconds: seconds, requestsRefused: refused, errors: failures });
      downSince = null;
      failures = 0;
      refused = 0;
    },
    get isDown(): boolean {
      return downSince !== null;
    },
  };
}

export type OutageTracker = ReturnType<typeof createOutageTracker>;
