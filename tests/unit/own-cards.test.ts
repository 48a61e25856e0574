// Students' own cards, the pure parts: deck item ids, the CSV's rows both ways (and every kind of
// bad row), a selected passage as a card's back, and the replay that rebuilds a card's state.
import { describe, expect, it } from "vitest";
import { newCard, rate, type Rating } from "@/lib/review/fsrs";
import { cardRows, OWN_CARDS_CSV_COLUMNS, writeOwnCardsCsv, type CsvCard } from "@/lib/review/own-cards/csv-format";
import { decodeCsv, describeProblem, parseOwnCardsCsv, parseTimestamp } from "@/lib/review/own-cards/csv-read";
import { ownItemId, ownReviewCardId, parseOwnItemId } from "@/lib/review/own-cards/item-id";
import { passageText } from "@/lib/review/own-cards/passage";
import { replayRatings } from "@/lib/review/own-cards/replay";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const T = (iso: string) => new Date(iso);
const HEADER = OWN_CARDS_CSV_COLUMNS.join(",");

describe("own deck item ids", () => {
  it.each([
    ["clcard0000000000000000001", { cardId: "clcard0000000000000000001", reversed: false }],
    ["clcard0000000000000000001~r", { cardId: "clcard0000000000000000001", reversed: true }],
    ["a", { cardId: "a", reversed: false }],
  ])("reads %j", (itemId, item) => {
    expect(parseOwnItemId(itemId)).toEqual(item);
    expect(ownItemId(item.cardId, item.reversed)).toBe(itemId);
  });

  it.each(["", "~r", "abc~r~r", "abc~R", "abc~", "ABC", "abc ", " abc", "abc~rx", "ab-c", "a".repeat(65), "abc\u0000", "abc\n~r"])("refuses %j", (itemId) => {
    expect(parseOwnItemId(itemId)).toBeNull();
  });

  it("derives one review card id per student, card and direction", () => {
    expect(ownReviewCardId("u1", "c1", false)).toBe("ro_u1_c1");
    expect(ownReviewCardId("u1", "c1", true)).toBe("ro_u1_c1_r");
  });
});

