// A TCP proxy a fault test owns, between its pool and the database: it can cut every connection at
// once (as a server restart does), refuse new ones (server down) or accept them again. The shared
// PostgreSQL server is never touched.
import net from "node:net";

export interface FaultProxy {
  /** A copy of `targetUrl` that goes through the proxy. */
  url: string;
  /** Destroys every open connection, on both sides. */
  dropAll(): void;
  /** While refusing, new connections are closed at once (the server is down). */
  setRefusing(refusing: boolean): void;
  /** While paused, new connections are accepted but never answered (a hung server or network). */
  setPaused(paused: boolean): void;
  /** How many connections were made through the proxy so far. */
  accepted(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let refusing = false;
  let paused = false;
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted += 1;
    if (refusing) return client.destroy();
    if (paused) {
      sockets.add(client);
      client.on("close", () => sockets.delete(client));
      client.on("error", () => undefined);
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined); // a cut is the point of the exercise
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(address.port);
  return {
    url: url.toString(),
    accepted: () => accepted,
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    setRefusing: (value) => {
      refusing = value;
    },
    setPaused: (value) => {
      paused = value;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
