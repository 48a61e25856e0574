// Prisma CLI configuration. The JavaScript (WebAssembly) schema engine runs migrations through the
// same driver adapter as the app, so no native engine is downloaded: every command works offline.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error(
        "DATABASE_URL is not set. Run database commands through the npm scripts (npm run db:migrate, db:seed), " +
          "which start the embedded database when it is missing.",
      );
    }
    const schema = process.env.DATABASE_SCHEMA || undefined;
    return new PrismaPg({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 500 }, schema ? { schema } : undefined);
  },
});
