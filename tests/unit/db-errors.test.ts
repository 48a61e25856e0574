// isBusyError and isConnectionError recognise every shape a busy or unreachable database takes on its
// way up through node-postgres, @prisma/adapter-pg and the Prisma client (shapes taken from real runs).
import { describe, expect, it } from "vitest";
import { isBusyError, isConnectionError, toExpectedError, errorResponse } from "@/lib/errors";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code, severity: "ERROR" });
const prismaError = (code: string, cause?: object) =>
  Object.assign(new Error("Invalid invocation"), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: cause ? { driverAdapterError: Object.assign(new Error("DriverAdapterError"), { cause }) } : {},
  });

describe("isBusyError / isConnectionError", () => {
  it.each([
    // [label, error, busy, connection]
    ["statement timeout (pg)", pgError("57014"), true, false],
    ["lock timeout (pg)", pgError("55P03"), true, false],
    ["too many connections (pg)", pgError("53300"), true, false],
    ["admin shutdown (pg)", pgError("57P01"), true, true],
    ["cannot connect now (pg)", pgError("57P03"), true, true],
    ["connection failure (pg, class 08)", pgError("08006"), true, true],
    ["pool acquire timeout (pg-pool)", new Error("timeout exceeded when trying to connect"), true, false],
    ["dead pooled connection (pg)", new Error("Connection terminated unexpectedly"), true, true],
    ["connection timeout on connect (pg-pool)", new Error("Connection terminated due to connection timeout"), true, true],
    ["ECONNREFUSED (net)", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), true, true],
    ["ECONNRESET (net)", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), true, true],
    ["lock timeout (Prisma raw, via adapter)", prismaError("P2010", { kind: "postgres", code: "55P03", originalCode: "55P03" }), true, false],
    ["unreachable (Prisma P1001)", prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 }), true, true],
    ["closed (Prisma P1017)", prismaError("P1017", { kind: "ConnectionClosed" }), true, true],
    ["pool timeout (Prisma P2024)", prismaError("P2024"), true, false],
    ["transaction timed out (Prisma P2028)", prismaError("P2028"), true, false],
    ["unique violation (Prisma P2002)", prismaError("P2002", { kind: "UniqueConstraintViolation" }), false, false],
    ["syntax error (pg)", pgError("42601"), false, false],
    ["a missing file", Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" }), false, false],
    ["not an error", "boom", false, false],
  ])("%s", (_label, error, busy, connection) => {
    expect(isBusyError(error)).toBe(busy);
    expect(isConnectionError(error)).toBe(connection);
  });
});

describe("a busy database at the edges", () => {
  it("becomes BUSY with the retry message", () => {
    expect(toExpectedError(pgError("55P03"))).toMatchObject({ code: "BUSY", message: "The server is busy; please retry in a moment." });
    expect(toExpectedError(pgError("42601"))).toBeNull();
  });

  it("answers a route with 503 and Retry-After", async () => {
    const response = errorResponse(new Error("timeout exceeded when trying to connect"));
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.text()).toBe("The server is busy; please retry in a moment.");
    expect(() => errorResponse(pgError("42601"))).toThrow("x");
  });
});
