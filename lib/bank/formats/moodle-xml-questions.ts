// One Moodle XML <question>, by type, into the bank's fields, as Moodle's qformat_xml reads it:
// multichoice (single or several, any allowed grade), truefalse (feedback for each answer),
// shortanswer (usecase), numerical (tolerance; "*" for any other number), matching (a subquestion
// with no text is an extra distractor), cloze (embedded answers in the text) and essay. Grades that
// Moodle would refuse are refused here too. The element tree comes from moodle-xml-parser.ts.
import { readCloze } from "./cloze";
import { htmlToText } from "./html-text";
import { gradeProblem, moodleGrade } from "./moodle-rules";
import { formatOf, textOf, xmlTexts, type Node, type XmlTexts } from "./moodle-xml-text";

export type { Node };

/** An answer's fraction: "33.33333" is Moodle's grade 0.3333333 (not 0.33333329999999994); a grade Moodle refuses stays as written. */
function fractionOf(answer: Node): number {
  const fraction = Number(((answer["@fraction"] as string | undefined) ?? textOf(answer.fraction)) || "0") / 100;
  return moodleGrade(fraction) ?? fraction;
}

type Fields = Record<string, unknown>;

export interface QuestionReading {
  fields: Fields | null;
  problems: string[];
  warnings: string[];
}

function checkGrades(answers: Node[], what: (text: string) => string, problems: string[]): void {
  for (const a of answers) {
    const problem = gradeProblem(fractionOf(a), what(textOf(a)));
    if (problem) problems.push(problem);
  }
}

function multichoice(q: Node, answers: Node[], t: XmlTexts, r: QuestionReading): Fields | null {
  const single = !["false", "0", ""].includes(textOf(q.single).trim().toLowerCase()) || q.single === undefined;
  checkGrades(answers, (t) => `the answer "${htmlToText(t).slice(0, 40)}"`, r.problems);
  if (answers.length < 2) r.problems.push("a multiple-choice question needs at least two answers");
  const fractions = answers.map(fractionOf);
  const best = Math.max(...fractions);
  if (single && Math.abs(best - 1) > 1e-7 && best > 0) r.warnings.push("no answer is worth 100%: the best answer earns less than full marks");
  return {
    type: single ? "single" : "multiple",
    options: answers.map((a, i) => ({
      text: t.rich(a),
      correct: single ? best > 0 && Math.abs(fractions[i]! - best) < 1e-9 : fractions[i]! > 0,
      fraction: fractions[i],
      ...(t.rich(a.feedback) ? { feedback: t.rich(a.feedback) } : {}),
    })),
  };
}

/** Moodle's rule: the answer "true" says whether true is right (fraction 100) and carries true's feedback; "false" the same. */
function truefalse(answers: Node[], t: XmlTexts, r: QuestionReading): Fields | null {
  let answer: boolean | null = null;
  const feedback: Record<string, string> = {};
  for (const a of answers) {
    const text = t.plain(a).toLowerCase();
    if (text !== "true" && text !== "false") continue;
    feedback[text] = t.rich(a.feedback);
    answer = text === "true" ? fractionOf(a) === 1 : fractionOf(a) !== 1;
  }
  if (answer === null) {
    r.problems.push('a true/false question needs an answer "true" or "false" with its fraction (100 for the right one)');
    return null;
  }
  return {
    type: "true-false",
    answer,
    ...(feedback.true ? { feedbackTrue: feedback.true } : {}),
    ...(feedback.false ? { feedbackFalse: feedback.false } : {}),
  };
}

function shortanswer(q: Node, answers: Node[], t: XmlTexts, r: QuestionReading): Fields {
  checkGrades(answers, (t) => `the answer "${t.slice(0, 40)}"`, r.problems);
  return {
    type: "short-answer",
    caseSensitive: textOf(q.usecase).trim() === "1",
    answers: answers.map((a) => ({
      text: textOf(a).trim(),
      fraction: fractionOf(a),
      ...(t.rich(a.feedback) ? { feedback: t.rich(a.feedback) } : {}),
    })),
  };
}

function numerical(answers: Node[], t: XmlTexts, r: QuestionReading): Fields | null {
  checkGrades(answers, (t) => `the answer "${t.slice(0, 40)}"`, r.problems);
  const parsed = answers.map((a) => {
    const text = textOf(a).trim();
    const value = text === "*" ? "*" : Number(text.replace(",", "."));
    return {
      value,
      tolerance: Math.abs(Number(textOf(a.tolerance).trim() || "0")),
      fraction: fractionOf(a),
      ...(t.rich(a.feedback) ? { feedback: t.rich(a.feedback) } : {}),
      text,
    };
  });
  const bad = parsed.find((a) => (a.value !== "*" && !Number.isFinite(a.value)) || !Number.isFinite(a.tolerance));
  if (bad) {
    r.problems.push(`the answer "${bad.text.slice(0, 40)}" is not a number (or * for any other number), or its tolerance is not a number`);
    return null;
  }
  return { type: "numerical", answers: parsed.map(({ text: _text, ...a }) => (void _text, a)) };
}

function matching(q: Node, t: XmlTexts, r: QuestionReading): Fields {
  const subquestions = (q.subquestion as Node[] | undefined) ?? [];
  const pairs = subquestions.map((s) => ({ prompt: t.plain(s), answer: textOf((s.answer as Node[] | undefined)?.[0]).trim() }));
  const missing = pairs.findIndex((p) => p.prompt !== "" && p.answer === "");
  if (missing >= 0) r.problems.push(`subquestion ${missing + 1} has no answer to match`);
  // A subquestion with neither text nor answer is an unused row of Moodle's form.
  return { type: "matching", pairs: pairs.filter((p) => p.answer !== "") };
}

// A cloze question stays plain text: its gaps sit in the text, which HTML cut at the gaps would break.
function cloze(q: Node, r: QuestionReading): Fields | null {
  const reading = readCloze(textOf(q.questiontext));
  r.problems.push(...reading.problems);
  if (reading.problems.length) return null;
  // Moodle: the question's mark is the sum of its gaps' weights (its <defaultgrade> is ignored).
  const maxMark = reading.parts.reduce((sum, p) => sum + p.weight, 0);
  return {
    type: "cloze",
    stem: formatOf(q.questiontext, "moodle_auto_format") === "html" ? htmlToText(reading.stem) : reading.stem.trim(),
    parts: reading.parts,
    maxMark,
  };
}

export const SUPPORTED_XML_TYPES = ["multichoice", "truefalse", "shortanswer", "numerical", "matching", "cloze", "multianswer", "essay"];

/** The type-specific fields of one question, with what is wrong with it. */
export function readXmlQuestion(q: Node, type: string, t: XmlTexts = xmlTexts(q)): QuestionReading {
  const r: QuestionReading = { fields: null, problems: [], warnings: [] };
  const answers = (q.answer as Node[] | undefined) ?? [];
  switch (type) {
    case "multichoice":
      r.fields = multichoice(q, answers, t, r);
      break;
    case "truefalse":
      r.fields = truefalse(answers, t, r);
      break;
    case "shortanswer":
      r.fields = shortanswer(q, answers, t, r);
      break;
    case "numerical":
      r.fields = numerical(answers, t, r);
      break;
    case "matching":
      r.fields = matching(q, t, r);
      break;
    case "cloze":
    case "multianswer":
      r.fields = cloze(q, r);
      break;
    case "essay":
      r.fields = { type: "essay" };
      break;
    default:
      r.problems.push(
        `the question type "${type}" cannot be imported here (supported: multichoice, truefalse, shortanswer, numerical, matching, cloze, essay)`,
      );
  }
  return r;
}
