// Question text as HTML: what survives the sanitiser (a safe subset), what never does (scripts, event
// handlers, styles, frames, foreign or data: image sources, javascript: links), images embedded in a
// Moodle file, and TeX rendered to MathML in questions and in the notes.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toGift } from "@/lib/bank/formats/gift";
import { parseGift } from "@/lib/bank/formats/gift-parser";
import { toBankJson } from "@/lib/bank/formats/json";
import { parseMoodleXml } from "@/lib/bank/formats/moodle-xml-parser";
import { parseUpload } from "@/lib/bank/import/upload";
import { toMoodleXml } from "@/lib/bank/formats/moodle-xml";
import { imageType, readQuestionFile } from "@/lib/bank/formats/question-files";
import { renderRichText } from "@/lib/bank/rich-text/render";
import { sanitizeQuestionHtml } from "@/lib/bank/rich-text/sanitize";
import { renderMarkdown } from "@/lib/lectures/markdown";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

describe("the sanitiser", () => {
  it("keeps paragraphs, emphasis, lists, code, tables and http(s) links", () => {
    const html =
      '<p>A <strong>b</strong> <em>c</em> <code>d</code></p><ul><li>e</li></ul><pre><code class="language-sql">SELECT 1</code></pre>' +
      '<table><caption>t</caption><tbody><tr><th scope="row">h</th><td colspan="2">x</td></tr></tbody></table><a href="https://example.com/x">link</a>';
    expect(sanitizeQuestionHtml(html)).toBe(
      '<p>A <strong>b</strong> <em>c</em> <code>d</code></p><ul><li>e</li></ul><pre><code class="language-sql">SELECT 1</code></pre>' +
        '<table><caption>t</caption><tbody><tr><th scope="row">h</th><td colspan="2">x</td></tr></tbody></table>' +
        '<a href="https://example.com/x" rel="noopener noreferrer nofollow">link</a>',
    );
  });

  it.each([
    ['<p onclick="steal()">x</p>', "<p>x</p>"],
    ["<script>steal()</script>y", "y"],
    ['<img src="x" onerror="steal()" alt="pic">', "pic"],
    ['<img src="https://evil.example/track.png" alt="">', ""],
    ['<img src="data:image/png;base64,AAAA" alt="d">', "d"],
    ['<a href="javascript:steal()">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ['<p style="position:fixed">x</p><style>p{}</style>', "<p>x</p>"],
    ['<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x">z', "z"],
    ["<svg><script>steal()</script></svg><math><mi>x</mi></math>w", "w"],
    ['<form action="/x"><input name="q"><button>go</button></form>v', "v"],
    ['<div id="main" class="big">x</div>', "<div>x</div>"],
  ])("removes what could run or restyle the page: %s", (input, output) => {
    expect(sanitizeQuestionHtml(input)).toBe(output);
    expect(sanitizeQuestionHtml(sanitizeQuestionHtml(input))).toBe(output);
  });

  it("renders plain text escaped and TeX as MathML, and never lets a formula link anywhere", () => {
    expect(renderRichText("1 < 2 & 3\nnext")).toBe("1 &lt; 2 &amp; 3<br>next");
    expect(renderRichText("Area \\(\\pi r^2\\)")).toMatch(/^Area <math><semantics><mrow><mi>π<\/mi>/);
    expect(renderRichText("$$E = mc^2$$")).toMatch(/^<math display="block"/);
    expect(renderRichText("\\(\\href{javascript:alert(1)}{x}\\)")).toBe("\\(\\href{javascript:alert(1)}{x}\\)");
    expect(renderRichText("<p>x</p><script>alert(1)</script>", "html")).toBe("<p>x</p>");
  });

  it("renders TeX in the notes, but not in code", () => {
    const html = renderMarkdown("Loss \\(\\frac{1}{n}\\) and `\\(code\\)`.");
    expect(html).toMatch(/^<p>Loss <math><semantics><mfrac><mn>1<\/mn><mi>n<\/mi><\/mfrac>/);
    expect(html).toContain("<code>\\(code\\)</code>");
  });
});

describe("images in a Moodle file", () => {
  it("are checked by their bytes and known by their hash", () => {
    expect(imageType(Buffer.from(PNG, "base64"))).toBe("image/png");
    expect(readQuestionFile("x.svg", Buffer.from("<svg onload=alert(1)></svg>").toString("base64"))).toEqual({
      problem: 'the file "x.svg" is not a PNG, JPEG, GIF or WebP image: it is left out',
    });
    expect(readQuestionFile("big.png", "A".repeat(3_000_000))).toEqual({ problem: 'the image "big.png" is larger than 2 MB: it is left out' });
    expect(readQuestionFile("bad.png", "not base64!")).toEqual({ problem: 'the file "bad.png" is not valid base64' });
  });

  it("are stored with the question, shown from this server, and exported back as embedded files", () => {
    const xml =
      '<quiz><question type="truefalse"><name><text>Pic</text></name><questiontext format="html"><text><![CDATA[<p>Is this a dot? <img src="@@PLUGINFILE@@/dot%20one.png" alt="a dot"> <img src="@@PLUGINFILE@@/missing.png" alt="gone"></p>]]></text>' +
      `<file name="dot one.png" path="/" encoding="base64">${PNG}</file></questiontext>` +
      '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>';
    const { questions, problems } = parseMoodleXml(xml);
    expect(problems.map((p) => [p.severity, p.message])).toEqual([["warning", 'the image "missing.png" is not in the file: it is left out']]);
    const question = questions[0]!.question;
    const hash = question.files![0]!.hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(Buffer.from(PNG, "base64")).digest("hex"));
    expect(question).toMatchObject({ format: "html", stem: `<p>Is this a dot? <img src="/api/question-files/${hash}" alt="a dot"> gone</p>` });
    const exported = toMoodleXml([question]);
    expect(exported).toContain(`<file name="${hash}.png" path="/" encoding="base64">${PNG}</file>`);
    expect(exported).toContain(`@@PLUGINFILE@@/${hash}.png`);
    const back = parseMoodleXml(exported);
    expect(back.problems).toEqual([]);
    expect(back.questions[0]!.question).toEqual(question);
    // JSON carries the files too; GIFT keeps the HTML (its images by their address on this server).
    const json = parseUpload("bank.json", new TextEncoder().encode(toBankJson([{ ...question, id: "pic" }])));
    expect(json.problems).toEqual([]);
    expect(json.questions[0]!.question).toEqual({ ...question, id: "pic" });
    const { files: _files, ...withoutFiles } = question;
    void _files;
    const gift = parseGift(toGift([withoutFiles]).text);
    expect(gift.problems).toEqual([]);
    expect(gift.questions[0]!.question).toEqual(withoutFiles);
  });
});
