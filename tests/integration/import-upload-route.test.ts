// The import upload routes read nothing before the session and the role are checked, refuse a body
// that says it is too large before reading it, and stop reading one that turns out too large.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as previewRoute } from "@/app/api/admin/imports/preview/route";
import type { SessionUser } from "@/lib/auth/roles";
import { uploadRoute } from "@/lib/bank/import/http";
import { importUploadInput } from "@/lib/bank/import/schemas";
import { MAX_UPLOAD_BODY_BYTES, UPLOAD_TOO_LARGE_MESSAGE } from "@/lib/bank/import/upload-body";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { createUser, sessionCookieFor } from "./helpers";

const CHUNK = 64 * 1024;
const MB40 = 40 * 1024 * 1024;

/** A request body of `size` bytes, produced only as it is read, that counts what was pulled. */
function countingBody(size: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= size) return controller.close();
        const chunk = new Uint8Array(Math.min(CHUNK, size - counter.pulled)).fill(120);
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    // No read-ahead: a byte is produced only when the route asks for it.
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

/** A POST to the preview route from a browser signed in as `viewer` (or signed out). */
async function post(body: ReadableStream<Uint8Array> | FormData, headers: Record<string, string> = {}, viewer: SessionUser | null = null) {
  const cookie = viewer ? { Cookie: await sessionCookieFor(viewer) } : {};
  return new Request("http://localhost/api/admin/imports/preview", { method: "POST", body, headers: { ...headers, ...cookie }, duplex: "half" } as RequestInit);
}

const noParams = { params: Promise.resolve({}) };

/** app/api/admin/imports/preview/route.ts, as `viewer` calls it. */
const preview = async (request: Promise<Request>) => previewRoute(await request, noParams);

let lectureId = "";

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
});

describe("the import upload route", () => {
  it("answers 401 to a signed-out 40 MB upload without reading it", async () => {
    const { stream, counter } = countingBody(MB40);
    const response = await preview(post(stream, { "Content-Type": "multipart/form-data; boundary=x" }, null));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Please sign in to continue." });
    expect(counter.pulled).toBe(0);
  });

  it("answers 403 to a student without reading the upload", async () => {
    const { stream, counter } = countingBody(MB40);
    const response = await preview(post(stream, { "Content-Type": "multipart/form-data; boundary=x" }, await createUser("STUDENT")));
    expect(response.status).toBe(403);
    expect(counter.pulled).toBe(0);
  });

  it("answers 413 to a declared length over the limit without reading it", async () => {
    const { stream, counter } = countingBody(MB40);
    const response = await preview(
      post(stream, { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(MB40) }, await createUser("ADMIN")),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: UPLOAD_TOO_LARGE_MESSAGE });
    expect(counter.pulled).toBe(0);
  });

  it.each([
    ["no Content-Length", {}],
    ["a Content-Length that lies", { "Content-Length": "1000" }],
  ])("stops reading a 40 MB body with %s once it passes the cap", async (_, lengthHeader: Record<string, string>) => {
    const { stream, counter } = countingBody(MB40);
    const response = await preview(post(stream, { "Content-Type": "multipart/form-data; boundary=x", ...lengthHeader }, await createUser("ADMIN")));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: UPLOAD_TOO_LARGE_MESSAGE });
    expect(counter.pulled).toBeGreaterThan(MAX_UPLOAD_BODY_BYTES);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_UPLOAD_BODY_BYTES + CHUNK);
  });

  it("reads an admin's file within the limit and previews it", async () => {
    const form = new FormData();
    form.set("file", new File(["::Q1:: Which format is column-major? {=Parquet ~CSV}"], "bank.gift"));
    form.set("lectureId", lectureId);
    const response = await preview(post(form, {}, await createUser("ADMIN")));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { format: string; problems: unknown[]; items: { name: string; type: string; outcome: string }[] };
    expect(body.format).toBe("gift");
    expect(body.problems).toEqual([]);
    expect(body.items.map((i) => [i.name, i.type, i.outcome])).toEqual([["Q1", "single", "created"]]);
  });

  it("answers 503 with Retry-After, not 500, when the database is busy", async () => {
    const form = new FormData();
    form.set("file", new File(["::Q1:: Which format is column-major? {=Parquet ~CSV}"], "bank.gift"));
    form.set("lectureId", lectureId);
    const lockTimeout = Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03", severity: "ERROR" });
    const response = await uploadRoute(importUploadInput, async () => Promise.reject(lockTimeout))(await post(form, {}, await createUser("ADMIN")), noParams);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ message: "The server is busy; please retry in a moment." });
  });

  it("answers 400 to a body that is not a multipart form", async () => {
    const { stream } = countingBody(1000);
    const response = await preview(post(stream, { "Content-Type": "multipart/form-data; boundary=x" }, await createUser("ADMIN")));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "Send the file as a multipart form." });
  });
});
