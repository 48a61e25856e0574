// How long one argon2id hash and one verification take on this machine, with the app's parameters.
// Sign-in capacity per core is roughly 1000 / (verify ms). Run: npx tsx bench/password-hash.ts
import { hashPassword, verifyPassword } from "../lib/auth/password";

async function time<T>(runs: number, task: () => Promise<T>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const runs = Number(process.env.RUNS || 30);
  const hash = await hashPassword("benchmark password");
  const hashing = await time(runs, () => hashPassword("benchmark password"));
  const verifying = await time(runs, () => verifyPassword(hash, "benchmark password"));
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`argon2id (m=19456 KiB, t=2, p=1), ${runs} runs each`);
  console.log(`hash    p50 ${pct(hashing, 50).toFixed(1)} ms  p95 ${pct(hashing, 95).toFixed(1)} ms`);
  console.log(
    `verify  p50 ${pct(verifying, 50).toFixed(1)} ms  p95 ${pct(verifying, 95).toFixed(1)} ms  ` +
      `→ about ${Math.floor(1000 / pct(verifying, 50))} sign-ins/s per core`,
  );
  console.log(`process RSS ${rss.toFixed(0)} MiB`);
}

void main();
