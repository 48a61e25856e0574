import { describe, expect, it } from "vitest";
import {
  chapterIndexAt,
  clampRanges,
  encodeWav,
  formatClock,
  layoutEpisode,
  lineIndexAt,
  mergeRanges,
  percentHeard,
  readWavInfo,
  spokenDuration,
  totalLength,
} from "@/lib/podcast/timing";
import { canonicalJson } from "@/lib/json/canonical";
import { checkTiming, scriptHash, type TimingFile } from "@/lib/podcast/timing-file";

describe("WAV files", () => {
  it("reads back the header it writes, and finds the data after extra chunks", () => {
    const pcm = new Uint8Array([1, 0, 2, 0, 3, 0]);
    const wav = encodeWav(pcm, 22050);
    expect(wav.byteLength).toBe(50);
    expect(readWavInfo(wav)).toEqual({ sampleRate: 22050, channels: 1, bitsPerSample: 16, dataOffset: 44, dataLength: 6 });

    // A LIST chunk of odd size (padded) between "fmt " and "data".
    const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 9, 9, 9, 0]);
    const withList = new Uint8Array([...wav.subarray(0, 36), ...list, ...wav.subarray(36)]);
    expect(readWavInfo(withList)).toMatchObject({ dataOffset: 56, dataLength: 6 });
  });

  it("takes what the file holds when a streaming writer left the data size at its maximum", () => {
    const wav = encodeWav(new Uint8Array(10), 16000);
    new DataView(wav.buffer).setUint32(40, 0x7fffffff, true);
    expect(readWavInfo(wav).dataLength).toBe(10);
  });

  it("refuses what is not 16-bit PCM WAV, naming the file", () => {
    expect(() => readWavInfo(new TextEncoder().encode("ID3 not a wav at all"), "line 4")).toThrow("line 4: not a WAV file");
    const float = encodeWav(new Uint8Array(4), 8000);
    new DataView(float.buffer).setUint16(20, 3, true);
    expect(() => readWavInfo(float, "line 2")).toThrow("line 2: WAV encoding 3 is not PCM");
  });
});

describe("laying out an episode", () => {
  // 1000 samples a second keeps the arithmetic visible.
  const lines = [
    { chapter: "intro", samples: 2000 },
    { chapter: "intro", samples: 1500 },
    { chapter: "formats", samples: 3000 },
    { chapter: "formats", samples: 500 },
  ];

  it("puts a short pause between lines and a long one before a chapter", () => {
    const layout = layoutEpisode(lines, 1000, { betweenLines: 0.25, betweenChapters: 1 });
    expect(layout.gapsBefore).toEqual([0, 250, 1000, 250]);
    expect(layout.lines).toEqual([
      { start: 0, end: 2 },
      { start: 2.25, end: 3.75 },
      { start: 4.75, end: 7.75 },
      { start: 8, end: 8.5 },
    ]);
    expect(layout.chapters).toEqual([
      { key: "intro", start: 0, end: 4.75 },
      { key: "formats", start: 4.75, end: 8.5 },
    ]);
    expect(layout.duration).toBe(8.5);
  });

  it("rounds times to the millisecond at espeak-ng's 22050 Hz", () => {
    const layout = layoutEpisode(
      [
        { chapter: "a", samples: 22050 * 1.5 },
        { chapter: "a", samples: 1000 },
      ],
      22050,
      { betweenLines: 0.35, betweenChapters: 1 },
    );
    // 0.35 s is 7717.4999… samples in binary floating point, so 7717; line 2 starts at
    // (33075 + 7717) / 22050 = 1.84998 s and ends at (33075 + 7717 + 1000) / 22050 = 1.89533 s.
    expect(layout.gapsBefore).toEqual([0, 7717]);
    expect(layout.lines[1]).toEqual({ start: 1.85, end: 1.895 });
  });

  it("refuses a chapter whose lines are not together", () => {
    expect(() =>
      layoutEpisode(
        [
          { chapter: "a", samples: 1 },
          { chapter: "b", samples: 1 },
          { chapter: "a", samples: 1 },
        ],
        1000,
      ),
    ).toThrow('line 3: chapter "a" resumes');
  });
});

