// The own-cards CSV against a real database, through its routes: an export imported into a fresh
// account reproduces the cards and their FSRS states exactly, importing a file again counts nothing
// twice, a later export adds only the newer ratings, and a hostile or wrong file writes nothing.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/own-cards/export/route";
import { POST as importRoute } from "@/app/api/own-cards/import/route";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { rateReviewCard, undoRating } from "@/lib/review/data";
import { OWN_CARDS_CSV_COLUMNS } from "@/lib/review/own-cards/csv-format";
import { createOwnCard } from "@/lib/review/own-cards/data";
import { getOwnCardsCsv } from "@/lib/review/own-cards/export";
import { importedCardId, importOwnCardsCsv } from "@/lib/review/own-cards/import";
import { createUser, sessionCookieFor } from "./helpers";

let alphaId = "";
let counter = 0;
const key = () => `csv-test-key-${++counter}`;
const T0 = new Date("2026-11-02T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const HEADER = OWN_CARDS_CSV_COLUMNS.join(",");
const bytes = (text: string) => new TextEncoder().encode(text);
type Student = Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  alphaId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
});

const exportAs = async (user: Student | null) =>
  exportRoute(new Request("http://localhost/api/own-cards/export", { headers: user ? { cookie: await sessionCookieFor(user) } : {} }), {
    params: Promise.resolve({}),
  });
const importAs = async (user: Student | null, body: BodyInit, headers: Record<string, string> = {}) =>
  importRoute(
    new Request("http://localhost/api/own-cards/import", {
      method: "POST",
      body,
      headers: { ...headers, ...(user ? { cookie: await sessionCookieFor(user) } : {}) },
    }),
    { params: Promise.resolve({}) },
  );
const upload = (csv: string) => {
  const data = new FormData();
  data.append("file", new File([csv], "my-cards.csv", { type: "text/csv" }));
  return data;
};

/** Everything about a student's own cards that an export and import must carry, keyed by the card's front. */
async function accountOf(user: Student) {
  const cards = await db.studentCard.findMany({
    where: { userId: user.id },
    orderBy: { front: "asc" },
    select: {
      front: true,
      back: true,
      sectionKey: true,
      reversible: true,
      createdAt: true,
      lectureId: true,
      reviewCards: {
        orderBy: { reversed: "asc" },
        select: {
          reversed: true,
          kind: true,
          ...{
            due: true,
            stability: true,
            difficulty: true,
            elapsedDays: true,
            scheduledDays: true,
            learningSteps: true,
            reps: true,
            lapses: true,
            state: true,
            lastReview: true,
          },
          logs: {
            where: { undoneAt: null },
            orderBy: { reviewedAt: "asc" },
            select: {
              rating: true,
              reviewedAt: true,
              state: true,
              due: true,
              stability: true,
              difficulty: true,
              elapsedDays: true,
              lastElapsedDays: true,
              scheduledDays: true,
              learningSteps: true,
              previousCard: true,
            },
          },
        },
      },
    },
  });
  return cards;
}

const counts = async (user: Student) => ({
  cards: await db.studentCard.count({ where: { userId: user.id } }),
  reviewCards: await db.reviewCard.count({ where: { userId: user.id } }),
  logs: await db.reviewLog.count({ where: { userId: user.id } }),
});

async function studentWithHistory() {
  const ann = await createUser();
  const formula = await createOwnCard(ann, { lectureId: alphaId, front: "=SUM(A1)", back: "-1, +1 and @both", sectionKey: "basics", reversible: true });
  const plain = await createOwnCard(ann, { lectureId: alphaId, front: "Plain", back: 'Line one, "quoted"\nline two — é', sectionKey: null, reversible: false });
  await createOwnCard(ann, { lectureId: alphaId, front: "Never rated", back: "Still new", sectionKey: "more", reversible: true });
  const rate = (itemId: string, rating: "AGAIN" | "HARD" | "GOOD" | "EASY", when: Date) =>
    rateReviewCard(ann, { lectureId: alphaId, deck: "own", itemId, rating, idempotencyKey: key() }, when);
  await rate(formula.id, "AGAIN", at(0));
  await rate(formula.id, "GOOD", at(1));
  await rate(`${formula.id}~r`, "HARD", at(2));
  await rate(formula.id, "GOOD", at(11)); // the one card that graduates to review
  await rate(plain.id, "GOOD", at(3));
  const undone = await rate(plain.id, "AGAIN", at(5));
  await undoRating(ann, undone.logId, at(6));
  return { ann, formula, plain };
}

