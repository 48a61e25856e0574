// Which bank questions a personal practice quiz asks, and in what order. Pure: the data layer
// (./data.ts) gathers the candidates, their difficulties, the student's ability and mastery.
//
// The rule, step by step:
// 1. Topics. Chosen ones as asked. "My weak spots": the topics with questions ranked weakest first —
//    first those with evidence of weakness (mastery below WEAK_MASTERY, lowest first), then those not
//    started (no evidence: not known to be weak, but not known to be strong either), then the rest by
//    mastery. The weak spots are the weak-with-evidence topics (at most WEAK_TOPIC_LIMIT of them), or,
//    when there are none, the first WEAK_TOPIC_LIMIT of the ranking; more topics are added in rank
//    order only while the chosen ones hold fewer questions than the quiz's length.
// 2. How many per topic: seats handed out one at a time, Sainte-Laguë style, by weight
//    1.25 − mastery (not started: 0.5), so weaker topics get more; a topic never gets more questions
//    than it has. Questions not seen recently (the student's last personal sessions and latest quiz
//    attempts) fill the seats first; seen ones only when the unseen ones run out everywhere — a full
//    quiz with a few repeats rather than a short one, and `reusedSeen` says how many.
// 3. Order: always the topic with the most seats left, but never the one just asked when another is
//    left (no two questions of a topic in a row when it can be avoided).
// 4. Which question: the predicted chance of a right answer is P = 1 / (1 + e^(d − θ)). Each seat
//    takes the question of its topic that minimises |Δ + (P − p*)| + |P − p*|, where p* is the target
//    and Δ the running sum of (P − p*) of the questions already taken: each question near the target,
//    and the quiz's mean on it even when the bank only has questions either side of it.
// Ties go to a shuffle by `seed`, so the same inputs and seed give the same quiz, and a new seed
// another quiz among equally good ones.
import { WEAK_MASTERY } from "../../progress/mastery";
import { seededShuffle } from "../../random";
import { TARGET_SUCCESS, type PracticeMode } from "./options";

export interface CandidateItem {
  questionId: string;
  /** The question's latest version: what the session asks. */
  versionId: string;
  topic: string;
  /** Rasch difficulty in logits (estimated from the class's answers, or a prior when they are thin). */
  difficulty: number;
  /** Asked in one of the student's last personal sessions or in their latest quiz attempt. */
  seenRecently: boolean;
}

export interface TopicStanding {
  topic: string;
  /** 0..1, or null when the student has not started the topic. */
  mastery: number | null;
}

export interface PracticeRequest {
  topics: "weak" | readonly string[];
  length: number;
  mode: PracticeMode;
}

export interface PickedItem extends CandidateItem {
  /** The predicted chance of a right answer. */
  predicted: number;
}

export interface PracticePick {
  /** In the order to ask them. */
  items: PickedItem[];
  /** The topics drawn from (for "weak": which topics that meant). */
  topics: string[];
  target: number;
  /** The mean predicted chance of a right answer over the pick; null when nothing was picked. */
  expectedRate: number | null;
  perTopic: { topic: string; count: number }[];
  /** Questions seen recently that had to be included for lack of others. */
  reusedSeen: number;
  /** Fewer questions than asked for: the topics do not hold more. */
  short: boolean;
}

/** "My weak spots" means at most this many topics (more only to fill the quiz). */
export const WEAK_TOPIC_LIMIT = 3;

export function successProbability(ability: number, difficulty: number): number {
  return 1 / (1 + Math.exp(difficulty - ability));
}

/** The topics with questions, weakest first (see rule 1). */
export function rankWeakTopics(standings: readonly TopicStanding[], questionsPerTopic: ReadonlyMap<string, number>): string[] {
  const withQuestions = standings.filter((s) => (questionsPerTopic.get(s.topic) ?? 0) > 0);
  const byMastery = (list: TopicStanding[]) =>
    list
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.mastery! - b.s.mastery! || a.i - b.i)
      .map(({ s }) => s.topic);
  return [
    ...byMastery(withQuestions.filter((s) => s.mastery !== null && s.mastery < WEAK_MASTERY)),
    ...withQuestions.filter((s) => s.mastery === null).map((s) => s.topic),
    ...byMastery(withQuestions.filter((s) => s.mastery !== null && s.mastery >= WEAK_MASTERY)),
  ];
}

