// A class whose quiz has a question with a wrong key, written straight into the app's database: the
// end-to-end spec of the instructor's loop (zz-instructor-fixes.spec.ts) arranges it, and so can the
// README's screenshots.
import { queryAppDatabase } from "./database";

export const LECTURE_SLUG = "ml-systems-and-data-engineering";
export const TARGET_QUESTION = "l01-q-expectation-vs-reality";
export const ESSAY_TEXT = "Expectations meet reality in the data: the model is only as good as what it learns from.";

export interface Seeded {
  quizId: string;
  attemptId: string;
  keyText: string;
  distractorText: string;
}

const id = (prefix: string, i: number | string) => `${prefix}${Date.now().toString(36)}x${i}`.replace(/[^a-z0-9]/g, "");

/**
 * A quiz of four slots on Lecture 1: the target question, two other single-answer questions and an
 * essay (all out of 1). 14 strong students answer the two others right and pick the same wrong option
 * on the target; 10 weak ones answer the others wrong and pick the key; the real student picks the
 * wrong option, answers one other right and writes the essay. Totals: strong 2, weak 1, the student 1.
 */
export async function seedFixingQuiz(studentEmail: string): Promise<Seeded> {
  const [lecture] = await queryAppDatabase<{ id: string }>(`SELECT id FROM lectures WHERE slug = $1`, [LECTURE_SLUG]);
  const versions = await queryAppDatabase<{ question_id: string; key: string; vid: string; options: { key: string; text: string; correct: boolean }[] }>(
    `SELECT q.id AS question_id, q.external_key AS key, qv.id AS vid,
       (SELECT json_agg(json_build_object('key', o.key, 'text', o.text, 'correct', o.is_correct) ORDER BY o.position) FROM question_options o WHERE o.question_version_id = qv.id) AS options
     FROM questions q JOIN question_versions qv ON qv.question_id = q.id AND qv.version = q.latest_version
     WHERE q.lecture_id = $1 AND qv.type = 'SINGLE_CHOICE' ORDER BY (q.external_key = $2) DESC, q.external_key LIMIT 3`,
    [lecture!.id, TARGET_QUESTION],
  );
  if (versions[0]?.key !== TARGET_QUESTION) throw new Error(`Lecture 1 has no single-answer question ${TARGET_QUESTION}`);
  const quizId = id("e2equiz", 0);
  const essayQuestion = id("e2eessayq", 0);
  const essayVersion = id("e2eessayv", 0);
  await queryAppDatabase(`INSERT INTO questions (id, external_key, lecture_id, latest_version, updated_at) VALUES ($1, $2, $3, 1, now())`, [
    essayQuestion,
    `e2e-essay-${quizId}`,
    lecture!.id,
  ]);
  await queryAppDatabase(
    `INSERT INTO question_versions (id, question_id, version, type, stem, content_hash, origin) VALUES ($1, $2, 1, 'ESSAY', $3, $4, 'EDITOR')`,
    [essayVersion, essayQuestion, "Why does the gap between expectation and reality start in the data?", `e2e-${quizId}`],
  );
  await queryAppDatabase(
    `INSERT INTO quizzes (id, lecture_id, key, title, grading_policy, shuffle_options, updated_at) VALUES ($1, $2, $3, 'Fixing quiz', 'BEST', false, now())`,
    [quizId, lecture!.id, `e2e-fixing-${quizId}`],
  );
  const slots = [...versions.map((v) => ({ question: v.question_id, vid: v.vid })), { question: essayQuestion, vid: essayVersion }].map((s, position) => ({
    ...s,
    id: id("e2eslot", position),
    position,
  }));
  for (const s of slots) {
    await queryAppDatabase(`INSERT INTO quiz_slots (id, quiz_id, key, position, max_mark, source) VALUES ($1, $2, $3, $4, 1, 'EDITOR')`, [
      s.id,
      quizId,
      `slot-${s.position}`,
      s.position,
    ]);
    await queryAppDatabase(`INSERT INTO quiz_slot_variants (id, slot_id, question_id, position) VALUES ($1, $2, $3, 0)`, [
      id("e2evar", s.position),
      s.id,
      s.question,
    ]);
  }
  const right = (i: number) => versions[i]!.options.find((o) => o.correct)!.key;
  const wrong = (i: number) => versions[i]!.options.find((o) => !o.correct)!.key;
  const [student] = await queryAppDatabase<{ id: string; password_hash: string }>(`SELECT id, password_hash FROM users WHERE email = $1`, [studentEmail]);
  const people = [
    ...Array.from({ length: 14 }, (_, i) => ({ name: `Strong ${String(i + 1).padStart(2, "0")}`, strong: true })),
    ...Array.from({ length: 10 }, (_, i) => ({ name: `Weak ${String(i + 1).padStart(2, "0")}`, strong: false })),
  ];
  let attemptId = "";
  for (const [n, person] of [...people, { name: "", strong: false, real: true }].entries()) {
    const real = "real" in person;
    const userId = real ? student!.id : id("e2euser", n);
    if (!real)
      await queryAppDatabase(`INSERT INTO users (id, email, name, password_hash, role, updated_at) VALUES ($1, $2, $3, $4, 'STUDENT', now())`, [
        userId,
        `${userId}@example.com`,
        person.name,
        student!.password_hash,
      ]);
    // [chosen keys, mark] per slot.
    const answers: [string[], number][] = real
      ? [
          [[wrong(0)], 0],
          [[right(1)], 1],
          [[wrong(2)], 0],
        ]
      : person.strong
        ? [
            [[wrong(0)], 0],
            [[right(1)], 1],
            [[right(2)], 1],
          ]
        : [
            [[right(0)], 1],
            [[wrong(1)], 0],
            [[wrong(2)], 0],
          ];
    const score = answers.reduce((sum, [, mark]) => sum + mark, 0);
    const attempt = id("e2eatt", n);
    await queryAppDatabase(
      `INSERT INTO attempts (id, quiz_id, user_id, attempt_number, status, seed, started_at, submitted_at, score, max_score)
       VALUES ($1, $2, $3, 1, 'SUBMITTED', $4::int, now() - interval '2 hours', now() - interval '1 hour' + $4::int * interval '1 second', $5, 4)`,
      [attempt, quizId, userId, n, score],
    );
    for (const [position, s] of slots.entries()) {
      const isEssay = position === 3;
      const [chosen, mark] = isEssay ? [[], 0] : answers[position]!;
      const options = isEssay ? [] : versions[position]!.options.map((o) => o.key);
      await queryAppDatabase(
        `INSERT INTO responses (id, attempt_id, slot_id, question_version_id, position, option_order, chosen_option_keys, answer_text, is_correct, mark, max_mark, time_spent_ms, save_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, 30000, 1)`,
        [id("e2eresp", `${n}x${position}`), attempt, s.id, s.vid, position, options, chosen, isEssay && real ? ESSAY_TEXT : null, mark === 1, mark],
      );
    }
    if (real) attemptId = attempt;
  }
  const target = versions[0]!.options;
  return { quizId, attemptId, keyText: target.find((o) => o.correct)!.text, distractorText: target.find((o) => o.key === wrong(0))!.text };
}
