// "Practise my mistakes": a queue over the questions a student missed. A wrong answer sends the item
// back behind at least three others (or to the end of a shorter queue); a right one removes it; the
// session ends when every item has been answered right. Pure state transitions.

export interface PracticeState {
  /** Question version ids still to answer right, the next one first. */
  queue: string[];
  answered: number;
  correct: number;
}

export const REQUEUE_GAP = 3;

export function startPractice(questionVersionIds: readonly string[]): PracticeState {
  return { queue: [...new Set(questionVersionIds)], answered: 0, correct: 0 };
}

export function answerPractice(state: PracticeState, questionVersionId: string, wasCorrect: boolean): PracticeState {
  if (state.queue[0] !== questionVersionId) throw new Error("That is not the current practice question.");
  const rest = state.queue.slice(1);
  const queue = wasCorrect ? rest : [...rest.slice(0, REQUEUE_GAP), questionVersionId, ...rest.slice(REQUEUE_GAP)];
  return { queue, answered: state.answered + 1, correct: state.correct + (wasCorrect ? 1 : 0) };
}

export function isPracticeDone(state: PracticeState): boolean {
  return state.queue.length === 0;
}