describe("export and import", () => {
  it("reproduces the cards and their states exactly in a fresh account, and counts a second import as nothing", async () => {
    const { ann, formula } = await studentWithHistory();
    const response = await exportAs(ann);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="my-cards-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await response.text();
    expect(csv).toBe((await getOwnCardsCsv(ann)).csv.replace(/^\uFEFF/, ""));
    const lines = csv.split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines).toContain(`card,${formula.id},alpha,basics,yes,${formula.createdAt},"'=SUM(A1)","'-1, +1 and @both",,,`);
    expect(lines.filter((l) => l.startsWith("review,"))).toHaveLength(5); // the undone rating is left out

    const cleo = await createUser();
    const imported = await importAs(cleo, upload(csv));
    expect(imported.status).toBe(200);
    expect(await imported.json()).toEqual({ ok: true, cardsAdded: 3, cardsKept: 0, ratingsAdded: 5, ratingsKept: 0 });
    expect(await accountOf(cleo)).toEqual(await accountOf(ann));
    const cleoFormula = importedCardId(cleo.id, formula.id);
    expect(
      await db.reviewLog.findFirstOrThrow({ where: { userId: cleo.id, reviewedAt: at(0) }, select: { idempotencyKey: true, reviewCardId: true } }),
    ).toEqual({
      idempotencyKey: `${cleo.id}:own:${cleoFormula}:f:${at(0).getTime()}`,
      reviewCardId: `ro_${cleo.id}_${cleoFormula}`,
    });

    const before = await counts(cleo);
    expect(await importOwnCardsCsv(cleo, bytes(csv))).toEqual({ ok: true, cardsAdded: 0, cardsKept: 3, ratingsAdded: 0, ratingsKept: 5 });
    // Cleo's own export (her ids), and Ann's file into Ann's account: nothing new either.
    expect(await importOwnCardsCsv(cleo, bytes((await getOwnCardsCsv(cleo)).csv))).toMatchObject({ ok: true, cardsAdded: 0, ratingsAdded: 0, ratingsKept: 5 });
    expect(await importOwnCardsCsv(ann, bytes(csv))).toMatchObject({ ok: true, cardsAdded: 0, cardsKept: 3, ratingsAdded: 0 });
    expect(await counts(cleo)).toEqual(before);
  });

  it("adds only the ratings made since the last import, replaying them on the card's state", async () => {
    const { ann, plain } = await studentWithHistory();
    const cleo = await createUser();
    await importOwnCardsCsv(cleo, bytes((await getOwnCardsCsv(ann)).csv));
    await rateReviewCard(ann, { lectureId: alphaId, deck: "own", itemId: plain.id, rating: "EASY", idempotencyKey: key() }, at(60));
    expect(await importOwnCardsCsv(cleo, bytes((await getOwnCardsCsv(ann)).csv))).toEqual({
      ok: true,
      cardsAdded: 0,
      cardsKept: 3,
      ratingsAdded: 1,
      ratingsKept: 5,
    });
    expect(await accountOf(cleo)).toEqual(await accountOf(ann));

    // A rating older than the card's latest cannot be slotted in: nothing of the file is written.
    const older = (await getOwnCardsCsv(ann)).csv + `review,${plain.id},,,,,,,forward,good,${at(30).toISOString()}\n`;
    const result = await importOwnCardsCsv(cleo, bytes(older));
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          row: 11,
          column: "reviewed_at",
          message: `is before this card's latest rating in your account (${at(60).toISOString()}): ratings can only be added after it.`,
        },
      ],
    });
    expect(await accountOf(cleo)).toEqual(await accountOf(ann));
  });
});

