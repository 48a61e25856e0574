// Images embedded in a Moodle XML file: stored by the import under their hash, served to signed-in
// users only, and written back into the export.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as questionFile } from "@/app/api/question-files/[hash]/route";
import { getLectureBankFile } from "@/lib/bank/export/data";
import { applyImport, previewImport } from "@/lib/bank/import/data";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { createUser, sessionCookieFor } from "./helpers";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const xml =
  '<quiz><question type="truefalse"><name><text>Dot</text></name><questiontext format="html"><text><![CDATA[<p>A dot: <img src="@@PLUGINFILE@@/dot.png" alt="a dot"></p>]]></text>' +
  `<file name="dot.png" path="/" encoding="base64">${PNG}</file></questiontext>` +
  '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>';

let lectureId = "";
beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
});

const fetchFile = (hash: string, cookie?: string) =>
  questionFile(new Request(`http://localhost/api/question-files/${hash}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ hash }) });

describe("question images", () => {
  it("are stored by the import, served to signed-in users as the type their bytes are, and exported back", async () => {
    const admin = await createUser("ADMIN");
    const upload = { fileName: "dot.xml", bytes: new TextEncoder().encode(xml), lectureId, convert: false };
    const preview = await previewImport(admin, upload);
    expect(preview.problems).toEqual([]);
    await applyImport(admin, { ...upload, fileHash: preview.fileHash, validOnly: false });
    const [stored] = await db.questionFile.findMany({ select: { hash: true, mimeType: true, size: true } });
    expect(stored).toMatchObject({ mimeType: "image/png", size: Buffer.from(PNG, "base64").length });
    const version = await db.questionVersion.findFirstOrThrow({ where: { name: "Dot" }, select: { stem: true } });
    expect(version.stem).toBe(`<p>A dot: <img src="/api/question-files/${stored!.hash}" alt="a dot"></p>`);

    const student = await createUser();
    const served = await fetchFile(stored!.hash, await sessionCookieFor(student));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await served.arrayBuffer()).toString("base64")).toBe(PNG);
    expect((await fetchFile(stored!.hash)).status).toBe(401);
    expect((await fetchFile("0".repeat(64), await sessionCookieFor(student))).status).toBe(404);
    expect((await fetchFile("../../etc/passwd", await sessionCookieFor(student))).status).toBe(404);

    const exported = (await getLectureBankFile(admin, "alpha", "xml"))!;
    expect(exported.text).toContain(`<file name="${stored!.hash}.png" path="/" encoding="base64">${PNG}</file>`);
    const again = await previewImport(admin, { ...upload, fileName: "alpha.xml", bytes: new TextEncoder().encode(exported.text) });
    expect(again.problems).toEqual([]);
    expect(new Set(again.items.map((i) => i.outcome))).toEqual(new Set(["unchanged"]));
  });
});
