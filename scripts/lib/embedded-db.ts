// The embedded default database: PostgreSQL compiled to WebAssembly (PGlite), served on a local TCP
// port so that the app, the Prisma CLI and the tests reach it exactly as they reach a real server.
import { mkdirSync } from "node:fs";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export const DEFAULT_EMBEDDED_PORT = 54329;

/** PGlite is one session; its socket server multiplexes at most this many client connections. */
export const EMBEDDED_MAX_CONNECTIONS = 10;

export interface EmbeddedDatabase {
  url: string;
  port: number;
  pglite: PGlite;
  stop(): Promise<void>;
}

/** Resolves true when nothing listens on host:port. */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the operating system says is free right now. */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Opens (or creates) the database in `dataDir` — in memory when `dataDir` is undefined — and serves
 * it on 127.0.0.1:`port`. `loadDataDir` starts from a dump made with `pglite.dumpDataDir()`.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port: number; loadDataDir?: Blob }): Promise<EmbeddedDatabase> {
  const host = "127.0.0.1";
  if (!(await isPortFree(options.port, host))) {
    throw new Error(
      `Port ${options.port} is already in use, so the embedded database cannot start there. ` +
        `Is another copy of the app running? Stop it, or choose another port with PGLITE_PORT=<port>.`,
    );
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${host}:${options.port}/postgres`,
    port: options.port,
    pglite: db,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      // close() checkpoints and flushes the data directory: the next start finds every row.
      await db.close();
    },
  };
}