describe("a wrong or hostile file", () => {
  const good = `card,goodcard,alpha,basics,no,,A good front,A good back,,,\nreview,goodcard,,,,,,,forward,good,${at(0).toISOString()}\n`;

  it.each([
    ["a formula a spreadsheet would run", `${HEADER}\n${good}card,evil,alpha,,no,,"=cmd|' /C calc'!A0",Back,,,\n`, "Row 4, front: starts with = + - @"],
    ["wrong columns", `record,card_id,front,back,notes\ncard,a,F,B,N\n`, "Row 1: unknown column “notes”; missing lecture"],
    ["an unknown lecture", `${HEADER}\n${good}card,other,gamma,,no,,F,B,,,\n`, "Row 4, lecture: there is no lecture “gamma”."],
    ["a section of another lecture", `${HEADER}\n${good}card,other,alpha,only,no,,F,B,,,\n`, "Row 4, section: lecture “alpha” has no section “only”."],
    ["a rating in the future", `${HEADER}\n${good}review,goodcard,,,,,,,forward,good,2099-01-01T00:00:00.000Z\n`, "Row 4, reviewed_at: is in the future"],
    [
      "script in a cell, and a bad row after it",
      `${HEADER}\ncard,x,alpha,,no,,<script>alert(1)</script>,B,,,\ncard,y,alpha,,sometimes,,F,B,,,\n`,
      "Row 3, reversible: must be yes or no.",
    ],
  ])("refuses %s and writes nothing", async (_, csv, message) => {
    const dana = await createUser();
    const response = await importAs(dana, upload(csv));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { ok: boolean; message: string; problems: { text: string }[] };
    expect(body.ok).toBe(false);
    expect(body.message).toBe("Nothing was imported: fix these rows and import the file again.");
    expect(body.problems.map((p) => p.text).join("\n")).toContain(message);
    expect(await counts(dana)).toEqual({ cards: 0, reviewCards: 0, logs: 0 });
  });

  it("refuses a file over the size limit before reading it, and a caller without a session", async () => {
    const dana = await createUser();
    const huge = `${HEADER}\n${"card,a,alpha,,no,,F,B,,,\n".repeat(90_000)}`;
    expect(huge.length).toBeGreaterThan(2 * 1024 * 1024);
    const response = await importAs(dana, upload(huge));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, message: "The file is too large: at most 2 MB. Split it into smaller files.", problems: [] });
    expect((await importAs(dana, "x", { "content-length": String(3 * 1024 * 1024) })).status).toBe(413);
    expect(await counts(dana)).toEqual({ cards: 0, reviewCards: 0, logs: 0 });
    expect((await importAs(null, upload(`${HEADER}\n${good}`))).status).toBe(401);
    expect((await exportAs(null)).status).toBe(401);
    expect((await importAs(dana, "not a form", { "content-type": "text/plain" })).status).toBe(400);
  });

  it("keeps script in a cell as text, and a file's ids never reach another student's cards", async () => {
    const [ann, eve] = [await createUser(), await createUser()];
    const mine = await createOwnCard(ann, { lectureId: alphaId, front: "Ann's", back: "Ann's", sectionKey: null, reversible: false });
    // Eve's file names Ann's card id: it becomes a card of Eve's, and Ann's card is untouched.
    const csv = `${HEADER}\ncard,${mine.id},alpha,,no,,<b>Eve</b>,Eve's back,,,\nreview,${mine.id},,,,,,,forward,good,${at(0).toISOString()}\n`;
    expect(await importOwnCardsCsv(eve, bytes(csv))).toEqual({ ok: true, cardsAdded: 1, cardsKept: 0, ratingsAdded: 1, ratingsKept: 0 });
    expect(await db.studentCard.findFirstOrThrow({ where: { userId: eve.id }, select: { id: true, front: true } })).toEqual({
      id: importedCardId(eve.id, mine.id),
      front: "<b>Eve</b>",
    });
    expect(await db.studentCard.findUniqueOrThrow({ where: { id: mine.id }, select: { userId: true, front: true } })).toEqual({
      userId: ann.id,
      front: "Ann's",
    });
    expect(await counts(ann)).toEqual({ cards: 1, reviewCards: 0, logs: 0 });
  });
});
