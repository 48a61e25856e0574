// The embedded default database: PostgreSQL compiled to WebAssembly (PGlite), served through its
// socket server so that the app, the Prisma CLI and the tests reach it exactly as they reach a real
// server. The socket server has no authentication (any user, any password), so for `npm start` it
// listens on a Unix socket in an owner-only directory: only processes of the same OS user can connect.
// Tests and PGLITE_PORT use a TCP port on 127.0.0.1 instead (reachable by every local user).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, unlinkSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export const DEFAULT_EMBEDDED_PORT = 54329;

/** PGlite is one session; its socket server multiplexes at most this many client connections. */
export const EMBEDDED_MAX_CONNECTIONS = 10;

/**
 * What the app's environment needs on the embedded database. Its connections share PGlite's one
 * session, so a statement one connection prepared already exists for the next ("prepared statement
 * … already exists"): the app prepares none there.
 */
export const EMBEDDED_APP_ENV = { DATABASE_PREPARED_STATEMENTS: "false" } as const;

/** libpq and node-postgres look for `<dir>/.s.PGSQL.<port>`; the port only names the file. */
const SOCKET_FILE = ".s.PGSQL.5432";
/** sun_path is 108 bytes on Linux (104 on macOS), including the terminating NUL. */
const MAX_SOCKET_PATH = 103;

export interface EmbeddedDatabase {
  url: string;
  /** Where it listens, for messages: "127.0.0.1:54329" or the socket's path. */
  address: string;
  pglite: PGlite;
  stop(): Promise<void>;
}

export type EmbeddedListen = { port: number } | { socketDir: string };

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

/** The connection string for a server on a Unix socket in `socketDir` (node-postgres: host=<dir>). */
export function socketUrl(socketDir: string): string {
  return `postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}`;
}

/**
 * `preferred` when a socket path in it fits the OS limit, else a fresh owner-only directory under
 * the temp folder (a clone in a deep folder would otherwise fail with EINVAL).
 */
export function chooseSocketDir(preferred: string): string {
  if (path.join(preferred, SOCKET_FILE).length <= MAX_SOCKET_PATH) return preferred;
  return mkdtempSync(path.join(os.tmpdir(), "course-db-"));
}

function isSocketLive(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socketPath);
    probe.once("connect", () => probe.end(() => resolve(true)));
    probe.once("error", () => resolve(false));
  });
}

/** Creates the owner-only directory and clears a socket file left by a crashed run. */
async function prepareSocket(socketDir: string): Promise<string> {
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  chmodSync(socketDir, 0o700); // mkdir's mode does not apply to a directory that already existed
  const socketPath = path.join(socketDir, SOCKET_FILE);
  if (existsSync(socketPath)) {
    if (await isSocketLive(socketPath))
      throw new Error(`The embedded database is already running on ${socketPath}. Is another copy of the app running? Stop it first.`);
    unlinkSync(socketPath);
  }
  return socketPath;
}

/**
 * Opens (or creates) the database in `dataDir` — in memory when `dataDir` is undefined — and serves
 * it on 127.0.0.1:`port` or on a Unix socket in `socketDir`. `loadDataDir` starts from a dump made
 * with `pglite.dumpDataDir()`.
 */
export async function startEmbeddedDatabase(options: EmbeddedListen & { dataDir?: string; loadDataDir?: Blob }): Promise<EmbeddedDatabase> {
  const host = "127.0.0.1";
  let socketPath: string | undefined;
  if ("socketDir" in options) socketPath = await prepareSocket(options.socketDir);
  else if (!(await isPortFree(options.port, host))) {
    throw new Error(
      `Port ${options.port} is already in use, so the embedded database cannot start there. ` +
        `Is another copy of the app running? Stop it, or choose another port with PGLITE_PORT=<port>.`,
    );
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const server = socketPath
    ? new PGLiteSocketServer({ db, path: socketPath, maxConnections: EMBEDDED_MAX_CONNECTIONS })
    : new PGLiteSocketServer({ db, port: (options as { port: number }).port, host, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  // The directory (0700) already keeps others out; the socket's own mode is the second lock.
  if (socketPath) chmodSync(socketPath, 0o600);
  let stopped = false;
  return {
    url: "socketDir" in options ? socketUrl(options.socketDir) : `postgresql://postgres:postgres@${host}:${options.port}/postgres`,
    address: socketPath ?? `${host}:${(options as { port: number }).port}`,
    pglite: db,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      // close() checkpoints and flushes the data directory: the next start finds every row.
      await db.close();
      if (socketPath && existsSync(socketPath)) unlinkSync(socketPath);
    },
  };
}
