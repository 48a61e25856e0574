// npm run build: the Prisma client, then the app and its service worker (scripts/lib/build.ts).
import { buildApp } from "./lib/build";
import { generateClient } from "./lib/database";

async function main(): Promise<void> {
  await generateClient();
  await buildApp();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
