// "Practise my mistakes": a queue over the questions a student missed. A wrong answer sends the item
// back behind at least three others (or to the end of a shorter queue); a right one removes it; the
// session ends when every item has been answered right. Pure state transitions.
// A personal practice quiz (lib/practice/personal) uses the same queue with `askOnce`: each item is
// asked once, right or wrong, and every answer is kept in `answers`.

export interface PracticeState {
  /** Question version ids still to answer right (askOnce: still to answer), the next one first. */
  queue: string[];
  answered: number;
  correct: number;
  /** Each item is asked once: a wrong answer is not queued again. */
  askOnce?: true;
  /** askOnce sessions: every answer, in order. */
  answers?: { id: string; correct: boolean }[];
  /** Ended by the student before the queue was empty. */
  abandoned?: true;
}

export const REQUEUE_GAP = 3;

export function startPractice(questionVersionIds: readonly string[], options: { askOnce?: boolean } = {}): PracticeState {
  const queue = [...new Set(questionVersionIds)];
  return options.askOnce ? { queue, answered: 0, correct: 0, askOnce: true, answers: [] } : { queue, answered: 0, correct: 0 };
}

export function answerPractice(state: PracticeState, questionVersionId: string, wasCorrect: boolean): PracticeState {
  if (state.queue[0] !== questionVersionId) throw new Error("That is not the current practice question.");
  const rest = state.queue.slice(1);
  const answered = state.answered + 1;
  const correct = state.correct + (wasCorrect ? 1 : 0);
  if (state.askOnce) return { ...state, queue: rest, answered, correct, answers: [...(state.answers ?? []), { id: questionVersionId, correct: wasCorrect }] };
  const queue = wasCorrect ? rest : [...rest.slice(0, REQUEUE_GAP), questionVersionId, ...rest.slice(REQUEUE_GAP)];
  return { queue, answered, correct };
}

/** Ends the session where it stands (the student started a new one instead). */
export function abandonPractice(state: PracticeState): PracticeState {
  return state.queue.length === 0 ? state : { ...state, queue: [], abandoned: true };
}

export function isPracticeDone(state: PracticeState): boolean {
  return state.queue.length === 0;
}
