// Rasch (one-parameter logistic) item difficulties by joint maximum likelihood, with Wright's bias
// correction (L − 1)/L, and, at the corrected difficulties (each person's ability estimated again by
// maximum likelihood against them, as eRm's person.parameter does), standard errors and infit /
// outfit mean squares. The standard error is the model's: 1 / √(Σ P(1 − P)) over the item's answers
// at those estimates (the JML information), which runs about 2% above the conditional-ML standard
// error eRm reports; the dashboard says so.
// Responses are dichotomous (full marks = 1). Persons and items with all-right or all-wrong answers
// have no finite estimate: they are set aside (persons) or reported without a difficulty (items).

export interface RaschItem {
  /** Difficulty in logits (mean of estimable items = 0), bias-corrected. */
  difficulty: number | null;
  se: number | null;
  infit: number | null;
  outfit: number | null;
  /** Responses from estimable persons. */
  n: number;
}

export interface RaschResult {
  items: RaschItem[];
  persons: number;
  iterations: number;
  converged: boolean;
}

/** `responses[p][i]` is 1, 0, or null (not answered). */
export function estimateRasch(responses: readonly (readonly (0 | 1 | null)[])[], options: { maxIterations?: number; tolerance?: number } = {}): RaschResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  const itemCount = responses[0]?.length ?? 0;
  // Iteratively drop extreme persons and items (their estimates would be infinite).
  let persons = responses.map((_, p) => p);
  let items = Array.from({ length: itemCount }, (_, i) => i);
  for (;;) {
    const keepItems = items.filter((i) => {
      let right = 0;
      let seen = 0;
      for (const p of persons) {
        const x = responses[p]![i];
        if (x === null || x === undefined) continue;
        seen++;
        right += x;
      }
      return seen > 0 && right > 0 && right < seen;
    });
    const keepPersons = persons.filter((p) => {
      let right = 0;
      let seen = 0;
      for (const i of keepItems) {
        const x = responses[p]![i];
        if (x === null || x === undefined) continue;
        seen++;
        right += x;
      }
      return seen > 0 && right > 0 && right < seen;
    });
    if (keepItems.length === items.length && keepPersons.length === persons.length) break;
    items = keepItems;
    persons = keepPersons;
  }
  const result: RaschItem[] = Array.from({ length: itemCount }, () => ({ difficulty: null, se: null, infit: null, outfit: null, n: 0 }));
  if (items.length < 2 || persons.length < 2) return { items: result, persons: persons.length, iterations: 0, converged: false };

  const theta = new Float64Array(persons.length);
  const b = new Float64Array(items.length);
  const rawPerson = persons.map((p) => items.reduce((s, i) => s + (responses[p]![i] ?? 0), 0));
  const rawItem = items.map((i) => persons.reduce((s, p) => s + (responses[p]![i] ?? 0), 0));
  let iterations = 0;
  let converged = false;
  const prob = logistic;
  while (iterations < maxIterations) {
    iterations++;
    let change = 0;
    // Items, then persons: one Newton step each (bounded to 1 logit for stability).
    for (let k = 0; k < items.length; k++) {
      let expected = 0;
      let information = 0;
      for (let q = 0; q < persons.length; q++) {
        if (responses[persons[q]!]![items[k]!] === null) continue;
        const pr = prob(theta[q]!, b[k]!);
        expected += pr;
        information += pr * (1 - pr);
      }
      const step = Math.max(-1, Math.min(1, (expected - rawItem[k]!) / information));
      b[k] = b[k]! + step;
      change = Math.max(change, Math.abs(step));
    }
    const meanB = b.reduce((s, v) => s + v, 0) / b.length;
    for (let k = 0; k < b.length; k++) b[k] = b[k]! - meanB;
    for (let q = 0; q < persons.length; q++) {
      let expected = 0;
      let information = 0;
      for (let k = 0; k < items.length; k++) {
        if (responses[persons[q]!]![items[k]!] === null) continue;
        const pr = prob(theta[q]!, b[k]!);
        expected += pr;
        information += pr * (1 - pr);
      }
      const step = Math.max(-1, Math.min(1, (rawPerson[q]! - expected) / information));
      theta[q] = theta[q]! + step;
      change = Math.max(change, Math.abs(step));
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const correction = (items.length - 1) / items.length;
  const corrected = b.map((d) => d * correction);
  const ability = abilitiesAt(responses, persons, items, corrected, theta);
  for (let k = 0; k < items.length; k++) {
    let information = 0;
    let sumZ2 = 0;
    let sumSquared = 0;
    let n = 0;
    for (let q = 0; q < persons.length; q++) {
      const x = responses[persons[q]!]![items[k]!];
      if (x === null || x === undefined) continue;
      const pr = prob(ability[q]!, corrected[k]!);
      const v = pr * (1 - pr);
      information += v;
      sumSquared += (x - pr) ** 2;
      sumZ2 += (x - pr) ** 2 / v;
      n++;
    }
    result[items[k]!] = { difficulty: corrected[k]!, se: 1 / Math.sqrt(information), infit: sumSquared / information, outfit: sumZ2 / n, n };
  }
  return { items: result, persons: persons.length, iterations, converged };
}

const logistic = (t: number, d: number) => 1 / (1 + Math.exp(d - t));

/**
 * Each person's maximum-likelihood ability against fixed difficulties (Newton steps bounded to one
 * logit, from `start`): where Σ over their answers of (x − P) is 0.
 */
export function abilitiesAt(
  responses: readonly (readonly (0 | 1 | null)[])[],
  persons: readonly number[],
  items: readonly number[],
  difficulties: ArrayLike<number>,
  start: ArrayLike<number>,
): Float64Array {
  const theta = Float64Array.from(start);
  persons.forEach((p, q) => {
    for (let step = 0; step < 100; step++) {
      let residual = 0;
      let information = 0;
      items.forEach((i, k) => {
        const x = responses[p]![i];
        if (x === null || x === undefined) return;
        const pr = logistic(theta[q]!, difficulties[k]!);
        residual += x - pr;
        information += pr * (1 - pr);
      });
      const move = Math.max(-1, Math.min(1, residual / information));
      theta[q] = theta[q]! + move;
      if (Math.abs(move) < 1e-10) break;
    }
  });
  return theta;
}

/** Dichotomous responses simulated from a Rasch model. */
export function simulateRasch(abilities: readonly number[], difficulties: readonly number[], random: () => number): (0 | 1)[][] {
  return abilities.map((t) => difficulties.map((d) => (random() < 1 / (1 + Math.exp(d - t)) ? 1 : 0)));
}
