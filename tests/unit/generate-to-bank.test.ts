import { describe, expect, it } from "vitest";
import { matchesWildcard } from "@/lib/bank/answers/grading";
import { toBankQuestion } from "@/lib/generate/review/to-bank";
import type { GeneratedDraft } from "@/lib/generate/types";

const card = (overrides: Partial<GeneratedDraft>): GeneratedDraft => ({
  kind: "DEFINITION",
  section: "search",
  source: "A* search finds shortest paths with a heuristic.",
  front: "Finds shortest paths with a heuristic.",
  back: "A* search",
  stem: "",
  options: [],
  answer: "A* search",
  lint: [],
  ...overrides,
});
const placement = { id: "generated-abc", sectionKey: "search", topic: null };

describe("an approved generated item in the bank", () => {
  it("keeps a question single-answer, with the cited sentence in the explanation", () => {
    const question = toBankQuestion(
      card({ kind: "MCQ", stem: "Which search uses a heuristic?", options: ["BFS", "A* search", "DFS"], answer: "A* search" }),
      placement,
    );
    expect(question).toMatchObject({
      type: "single",
      stem: "Which search uses a heuristic?",
      options: [
        { text: "BFS", correct: false },
        { text: "A* search", correct: true },
        { text: "DFS", correct: false },
      ],
      explanation: 'From the notes: "A* search finds shortest paths with a heuristic."',
      section: "search",
    });
  });

  it("turns cards into short answers whose stars are literal, not wildcards", () => {
    const definition = toBankQuestion(card({}), placement);
    expect(definition).toMatchObject({
      type: "short-answer",
      stem: "Which term is described here? Finds shortest paths with a heuristic.",
      answers: [{ text: "A\\* search" }],
    });
    const accepted = (definition as { answers: { text: string }[] }).answers[0]!.text;
    expect(matchesWildcard(accepted, "A* search", false)).toBe(true);
    expect(matchesWildcard(accepted, "Any search", false)).toBe(false);
    expect(toBankQuestion(card({ kind: "TERM", front: "A* search", back: "Finds shortest paths." }), placement)).toMatchObject({
      stem: "Which term is described here? Finds shortest paths.",
      answers: [{ text: "A\\* search" }],
    });
    expect(toBankQuestion(card({ kind: "CLOZE", front: "_____ finds shortest paths.", back: "A* search" }), placement)).toMatchObject({
      stem: "Fill in the blank: _____ finds shortest paths.",
    });
  });
});
