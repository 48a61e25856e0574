// /api/health must answer within about a second, with 503, while the database hangs or is down
// (item 15): it used to queue behind the app's saturated pool and not answer at all.
import { afterAll, describe, expect, it } from "vitest";
import { checkDatabase, getHealth, healthResponse } from "@/lib/health/data";
import { GET } from "@/app/api/health/route";
import { startFaultProxy } from "./fault-proxy";

const proxies: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
});

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

describe("the health check", () => {
  it("answers ok on a reachable database", async () => {
    expect(await checkDatabase(process.env.DATABASE_URL!, 1_000)).toEqual({ status: "ok" });
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers busy within its bound when the server accepts connections but never replies", async () => {
    const proxy = await startFaultProxy(process.env.DATABASE_URL!);
    proxies.push(proxy);
    proxy.setPaused(true);
    const { ms, value } = await timed(() => checkDatabase(proxy.url, 500));
    expect(value.status).toBe("busy");
    expect(ms).toBeLessThan(900);
  });

  it("answers unreachable at once when connections are refused", async () => {
    const proxy = await startFaultProxy(process.env.DATABASE_URL!);
    proxies.push(proxy);
    proxy.setRefusing(true);
    const { ms, value } = await timed(() => checkDatabase(proxy.url, 1_000));
    expect(value.status).toBe("unreachable");
    expect(ms).toBeLessThan(1_000);
  });

  it("reports a hanging database as 503 with Retry-After within about a second", async () => {
    const proxy = await startFaultProxy(process.env.DATABASE_URL!);
    proxies.push(proxy);
    proxy.setPaused(true);
    const { ms, value } = await timed(() => getHealth({ connectionString: proxy.url }));
    expect(value).toEqual({ status: "degraded", database: "busy" });
    expect(ms).toBeLessThan(1_500);
    const response = healthResponse(value);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
  });

  it("shares one connection check among callers that come at once or within a second", async () => {
    const proxy = await startFaultProxy(process.env.DATABASE_URL!);
    proxies.push(proxy);
    const answers = await Promise.all(Array.from({ length: 50 }, () => getHealth({ connectionString: proxy.url })));
    expect(answers.every((a) => a.status === "ok")).toBe(true);
    await getHealth({ connectionString: proxy.url });
    expect(proxy.accepted()).toBe(1);
  });
});
