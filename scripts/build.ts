// npm run build: the Prisma client, `next build`, then the service worker (scripts/lib/service-worker.ts).
import { generateClient } from "./lib/database";
import { binPath, runOrThrow } from "./lib/run";
import { buildServiceWorker } from "./lib/service-worker";

async function main(): Promise<void> {
  await generateClient();
  await runOrThrow(binPath("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  await buildServiceWorker();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
