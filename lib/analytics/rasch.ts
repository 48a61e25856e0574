// Rasch (one-parameter logistic) item difficulties by joint maximum likelihood, with Wright's bias
// correction (L − 1)/L, standard errors from the information, and infit / outfit mean squares.
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
  const prob = (t: number, d: number) => 1 / (1 + Math.exp(d - t));
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
  for (let k = 0; k < items.length; k++) {
    let information = 0;
    let sumZ2 = 0;
    let sumSquared = 0;
    let n = 0;
    for (let q = 0; q < persons.length; q++) {
      const x = responses[persons[q]!]![items[k]!];
      if (x === null || x === undefined) continue;
      const pr = prob(theta[q]!, b[k]!);
      const v = pr * (1 - pr);
      information += v;
      sumSquared += (x - pr) ** 2;
      sumZ2 += (x - pr) ** 2 / v;
      n++;
    }
    result[items[k]!] = { difficulty: b[k]! * correction, se: 1 / Math.sqrt(information), infit: sumSquared / information, outfit: sumZ2 / n, n };
  }
  return { items: result, persons: persons.length, iterations, converged };
}

/** Dichotomous responses simulated from a Rasch model. */
export function simulateRasch(abilities: readonly number[], difficulties: readonly number[], random: () => number): (0 | 1)[][] {
  return abilities.map((t) => difficulties.map((d) => (random() < 1 / (1 + Math.exp(d - t)) ? 1 : 0)));
}