describe("ISO timestamps in the CSV", () => {
  it.each([
    ["2026-05-04T08:00:00.000Z", "2026-05-04T08:00:00.000Z"],
    ["2026-05-04T08:00:00Z", "2026-05-04T08:00:00.000Z"],
    ["2026-05-04T08:00Z", "2026-05-04T08:00:00.000Z"],
    ["2026-05-04T10:00:00.5+02:00", "2026-05-04T08:00:00.500Z"],
    ["2026-05-04T03:30:00-04:30", "2026-05-04T08:00:00.000Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ])("reads %j", (text, iso) => expect(parseTimestamp(text)?.toISOString()).toBe(iso));

  it.each([
    "2026-02-30T00:00:00Z",
    "2025-02-29T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-05-04 08:00:00Z",
    "2026-05-04T24:00:00Z",
    "2026-05-04T08:00:00",
    "yesterday",
    "",
  ])("refuses %j", (text) => expect(parseTimestamp(text)).toBeNull());
});

const card = (overrides: Partial<CsvCard> = {}): CsvCard => ({
  id: "cardone",
  lectureSlug: "alpha",
  sectionKey: "basics",
  reversible: true,
  createdAt: T("2026-05-01T09:00:00.000Z"),
  front: "What is a feature store?",
  back: 'A shared place for features, with "quotes", commas, and\na second line.',
  reviews: [
    { reversed: true, rating: "HARD", reviewedAt: T("2026-05-02T09:00:00.000Z") },
    { reversed: false, rating: "GOOD", reviewedAt: T("2026-05-02T09:00:00.000Z") },
    { reversed: false, rating: "AGAIN", reviewedAt: T("2026-05-01T10:00:00.000Z") },
  ],
  ...overrides,
});

describe("the own-cards CSV", () => {
  it("writes a card row, then its reviews oldest first, forward before reverse at one moment", () => {
    expect(cardRows(card()).map((row) => [row.record, row.direction, row.rating, row.reviewed_at])).toEqual([
      ["card", "", "", ""],
      ["review", "forward", "again", "2026-05-01T10:00:00.000Z"],
      ["review", "forward", "good", "2026-05-02T09:00:00.000Z"],
      ["review", "reverse", "hard", "2026-05-02T09:00:00.000Z"],
    ]);
    const csv = writeOwnCardsCsv([card()]);
    expect(csv.startsWith(`\uFEFF${HEADER}\n`)).toBe(true);
    expect(csv.split("\n")[1]).toBe(
      `card,cardone,alpha,basics,yes,2026-05-01T09:00:00.000Z,What is a feature store?,"A shared place for features, with ""quotes"", commas, and`,
    );
    expect(csv.split("\n")[3]).toBe("review,cardone,,,,,,,forward,again,2026-05-01T10:00:00.000Z");
  });

  it("reads back exactly what it wrote, formulas included", () => {
    const cards = [
      card(),
      card({ id: "cardtwo", sectionKey: null, reversible: false, front: '=HYPERLINK("http://evil.example")', back: "-1 is below zero\n@mention", reviews: [] }),
      card({
        id: "cardthree",
        front: "'=already quoted",
        back: "+ plus",
        reviews: [{ reversed: false, rating: "EASY", reviewedAt: T("2026-05-03T00:00:00.000Z") }],
      }),
    ];
    const parsed = parseOwnCardsCsv(decodeText(writeOwnCardsCsv(cards)), NOW);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(
      parsed.cards.map(({ fileId, lectureSlug, sectionKey, reversible, createdAt, front, back, reviews }) => ({
        id: fileId,
        lectureSlug,
        sectionKey,
        reversible,
        createdAt,
        front,
        back,
        reviews: reviews.map(({ reversed, rating, reviewedAt }) => ({ reversed, rating, reviewedAt })),
      })),
    ).toEqual(cards.map((c) => ({ ...c, reviews: cardRowsReviews(c) })));
    expect(parsed.cards[0]!.reviews.map((r) => r.row)).toEqual([3, 4, 5]);
  });

  it("refuses an unknown, missing or repeated column, naming the columns", () => {
    const result = parseOwnCardsCsv(`${HEADER.replace("rating", "score")},notes\n`, NOW);
    expect(result).toEqual({
      ok: false,
      problems: [{ row: 1, column: null, message: `unknown columns “score”, “notes”; missing rating. The columns are ${OWN_CARDS_CSV_COLUMNS.join(", ")}.` }],
    });
  });

  it("names the row and column of every bad cell, and reads nothing from the file", () => {
    const rows = [
      HEADER,
      `card,good1,alpha,,no,,Front,Back,,,`,
      `card,BAD ID,alpha,basics,maybe,2026-02-30T00:00:00Z,,${"x".repeat(4001)},,,`,
      `card,f1,Alpha!,,yes,2030-01-01T00:00:00Z,=1+1,@SUM(A1),,,`,
      `review,good1,,,,,,,sideways,meh,tomorrow`,
      `review,good1,,,,,,,reverse,good,2026-05-01T00:00:00Z`,
      `review,nosuch,,,,,,,forward,good,2026-05-01T00:00:00Z`,
      `review,good1,,,,,,,forward,good,2027-05-01T00:00:00Z`,
      `review,good1,,,,,,,forward,good,2026-05-01T00:00:00Z`,
      `review,good1,,,,,,,forward,easy,2026-05-01T00:00:00.000Z`,
      `note,good1,,,,,,,,,`,
      `card,good1,alpha,,no,,Again,Twice,,,`,
    ];
    const result = parseOwnCardsCsv(rows.join("\n"), NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(describeProblem)).toEqual([
      "Row 3, card_id: must be lower-case letters and digits, at most 64.",
      "Row 3, reversible: must be yes or no.",
      "Row 3, created_at: must be a past date and time such as 2026-05-04T08:00:00.000Z, or empty.",
      "Row 3, front: Write the front: the question or term you want to be asked.",
      "Row 3, back: The back is too long: at most 4,000 characters.",
      "Row 4, lecture: must be a lecture's slug, as in its address /lectures/<slug>.",
      "Row 4, created_at: must be a past date and time such as 2026-05-04T08:00:00.000Z, or empty.",
      "Row 4, front: starts with = + - @ or a control character, which a spreadsheet runs as a formula. Start it with ' to keep it as text.",
      "Row 4, back: starts with = + - @ or a control character, which a spreadsheet runs as a formula. Start it with ' to keep it as text.",
      "Row 5, direction: must be forward or reverse.",
      "Row 5, rating: must be again, hard, good or easy.",
      "Row 5, reviewed_at: must be a date and time such as 2026-05-04T08:00:00.000Z.",
      "Row 6, direction: is reverse, but card good1 is not reversible (its card row, row 2, says no).",
      "Row 7, card_id: names card “nosuch”, which has no card row in this file.",
      "Row 8, reviewed_at: is in the future or before the year 2000.",
      "Row 10, reviewed_at: repeats row 9: card good1 has one forward rating at that moment.",
      "Row 11, record: must be card or review, not “note”.",
      "Row 12, card_id: repeats the card of row 2.",
    ]);
  });

  it.each([
    ["a row with an extra cell", `${HEADER}\ncard,a,alpha,,no,,F,B,,,,extra\n`, "Row 2: it has a different number of cells than the header."],
    ["an unclosed quote", `${HEADER}\ncard,a,alpha,,no,,"F,B,,,\n`, "Row 2: a quoted cell is never closed."],
    ["a NUL byte", `${HEADER}\ncard,a,alpha,,no,,F\u0000,B,,,\n`, "Row 2, front: it holds a character that cannot be stored (a NUL byte or broken Unicode)."],
    ["only a header", `${HEADER}\n`, "The file: it has no card rows."],
    ["nothing at all", "", "The file: it has no header. The first row names the columns: " + OWN_CARDS_CSV_COLUMNS.join(", ") + "."],
    ["a record too long", `${HEADER}\ncard,a,alpha,,no,,F,"${"x".repeat(40_000)}",,,\n`, "Row 2: it is too long for one card."],
  ])("refuses %s", (_, text, message) => {
    const result = parseOwnCardsCsv(text, NOW);
    expect(result.ok ? [] : result.problems.map(describeProblem)).toEqual([message]);
  });

  it("refuses bytes that are not UTF-8, an empty file and one over the size limit", () => {
    expect(decodeCsv(new Uint8Array([0x63, 0xff, 0xfe]))).toEqual({
      ok: false,
      problems: [{ row: 0, column: null, message: "it is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”." }],
    });
    expect(decodeCsv(new Uint8Array(0))).toMatchObject({ ok: false, problems: [{ message: "it is empty." }] });
    expect(decodeCsv(new Uint8Array(2 * 1024 * 1024 + 1))).toMatchObject({
      ok: false,
      problems: [{ message: "it is larger than 2 MB. Split it into smaller files." }],
    });
    expect(decodeCsv(new TextEncoder().encode("\uFEFFé"))).toEqual({ ok: true, text: "é" });
  });

  it("stops at 50 problems and counts the rest", () => {
    const rows = [HEADER, ...Array.from({ length: 60 }, (_, i) => `card,c${i},alpha,,perhaps,,F,B,,,`)];
    const result = parseOwnCardsCsv(rows.join("\n"), NOW);
    expect(result.ok ? 0 : result.problems.length).toBe(51);
    expect(result.ok ? "" : describeProblem(result.problems[50]!)).toBe("The file: and 10 more problems.");
  });
});

describe("a passage as a card's back", () => {
  it.each([
    ["  A  passage\twith   spaces \r\n\r\n\r\n  and lines  ", "A passage with spaces\n\nand lines", false],
    ["\u00a0non-breaking\u00a0 space ", "non-breaking space", false],
  ])("cleans %j", (selected, text, truncated) => expect(passageText(selected)).toEqual({ text, truncated }));

  it("cuts a long passage at a word, within the limit", () => {
    const result = passageText("word ".repeat(30), 23);
    expect(result).toEqual({ text: "word word word word…", truncated: true });
    expect(passageText("x".repeat(30), 10)).toEqual({ text: "xxxxxxxxx…", truncated: true });
  });
});

describe("replaying ratings", () => {
  it("gives the state and logs of the same ratings made one by one, in time order whatever the input order", () => {
    const ratings: { rating: Rating; reviewedAt: Date }[] = [
      { rating: "GOOD", reviewedAt: T("2026-05-01T08:10:00.000Z") },
      { rating: "AGAIN", reviewedAt: T("2026-05-01T08:00:00.000Z") },
      { rating: "EASY", reviewedAt: T("2026-05-03T08:00:00.000Z") },
    ];
    let card = newCard(T("2026-05-01T08:00:00.000Z"));
    const logs = [];
    for (const r of [ratings[1]!, ratings[0]!, ratings[2]!]) {
      const next = rate(card, r.rating, r.reviewedAt);
      logs.push({ before: card, log: next.log });
      card = next.card;
    }
    const replay = replayRatings(null, ratings);
    expect(replay.card).toEqual(card);
    expect(replay.ratings).toEqual(logs);
    expect(replay.card).toMatchObject({ state: "REVIEW", reps: 3, lapses: 0 });
    expect(() => replayRatings(null, [])).toThrow();
  });
});

const decodeText = (csv: string) => {
  const decoded = decodeCsv(new TextEncoder().encode(csv));
  if (!decoded.ok) throw new Error("not decoded");
  return decoded.text;
};
const cardRowsReviews = (c: CsvCard) =>
  [...c.reviews].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || Number(a.reversed) - Number(b.reversed));