/** What "my weak spots" means for a quiz of `length` questions (see rule 1). */
export function weakTopics(standings: readonly TopicStanding[], questionsPerTopic: ReadonlyMap<string, number>, length: number): string[] {
  const ranking = rankWeakTopics(standings, questionsPerTopic);
  const weak = standings.filter((s) => s.mastery !== null && s.mastery < WEAK_MASTERY && (questionsPerTopic.get(s.topic) ?? 0) > 0).length;
  const chosen = ranking.slice(0, Math.min(WEAK_TOPIC_LIMIT, weak > 0 ? weak : ranking.length));
  let held = chosen.reduce((sum, t) => sum + (questionsPerTopic.get(t) ?? 0), 0);
  for (const topic of ranking.slice(chosen.length)) {
    if (held >= length) break;
    chosen.push(topic);
    held += questionsPerTopic.get(topic) ?? 0;
  }
  return chosen;
}

/** A topic's weight in the share of seats: weaker topics get more (not started counts as 0.5). */
export function topicWeight(mastery: number | null): number {
  return 1.25 - Math.min(1, Math.max(0, mastery ?? 0.5));
}

export function pickPracticeItems(input: {
  items: readonly CandidateItem[];
  ability: number;
  standings: readonly TopicStanding[];
  request: PracticeRequest;
  seed: number;
}): PracticePick {
  const { items, ability, standings, request, seed } = input;
  const target = TARGET_SUCCESS[request.mode];
  const perTopicCount = new Map<string, number>();
  for (const item of items) perTopicCount.set(item.topic, (perTopicCount.get(item.topic) ?? 0) + 1);
  const standingOrder = new Map(standings.map((s, i) => [s.topic, i]));
  const topics =
    request.topics === "weak"
      ? weakTopics(standings, perTopicCount, request.length)
      : [...new Set(request.topics)].sort((a, b) => (standingOrder.get(a) ?? Infinity) - (standingOrder.get(b) ?? Infinity));
  const mastery = new Map(standings.map((s) => [s.topic, s.mastery]));
  const weight = new Map(topics.map((t) => [t, topicWeight(mastery.get(t) ?? null)]));

  // Each topic's questions in the seed's order (ties keep it), unseen apart from seen.
  const shuffled = seededShuffle(items, seed);
  const unseen = new Map(topics.map((t) => [t, shuffled.filter((i) => i.topic === t && !i.seenRecently)]));
  const seen = new Map(topics.map((t) => [t, shuffled.filter((i) => i.topic === t && i.seenRecently)]));

  // Seats per topic: unseen questions first, everywhere; then seen ones.
  const seats = new Map(topics.map((t) => [t, 0]));
  const best = (fits: (topic: string) => boolean) => {
    let chosen: string | null = null;
    let priority = -Infinity;
    for (const topic of topics) {
      if (!fits(topic)) continue;
      const p = weight.get(topic)! / (seats.get(topic)! + 0.5);
      if (p > priority) [chosen, priority] = [topic, p];
    }
    return chosen;
  };
  for (let k = 0; k < request.length; k++) {
    const topic = best((t) => seats.get(t)! < unseen.get(t)!.length) ?? best((t) => seats.get(t)! < unseen.get(t)!.length + seen.get(t)!.length);
    if (topic === null) break;
    seats.set(topic, seats.get(topic)! + 1);
  }

  // The order of topics: most seats left first, never the same twice in a row when avoidable.
  const left = new Map(seats);
  const sequence: string[] = [];
  for (let previous: string | null = null; ;) {
    const open = topics.filter((t) => left.get(t)! > 0);
    if (open.length === 0) break;
    const choices = open.length > 1 ? open.filter((t) => t !== previous) : open;
    const topic = choices.reduce((a, b) => (left.get(b)! > left.get(a)! ? b : a));
    sequence.push(topic);
    left.set(topic, left.get(topic)! - 1);
    previous = topic;
  }

  // Each seat's question: near the target, keeping the running mean on it.
  const picked: PickedItem[] = [];
  let deviation = 0;
  for (const topic of sequence) {
    const pool = unseen.get(topic)!.length > 0 ? unseen.get(topic)! : seen.get(topic)!;
    let index = 0;
    let lowest = Infinity;
    pool.forEach((item, i) => {
      const gap = successProbability(ability, item.difficulty) - target;
      const cost = Math.abs(deviation + gap) + Math.abs(gap);
      if (cost < lowest - 1e-12) [index, lowest] = [i, cost];
    });
    const [item] = pool.splice(index, 1);
    const predicted = successProbability(ability, item!.difficulty);
    deviation += predicted - target;
    picked.push({ ...item!, predicted });
  }

  return {
    items: picked,
    topics,
    target,
    expectedRate: picked.length > 0 ? picked.reduce((sum, i) => sum + i.predicted, 0) / picked.length : null,
    perTopic: topics.map((topic) => ({ topic, count: seats.get(topic)! })),
    reusedSeen: picked.filter((i) => i.seenRecently).length,
    short: picked.length < request.length,
  };
}
