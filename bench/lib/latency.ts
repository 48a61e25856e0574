// Latency bookkeeping and load shapes for the HTTP benchmarks: a closed loop (N workers, each sending
// its next request when the last one answered) and an open burst (requests fired on a schedule,
// whatever the answers).

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export interface Figures {
  count: number;
  errors: number;
  seconds: number;
  /** Requests answered per second over the phase. */
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

/** One phase's answered requests, by operation, with its errors (the first few kept as samples). */
export class Phase {
  private readonly latencies = new Map<string, number[]>();
  private readonly errorCounts = new Map<string, number>();
  readonly errorSamples: string[] = [];
  private readonly startedAt = performance.now();
  private endedAt: number | null = null;
  /** Requests sent, answered or not. */
  sent = 0;

  /** Times one request; `check` says whether its answer is the expected one (else an error, with its text). */
  async time(operation: string, send: () => Promise<Response>, check: (response: Response, body: string) => boolean): Promise<string | null> {
    this.sent += 1;
    const t0 = performance.now();
    let body: string;
    let ok: boolean;
    try {
      const response = await send();
      body = await response.text();
      ok = check(response, body);
      if (!ok) this.error(operation, `status ${response.status} ${body.slice(0, 160)}`);
    } catch (error) {
      this.error(operation, error instanceof Error ? error.message : String(error));
      return null;
    }
    const list = this.latencies.get(operation) ?? [];
    list.push(performance.now() - t0);
    this.latencies.set(operation, list);
    return ok ? body : null;
  }

  error(operation: string, what: string): void {
    this.errorCounts.set(operation, (this.errorCounts.get(operation) ?? 0) + 1);
    if (this.errorSamples.length < 5) this.errorSamples.push(`${operation}: ${what}`);
  }

  end(): this {
    this.endedAt ??= performance.now();
    return this;
  }

  /** The figures of the given operations together (all of them by default). */
  figures(operations: readonly string[] = [...new Set([...this.latencies.keys(), ...this.errorCounts.keys()])]): Figures {
    const seconds = ((this.endedAt ?? performance.now()) - this.startedAt) / 1000;
    const sorted = operations.flatMap((op) => this.latencies.get(op) ?? []).sort((a, b) => a - b);
    const errors = operations.reduce((sum, op) => sum + (this.errorCounts.get(op) ?? 0), 0);
    return {
      count: sorted.length,
      errors,
      seconds: round1(seconds),
      rps: seconds > 0 ? round1(sorted.length / seconds) : 0,
      p50_ms: round1(percentile(sorted, 50)),
      p95_ms: round1(percentile(sorted, 95)),
      p99_ms: round1(percentile(sorted, 99)),
      max_ms: round1(sorted.at(-1) ?? 0),
    };
  }

  operations(): string[] {
    return [...this.latencies.keys()];
  }
}

/** Runs `jobs` with `concurrency` workers, each taking the next job when its last one finished. */
export async function closedLoop<T>(jobs: readonly T[], concurrency: number, run: (job: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const index = next++;
        await run(jobs[index]!, index);
      }
    }),
  );
}

/** Starts job i at i × windowMs / jobs.length after now, without waiting for earlier ones to answer. */
export async function openBurst<T>(jobs: readonly T[], windowMs: number, run: (job: T, index: number) => Promise<void>): Promise<void> {
  const gap = jobs.length > 1 ? windowMs / jobs.length : 0;
  await Promise.all(jobs.map((job, index) => new Promise<void>((resolve) => setTimeout(() => void run(job, index).finally(resolve), index * gap))));
}

export function describe(label: string, f: Figures): string {
  return `  ${label}: ${f.count} in ${f.seconds} s → ${f.rps}/s; p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms, p99 ${f.p99_ms} ms, max ${f.max_ms} ms; errors ${f.errors}`;
}
