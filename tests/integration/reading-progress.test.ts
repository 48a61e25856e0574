import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { getCourseHome } from "@/lib/course/data";
import { db } from "@/lib/db";
import { getLectureContent, getReadSectionIds, recordSectionRead } from "@/lib/lectures/data";
import { createUser } from "./helpers";

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
});

describe("reading progress", () => {
  it("records reads per user, idempotently, and the course home counts them per lecture", async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const alpha = (await getLectureContent(ann, "alpha"))!;
    const [basics, more] = alpha.sections;

    expect(await recordSectionRead(ann, basics!.id)).toEqual({ read: 1, total: 2 });
    const firstRead = await db.sectionRead.findUniqueOrThrow({ where: { userId_sectionId: { userId: ann.id, sectionId: basics!.id } } });
    expect(await recordSectionRead(ann, basics!.id)).toEqual({ read: 1, total: 2 });
    const again = await db.sectionRead.findUniqueOrThrow({ where: { userId_sectionId: { userId: ann.id, sectionId: basics!.id } } });
    expect(again.firstReadAt).toEqual(firstRead.firstReadAt);
    expect(await recordSectionRead(ann, more!.id)).toEqual({ read: 2, total: 2 });
    expect(await recordSectionRead(bob, more!.id)).toEqual({ read: 1, total: 2 });

    expect((await getReadSectionIds(ann, alpha.id)).sort()).toEqual([basics!.id, more!.id].sort());
    expect(await getReadSectionIds(bob, alpha.id)).toEqual([more!.id]);

    const home = (await getCourseHome(ann)).courses;
    expect(home).toHaveLength(1);
    expect(home[0]!.lectures.map(({ slug, sectionCount, sectionsRead, flashcardCount }) => ({ slug, sectionCount, sectionsRead, flashcardCount }))).toEqual([
      { slug: "alpha", sectionCount: 2, sectionsRead: 2, flashcardCount: 2 },
      { slug: "beta", sectionCount: 1, sectionsRead: 0, flashcardCount: 1 },
    ]);
    expect((await getCourseHome(bob)).courses[0]!.lectures.map((l) => l.sectionsRead)).toEqual([1, 0]);
  });

  it("leaves retired sections out of the notes and the counts", async () => {
    const user = await createUser();
    const alpha = (await getLectureContent(user, "alpha"))!;
    await recordSectionRead(user, alpha.sections[0]!.id);
    await db.noteSection.update({ where: { id: alpha.sections[0]!.id }, data: { retiredAt: new Date() } });
    expect((await getCourseHome(user)).courses[0]!.lectures[0]).toMatchObject({ slug: "alpha", sectionCount: 1, sectionsRead: 0 });
    expect(await getReadSectionIds(user, alpha.id)).toEqual([]);
    await expect(recordSectionRead(user, alpha.sections[0]!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db.noteSection.update({ where: { id: alpha.sections[0]!.id }, data: { retiredAt: null } });
  });

  it("rejects a section that does not exist, writing nothing", async () => {
    const user = await createUser();
    await expect(recordSectionRead(user, "no-such-section")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.sectionRead.count({ where: { userId: user.id } })).toBe(0);
  });

  it("renders the notes' Markdown to sanitised HTML with GFM tables", async () => {
    const user = await createUser();
    const alpha = (await getLectureContent(user, "alpha"))!;
    expect(alpha.sections[0]!.html).toBe(
      '<p>Alpha\'s first section. <strong>Bold</strong> and a <a href="https://example.com">link</a>.</p>\n' +
        "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
    );
    expect(alpha.sections[1]!.html).toContain('<h3 id="notes-a-sub-heading">A sub-heading</h3>');
    expect(await getLectureContent(user, "no-such-lecture")).toBeNull();
  });
});
