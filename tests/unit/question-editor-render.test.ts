// The editor's pages render for every type: each field labelled, its problems tied to it, the diff's
// changes marked with <ins> and <del> (not colour alone). Server-rendered, as the first paint is.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { QuestionEditor } from "@/components/instructor/question-editor/question-editor";
import { VersionDiff } from "@/components/instructor/question-editor/version-diff";
import { parseMoodleXml } from "@/lib/bank/formats/moodle-xml-parser";
import { diffVersions } from "@/lib/question-editor/diff";
import { questionToDraft } from "@/lib/question-editor/draft";
import { studentPreview } from "@/lib/question-editor/preview";
import { QuestionPreview } from "@/components/instructor/question-editor/question-preview";
import type { BankQuestion } from "@/lib/bank/schemas";

// The form's server actions are not called while rendering; their module needs a request to load.
vi.mock("@/lib/question-editor/actions", () => ({ previewQuestionAction: vi.fn(), saveQuestionAction: vi.fn() }));

const fixture = readFileSync(path.resolve(import.meta.dirname, "../fixtures/banks/moodle-every-type.xml"), "utf8");
const questions = parseMoodleXml(fixture).questions.map((item) => item.question);

describe("the editor's form", () => {
  it.each(questions.map((q) => [q.type, q] as const))("renders a %s question with labelled fields", (_, question) => {
    const html = renderToStaticMarkup(
      createElement(QuestionEditor, {
        id: "q1",
        version: 3,
        draft: questionToDraft(question),
        topics: [{ key: "t", name: "Topic T" }],
        sections: [],
        stale: [],
      }),
    );
    for (const id of ["qe-name", "qe-stem", "qe-generalFeedback", "qe-explanation", "qe-topic", "qe-section", "qe-maxMark"])
      expect(html).toContain(`for="${id}"`);
    // Every control has a label that names it.
    const ids = [...html.matchAll(/<(?:input|textarea|select)[^>]* id="([^"]+)"/g)].map((m) => m[1]!).filter((id) => id.startsWith("qe-"));
    for (const id of ids) expect(html, id).toContain(`for="${id}"`);
    if (question.type === "single") expect(html).toContain('aria-label="Move option 2 up"');
    if (question.type === "cloze") expect(html).toContain("{1:SHORTANSWER:");
    expect(html).toContain("Version 3");
  });
});

describe("the diff", () => {
  it("marks removed and added words with <del> and <ins>", () => {
    const before = questions[0]!;
    const after = { ...before, stem: "<p>Which file format is <em>columnar</em>?</p>" };
    const html = renderToStaticMarkup(
      createElement(VersionDiff, { a: 1, b: 2, rows: diffVersions({ question: before, topic: null }, { question: after, topic: "t" }), showSame: false }),
    );
    expect(html).toContain("<ins");
    expect(html).toMatch(/<ins[^>]*>file <\/ins>/);
    expect(html).toMatch(/<del[^>]*>none<\/del> → <ins[^>]*>t<\/ins>/);
    expect(html).toContain("2 fields changed");
  });
});

describe("the preview", () => {
  const props = { updating: false, failure: null, onAnswer: () => {}, onShowReview: () => {}, onShuffle: () => {} };
  const single = { id: "q", ...questions[0]! } as BankQuestion;
  it("shows the student's question and none of its key", () => {
    const html = renderToStaticMarkup(
      createElement(QuestionPreview, {
        ...props,
        result: { problems: [], preview: studentPreview(single, 5, true) },
        answer: { chosen: [] },
        showReview: false,
      }),
    );
    expect(html).toContain("Which format is <em>columnar</em>?");
    expect(html).toContain('type="radio"');
    expect(html).not.toMatch(/Right: column chunks|Parquet stores columns|Correct answer/);
  });
  it("shows the right answer and feedback after submission when asked", () => {
    const preview = studentPreview(single, 5, true, { chosen: ["a"], text: null });
    const html = renderToStaticMarkup(
      createElement(QuestionPreview, { ...props, result: { problems: [], preview }, answer: { chosen: ["a"] }, showReview: true }),
    );
    expect(html).toContain("Right: column chunks.");
    expect(html).toContain("Correct answer");
    expect(html).toContain("Mark: 100% (correct)");
  });
});
