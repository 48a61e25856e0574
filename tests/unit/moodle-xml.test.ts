import { describe, expect, it } from "vitest";
import { htmlToText, textToHtml } from "@/lib/bank/formats/html-text";
import { parseMoodleXml } from "@/lib/bank/formats/moodle-xml-parser";
import { decodeEntities } from "@/lib/bank/formats/xml-entities";

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Lecture 1/Data formats</text></category></question>
  <question type="multichoice">
    <name><text>Columnar</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which format is <b>column-major</b>?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>See the notes.</text></generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <idnumber>q-columnar</idnumber>
    <single>true</single>
    <answer fraction="100" format="html"><text>Parquet</text><feedback format="html"><text>Yes &amp; well done</text></feedback></answer>
    <answer fraction="0" format="html"><text>CSV</text></answer>
    <tags><tag><text>formats</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Vowels</text></name>
    <questiontext format="html"><text>Which are vowels?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>A</text></answer>
    <answer fraction="50"><text>E</text></answer>
    <answer fraction="-100"><text>K</text></answer>
  </question>
  <question type="category"><category><text>$course$/top/Other</text></category></question>
  <question type="truefalse"><name><text>TF</text></name><questiontext><text>1 &lt; 2</text></questiontext>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
  <question type="shortanswer"><name><text>SA</text></name><questiontext><text>Name a columnar format</text></questiontext><usecase>0</usecase>
    <answer fraction="100"><text>Parquet</text></answer><answer fraction="50"><text>ORC</text></answer></question>
  <question type="numerical"><name><text>Num</text></name><questiontext><text>Bytes of 1000000 as text?</text></questiontext>
    <answer fraction="100"><text>7</text><tolerance>0</tolerance></answer>
    <answer fraction="0"><text>*</text><feedback><text>Count the characters.</text></feedback></answer></question>
  <question type="matching"><name><text>Match</text></name><questiontext><text>Match the layout</text></questiontext>
    <subquestion><text>CSV</text><answer><text>row-major</text></answer></subquestion>
    <subquestion><text>Parquet</text><answer><text>column-major</text></answer></subquestion></question>
  <question type="essay"><name><text>Essay</text></name><questiontext><text>Explain ETL.</text></questiontext></question>
</quiz>`;

describe("Moodle XML", () => {
  it("reads every supported type with categories, fractions, feedback, grades and idnumbers", () => {
    const { questions, problems } = parseMoodleXml(xml);
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.question.type, q.question.name, q.question.category])).toEqual([
      ["single", "Columnar", "Lecture 1/Data formats"],
      ["multiple", "Vowels", "Lecture 1/Data formats"],
      ["true-false", "TF", "Other"],
      ["short-answer", "SA", "Other"],
      ["numerical", "Num", "Other"],
      ["matching", "Match", "Other"],
      ["essay", "Essay", "Other"],
    ]);
    expect(questions[0]!.question).toMatchObject({
      id: "q-columnar",
      // HTML stays HTML, in the safe subset (sanitised); the page renders it.
      format: "html",
      stem: "<p>Which format is <b>column-major</b>?</p>",
      generalFeedback: "See the notes.",
      maxMark: 2,
      options: [
        { text: "Parquet", correct: true, fraction: 1, feedback: "Yes &amp; well done" },
        { text: "CSV", correct: false, fraction: 0 },
      ],
    });
    expect(questions[1]!.question).toMatchObject({
      options: [
        { fraction: 0.5, correct: true },
        { fraction: 0.5, correct: true },
        { fraction: -1, correct: false },
      ],
    });
    expect(questions[2]!.question).toMatchObject({ stem: "1 < 2", answer: true });
    expect(questions[4]!.question).toMatchObject({
      answers: [
        { value: 7, tolerance: 0, fraction: 1 },
        { value: "*", tolerance: 0, fraction: 0, feedback: "Count the characters." },
      ],
    });
    expect(questions[5]!.question).toMatchObject({
      pairs: [
        { prompt: "CSV", answer: "row-major" },
        { prompt: "Parquet", answer: "column-major" },
      ],
    });
  });

  it("refuses DOCTYPEs and entities (billion laughs, external entities) before parsing", () => {
    const essay = (text: string) => `<quiz><question type="essay"><questiontext><text>${text}</text></questiontext></question></quiz>`;
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>` + essay("&lol2;");
    const external = `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + essay("&xxe;");
    for (const source of [bomb, external]) {
      const result = parseMoodleXml(source);
      expect(result.questions).toEqual([]);
      expect(result.problems[0]!.message).toMatch(/^XML with a DOCTYPE or entity declarations is refused/);
    }
    // Character references decode to one character each; unknown entities stay as written.
    expect(decodeEntities("&#65;&#x42;&amp;&lt;&unknown;")).toBe("AB&<&unknown;");
  });

  it("locates problems by XML path and question name, keeping the good questions", () => {
    const noKey =
      '<question type="multichoice"><name><text>No key</text></name><questiontext><text>Q?</text></questiontext>' +
      '<answer fraction="0"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>';
    const source = `<quiz>
      ${noKey}
      <question type="calculated"><name><text>Calc</text></name><questiontext><text>2+2</text></questiontext></question>
      <question type="essay"><name><text>Fine</text></name><questiontext><text>Why?</text></questiontext></question>
    </quiz>`;
    const { questions, problems } = parseMoodleXml(source);
    expect(questions.map((q) => q.question.name)).toEqual(["Fine"]);
    expect(problems.map((p) => [p.line, p.path, p.question, p.message])).toEqual([
      [2, "quiz/question[1]", "No key", "the options: a single-answer question needs a right option"],
      [
        3,
        "quiz/question[2]",
        "Calc",
        'the question type "calculated" cannot be imported here (supported: multichoice, truefalse, shortanswer, numerical, matching, cloze, essay)',
      ],
    ]);
    expect(parseMoodleXml("<quiz><question>").problems[0]!.message).toMatch(/^not well-formed XML/);
    expect(parseMoodleXml("<questions/>").problems[0]!.message).toBe("not Moodle XML: the root element must be <quiz>");
  });

  it("turns HTML into text: no scripts, styles or tags; paragraphs, breaks and list items as lines", () => {
    expect(
      htmlToText(
        '<p onclick="x()">Pick <b>one</b>:<script>alert(1)</script><style>p{}</style></p>' +
          "<ul><li>a</li><li>b &amp; c</li></ul>x<br>y<img src=x onerror=alert(1)>",
      ),
    ).toBe("Pick one:\n\n• a\n\n• b & c\n\nx\ny");
    for (const text of ["1 < 2 and a<b", "Tom & Jerry", "two\nlines", "<script>not markup</script>"]) expect(htmlToText(textToHtml(text))).toBe(text);
  });
});
