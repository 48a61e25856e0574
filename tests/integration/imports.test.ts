import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { getLectureBank, getLectureBankFile } from "@/lib/bank/export/data";
import { toGift } from "@/lib/bank/formats/gift";
import { toBankJson } from "@/lib/bank/formats/json";
import { toMoodleXml } from "@/lib/bank/formats/moodle-xml";
import { applyImport, getImportHistory, previewImport } from "@/lib/bank/import/data";
import { createUser } from "./helpers";

let lectureId = "";
const bytes = (text: string) => new TextEncoder().encode(text);
const gift = [
  "::Q1::Which format is column-major? {=Parquet ~CSV ~JSON}",
  "",
  "::Q2::Text formats are human-readable. {T}",
  "",
  "::Q3::Name a columnar format {=Parquet =ORC}",
].join("\n");

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
});

const counts = async () => ({ questions: await db.question.count(), versions: await db.questionVersion.count(), slots: await db.quizSlot.count() });

describe("importing a question bank", () => {
  it("previews without writing, applies all at once, adds quiz slots, and a second import changes nothing", async () => {
    const admin = await createUser("ADMIN");
    const before = await counts();
    const preview = await previewImport(admin, { fileName: "bank.gift", bytes: bytes(gift), lectureId, convert: false });
    expect(preview.problems).toEqual([]);
    expect(preview.items.map((i) => [i.name, i.type, i.outcome])).toEqual([
      ["Q1", "single", "created"],
      ["Q2", "true-false", "created"],
      ["Q3", "short-answer", "created"],
    ]);
    expect(preview.summary).toMatchObject({ created: 3, changed: 0, unchanged: 0, rejected: 0, byType: { single: { created: 1 } } });
    expect(await counts()).toEqual(before);

    const applied = await applyImport(admin, {
      fileName: "bank.gift",
      bytes: bytes(gift),
      lectureId,
      convert: false,
      fileHash: preview.fileHash,
      validOnly: false,
    });
    expect(applied).toMatchObject({ created: 3, changed: 0, unchanged: 0 });
    // Every new question becomes a quiz slot, whatever its type.
    expect(await counts()).toEqual({ questions: before.questions + 3, versions: before.versions + 3, slots: before.slots + 3 });
    const imported = await db.quizSlot.findMany({
      where: { source: "IMPORT" },
      orderBy: { position: "asc" },
      select: { key: true, note: true, retiredAt: true },
    });
    expect(imported.map((s) => [s.key.startsWith("import-"), s.note, s.retiredAt])).toEqual([
      [true, "Imported from bank.gift", null],
      [true, "Imported from bank.gift", null],
      [true, "Imported from bank.gift", null],
    ]);
    // Loading the content again leaves the importer's slots alone: they are not in the files.
    await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")), { force: true });
    expect(await db.quizSlot.count({ where: { source: "IMPORT", retiredAt: null } })).toBe(3);

    const again = await previewImport(admin, { fileName: "bank.gift", bytes: bytes(gift), lectureId, convert: false });
    expect(again.items.map((i) => i.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    await applyImport(admin, { fileName: "bank.gift", bytes: bytes(gift), lectureId, convert: false, fileHash: again.fileHash, validOnly: false });
    expect(await counts()).toEqual({ questions: before.questions + 3, versions: before.versions + 3, slots: before.slots + 3 });

    // A changed question (same id) becomes a new version; the old one stays for past answers.
    const changedJson = JSON.stringify({
      format: "course-question-bank",
      version: 1,
      questions: [
        {
          id: "json-q",
          type: "single",
          stem: "Old?",
          options: [
            { text: "a", correct: true },
            { text: "b", correct: false },
          ],
        },
      ],
    });
    const first = await previewImport(admin, { fileName: "bank.json", bytes: bytes(changedJson), lectureId, convert: false });
    await applyImport(admin, { fileName: "bank.json", bytes: bytes(changedJson), lectureId, convert: false, fileHash: first.fileHash, validOnly: false });
    const changed = changedJson.replace("Old?", "New?");
    const second = await previewImport(admin, { fileName: "bank.json", bytes: bytes(changed), lectureId, convert: false });
    expect(second.items.map((i) => i.outcome)).toEqual(["new-version"]);
    await applyImport(admin, { fileName: "bank.json", bytes: bytes(changed), lectureId, convert: false, fileHash: second.fileHash, validOnly: false });
    const question = await db.question.findUniqueOrThrow({
      where: { externalKey: "json-q" },
      select: { latestVersion: true, versions: { orderBy: { version: "asc" }, select: { stem: true } } },
    });
    expect(question).toEqual({ latestVersion: 2, versions: [{ stem: "Old?" }, { stem: "New?" }] });

    const history = await getImportHistory(admin);
    expect(history.filter((h) => h.status === "APPLIED")).toHaveLength(4);
    expect(history[0]).toMatchObject({ fileName: "bank.json", format: "JSON", status: "APPLIED", summary: { changed: 1 } });
  });

  it("writes nothing from a file with problems, unless told to import only the valid questions", async () => {
    const admin = await createUser("ADMIN");
    const broken = "::Good::Good one {=a ~b}\n\n::Bad::No right answer {~a ~b}\n\n::Dup::Good one {=a ~b}";
    const preview = await previewImport(admin, { fileName: "broken.gift", bytes: bytes(broken), lectureId, convert: false });
    expect(preview.problems.map((p) => [p.line, p.question, p.message])).toEqual([[3, "Bad", "no right answer: mark one with = or give a positive %weight%"]]);
    expect(preview.items.map((i) => i.name)).toEqual(["Good", "Dup"]);
    const before = await counts();
    await expect(
      applyImport(admin, { fileName: "broken.gift", bytes: bytes(broken), lectureId, convert: false, fileHash: preview.fileHash, validOnly: false }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await counts()).toEqual(before);
    // A different file than the one previewed is refused.
    await expect(
      applyImport(admin, { fileName: "broken.gift", bytes: bytes(`${broken}\n`), lectureId, convert: false, fileHash: preview.fileHash, validOnly: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await applyImport(admin, { fileName: "broken.gift", bytes: bytes(broken), lectureId, convert: false, fileHash: preview.fileHash, validOnly: true });
    expect((await counts()).questions).toBe(before.questions + 2);
  });

  it("reports duplicate ids, refuses files that are not UTF-8 unless asked to convert, and is for admins only", async () => {
    const admin = await createUser("ADMIN");
    const dup = "id,type,stem,option_a,option_b,correct\nsame,single,One?,a,b,A\nsame,single,Two?,a,b,B\n";
    const preview = await previewImport(admin, { fileName: "dup.csv", bytes: bytes(dup), lectureId, convert: false });
    expect(preview.problems.map((p) => [p.line, p.message])).toEqual([[3, 'duplicate id "same" (first used on line 2)']]);

    const latin1 = new Uint8Array([...bytes("Caf"), 0xe9, ...bytes(" au lait? {T}")]);
    const refused = await previewImport(admin, { fileName: "cafe.gift", bytes: latin1, lectureId, convert: false });
    expect(refused.problems[0]!.message).toMatch(/^the file is not UTF-8/);
    const converted = await previewImport(admin, { fileName: "cafe.gift", bytes: latin1, lectureId, convert: true });
    expect(converted.items[0]!.stem).toBe("Café au lait?");

    // Script in question text is dropped on import: the stored HTML is the safe subset, and the preview shows its text.
    const hostile =
      '<quiz><question type="truefalse"><questiontext format="html">' +
      `<text><![CDATA[<p>Safe?<script>fetch('/steal')</script><img src=x onerror="alert(1)"></p>]]></text></questiontext>` +
      '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>';
    const safe = await previewImport(admin, { fileName: "hostile.xml", bytes: bytes(hostile), lectureId, convert: false });
    expect(safe.items.map((i) => i.stem)).toEqual(["Safe?"]);

    for (const role of ["STUDENT", "INSTRUCTOR"] as const) {
      const user = await createUser(role);
      await expect(previewImport(user, { fileName: "x.gift", bytes: bytes("Q {T}"), lectureId, convert: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getImportHistory(user)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("applies a file whose problems are only warnings, reports an unknown topic, and keeps categories' descriptions", async () => {
    const admin = await createUser("ADMIN");
    const xml =
      '<quiz><question type="category"><category><text>$course$/top/Warnings</text></category>' +
      '<info format="html"><text>&lt;p&gt;Kept &lt;b&gt;as text&lt;/b&gt;&lt;/p&gt;</text></info><idnumber>cat-w</idnumber></question>' +
      '<question type="truefalse"><name><text>Twice</text></name><questiontext><text>Twice?</text></questiontext>' +
      "<tags><tag><text>topic:no-such-topic</text></tag></tags>" +
      '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>' +
      '<question type="truefalse"><name><text>Twice</text></name><questiontext><text>Twice?</text></questiontext>' +
      "<tags><tag><text>topic:no-such-topic</text></tag></tags>" +
      '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>';
    const upload = { fileName: "warnings.xml", bytes: bytes(xml), lectureId, convert: false };
    const preview = await previewImport(admin, upload);
    expect(preview.problems.map((p) => [p.severity, p.message])).toEqual([
      ["warning", "the same question as on line 1: both are imported, as Moodle does"],
      ["warning", expect.stringMatching(/^the topic "no-such-topic" is not a topic of this course \(.*\): the question is imported without a topic$/)],
      ["warning", expect.stringMatching(/^the topic "no-such-topic" is not a topic of this course/)],
    ]);
    expect(preview.summary.rejected).toBe(0);
    const applied = await applyImport(admin, { ...upload, fileHash: preview.fileHash, validOnly: false });
    expect(applied).toMatchObject({ created: 2, rejected: 0 });
    const stored = await db.question.findMany({ where: { category: "Warnings" }, select: { topicId: true } });
    expect(stored).toEqual([{ topicId: null }, { topicId: null }]);
    expect(
      await db.questionCategory.findUnique({ where: { lectureId_path: { lectureId, path: "Warnings" } }, select: { description: true, idnumber: true } }),
    ).toEqual({
      description: "Kept as text",
      idnumber: "cat-w",
    });
    // ...and the export writes them back.
    const exported = (await getLectureBankFile(admin, "alpha", "xml"))!.text;
    expect(exported).toContain(
      '<category><text>$course$/top/Warnings</text></category><info format="moodle_auto_format"><text>Kept as text</text></info><idnumber>cat-w</idnumber>',
    );
  });

  it("exports a lecture's bank so that importing it back changes nothing, in JSON, GIFT and Moodle XML", async () => {
    const admin = await createUser("ADMIN");
    const { questions } = (await getLectureBank(admin, "alpha"))!;
    expect(questions.length).toBeGreaterThanOrEqual(3);
    const json = await previewImport(admin, { fileName: "alpha.json", bytes: bytes(toBankJson(questions)), lectureId, convert: false });
    expect(json.problems).toEqual([]);
    expect(json.items.filter((i) => i.outcome !== "unchanged").map((i) => i.id)).toEqual([]);
    const xml = await previewImport(admin, { fileName: "alpha.xml", bytes: bytes(toMoodleXml(questions)), lectureId, convert: false });
    expect(xml.problems).toEqual([]);
    expect(new Set(xml.items.map((i) => i.outcome))).toEqual(new Set(["unchanged"]));
    // GIFT has no ids: its questions are known by content, so they would be new questions.
    const gift = await previewImport(admin, { fileName: "alpha.gift", bytes: bytes(toGift(questions).text), lectureId, convert: false });
    // (Only the two copies of "Twice" above are told apart by a warning: GIFT knows them by content.)
    expect(gift.problems.map((p) => p.severity)).toEqual(["warning"]);
    expect(gift.items).toHaveLength(questions.length);
    await expect(getLectureBank(await createUser("INSTRUCTOR"), "alpha")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getLectureBank(admin, "no-such-lecture")).toBeNull();
  });
});
