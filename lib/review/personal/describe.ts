// A student's own FSRS parameters in one plain sentence, against FSRS's average learner (its default
// parameters). The comparison is one concrete card, computed with ts-fsrs's FSRS-6 for both sets:
// rated Good when first seen, Good again at the 10-minute learning step, and Good when reviewed 3 days
// later. Its stability then is, by FSRS's definition, the number of days until predicted recall falls
// to 90 % — the interval the app schedules at 90 % retention — so it folds the initial stabilities,
// the growth after a recall and the forgetting curve's decay into one number a student can picture.
import { FSRSAlgorithm, Rating, default_w, generatorParameters } from "ts-fsrs";

/** Within 10 % of the default, a difference is within what a fit on one student's log can tell. */
const SAME_WITHIN = 0.1;
/** The decay w20 is mentioned only when it differs this much (as a ratio) from the default. */
const DECAY_NOTABLE = 1.25;
const REVIEWED_AFTER_DAYS = 3;

/** Days the example card stays above 90 % predicted recall under `w`. */
export function daysAbove90(w: readonly number[]): number {
  const algorithm = new FSRSAlgorithm(generatorParameters({ w: [...w], enable_short_term: true }));
  let state = algorithm.next_state(null, 0, Rating.Good);
  state = algorithm.next_state(state, 0, Rating.Good);
  state = algorithm.next_state(state, REVIEWED_AFTER_DAYS, Rating.Good);
  return state.stability;
}

/** "less than a day", "1 day", "2.5 days", "14 days". */
function formatDays(days: number): string {
  if (days < 1) return "less than a day";
  const rounded = days >= 10 ? Math.round(days) : Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? "day" : "days"}`;
}

/** One or two short sentences comparing `personal` (21 FSRS-6 weights) with FSRS's defaults. */
export function describeParameters(personal: readonly number[]): string {
  if (personal.length !== 21 || !personal.every(Number.isFinite)) throw new RangeError("Expected FSRS-6's 21 finite weights.");
  const mine = daysAbove90(personal);
  const average = daysAbove90(default_w);
  const ratio = mine / average;
  const pace = ratio > 1 + SAME_WITHIN ? "slower than average" : ratio < 1 - SAME_WITHIN ? "faster than average" : "about as fast as average";
  const against = pace.startsWith("about") ? `close to the ${formatDays(average)} by default` : `against ${formatDays(average)} by default`;
  const sentence =
    `Your memory of these cards fades ${pace}: a card you know well after ${REVIEWED_AFTER_DAYS} days ` +
    `is predicted to stay above 90 % for ${formatDays(mine)}, ${against}.`;
  // The decay shapes the curve past the 90 % point: a higher decay means recall drops off faster there.
  const decay = (personal[20] ?? 0) / default_w[20]!;
  if (decay > DECAY_NOTABLE) return `${sentence} Once past that point, your recall drops off more steeply than average.`;
  if (decay < 1 / DECAY_NOTABLE) return `${sentence} Once past that point, your recall drops off more gently than average.`;
  return sentence;
}