describe("transcript alignment", () => {
  const timed = [
    { start: 0, end: 2 },
    { start: 2.25, end: 3.75 },
    { start: 4.75, end: 7.75 },
  ];

  it("finds the line under the play head; a pause belongs to the line before it", () => {
    expect(lineIndexAt(timed, -0.1)).toBe(-1);
    expect(lineIndexAt(timed, 0)).toBe(0);
    expect(lineIndexAt(timed, 2.1)).toBe(0);
    expect(lineIndexAt(timed, 2.25)).toBe(1);
    expect(lineIndexAt(timed, 4.74)).toBe(1);
    expect(lineIndexAt(timed, 4.75)).toBe(2);
    expect(lineIndexAt(timed, 999)).toBe(2);
    expect(lineIndexAt([], 3)).toBe(-1);
  });

  it("finds the chapter the same way", () => {
    const chapters = [
      { key: "intro", start: 0, end: 4.75 },
      { key: "formats", start: 4.75, end: 8.5 },
    ];
    expect(chapterIndexAt(chapters, 4.7)).toBe(0);
    expect(chapterIndexAt(chapters, 5)).toBe(1);
  });

  it("formats times for the clock and for screen readers", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(75.9)).toBe("1:15");
    expect(formatClock(3725)).toBe("1:02:05");
    expect(spokenDuration(61)).toBe("1 minute 1 second");
    expect(spokenDuration(541)).toBe("9 minutes 1 second");
    expect(spokenDuration(5)).toBe("5 seconds");
  });
});

describe("heard ranges", () => {
  it("merges overlapping and touching ranges and drops empty ones", () => {
    expect(
      mergeRanges([
        [10, 20],
        [0, 5],
        [5, 7],
        [15, 25],
        [30, 30],
        [40, 35],
      ]),
    ).toEqual([
      [0, 7],
      [10, 25],
    ]);
    expect(
      totalLength([
        [10, 20],
        [0, 5],
        [5, 7],
        [15, 25],
      ]),
    ).toBe(22);
  });

  it("is idempotent: merging the same ranges again changes nothing", () => {
    const once = mergeRanges([
      [1, 4],
      [3, 9],
      [12, 13],
    ]);
    expect(mergeRanges([...once, [1, 4], [3, 9]])).toEqual(once);
  });

  it("clamps ranges to the episode", () => {
    expect(
      clampRanges(
        [
          [-3, 2],
          [500, 600],
          [700, 800],
        ],
        540,
      ),
    ).toEqual([
      [0, 2],
      [500, 540],
    ]);
  });

  it("turns heard seconds into a whole percent, the last two seconds counting as the end", () => {
    expect(percentHeard(0, 540)).toBe(0);
    expect(percentHeard(269.9, 540)).toBe(49);
    expect(percentHeard(270, 540)).toBe(50);
    expect(percentHeard(538, 540)).toBe(100);
    expect(percentHeard(100, null)).toBeNull();
  });
});

describe("the timing file", () => {
  const script = {
    title: "T",
    lines: [
      { host: "a", chapter: "x", text: "one" },
      { host: "b", chapter: "x", text: "two" },
      { host: "a", chapter: "y", text: "three" },
    ],
  };
  const timing: TimingFile = {
    version: 1,
    scriptHash: scriptHash(script),
    buildHash: "0".repeat(64),
    audioFile: "episode-000000000000.mp3",
    audioBytes: 1000,
    mimeType: "audio/mpeg",
    duration: 9,
    lines: [
      { start: 0, end: 2 },
      { start: 2.35, end: 5 },
      { start: 6, end: 9 },
    ],
    chapters: [
      { key: "x", start: 0, end: 6 },
      { key: "y", start: 6, end: 9 },
    ],
  };

  it("hashes a script the same whatever the order of its keys (the database reorders them)", () => {
    const reordered = { lines: script.lines.map((l) => ({ text: l.text, chapter: l.chapter, host: l.host })), title: "T" };
    expect(scriptHash(reordered)).toBe(scriptHash(script));
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: "x" })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    expect(scriptHash({ ...script, title: "U" })).not.toBe(scriptHash(script));
  });

  it("accepts a consistent timing and names each inconsistency", () => {
    expect(checkTiming(timing, script)).toEqual([]);
    expect(checkTiming({ ...timing, lines: timing.lines.slice(0, 2) }, script)).toContain("2 timed lines for 3 script lines");
    expect(checkTiming({ ...timing, lines: [timing.lines[0]!, { start: 1.5, end: 5 }, timing.lines[2]!] }, script)).toEqual([
      "line 2 starts before line 1 ends",
    ]);
    expect(checkTiming({ ...timing, lines: [...timing.lines.slice(0, 2), { start: 6, end: 9.5 }] }, script)).toEqual(["line 3 ends after the episode"]);
    expect(checkTiming({ ...timing, chapters: [...timing.chapters].reverse() }, script)).toEqual(["chapters do not match the script's order"]);
  });
});
