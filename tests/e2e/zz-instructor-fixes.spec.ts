// The instructor's loop, in Chromium: a question flagged "possible wrong key" is opened from the
// dashboard, its key fixed in the editor (with the student's preview), the regrade dry-run (the
// listed changes are the hand-computed ones), applied, and the dashboard's figures equal an exact
// recompute; the student sees the new mark and the note; an essay is marked from the queue with the
// keyboard; content:load afterwards keeps the edit. Students are refused every new page.
import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { appDatabaseUrl, queryAppDatabase } from "./database";
import { DEMO_INSTRUCTOR, signIn, signUp, uniqueEmail } from "./helpers";

const LECTURE_SLUG = "ml-systems-and-data-engineering";
const TARGET_QUESTION = "l01-q-expectation-vs-reality";
const ESSAY_TEXT = "Expectations meet reality in the data: the model is only as good as what it learns from.";

interface Seeded {
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
async function seedClass(studentEmail: string): Promise<Seeded> {
  const [lecture] = await queryAppDatabase<{ id: string }>(`SELECT id FROM lectures WHERE slug = $1`, [LECTURE_SLUG]);
  const versions = await queryAppDatabase<{ question_id: string; key: string; vid: string; options: { key: string; text: string; correct: boolean }[] }>(
    `SELECT q.id AS question_id, q.external_key AS key, qv.id AS vid,
       (SELECT json_agg(json_build_object('key', o.key, 'text', o.text, 'correct', o.is_correct) ORDER BY o.position) FROM question_options o WHERE o.question_version_id = qv.id) AS options
     FROM questions q JOIN question_versions qv ON qv.question_id = q.id AND qv.version = q.latest_version
     WHERE q.lecture_id = $1 AND qv.type = 'SINGLE_CHOICE' ORDER BY (q.external_key = $2) DESC, q.external_key LIMIT 3`,
    [lecture!.id, TARGET_QUESTION],
  );
  expect(versions[0]!.key).toBe(TARGET_QUESTION);
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

async function figures(page: Page, url: string): Promise<{ rows: string[]; summary: string }> {
  await page.goto(url);
  await expect(page.getByTestId("stats-table")).toBeVisible();
  const rows = await page.getByTestId("stats-table").getByTestId("slot-row").allInnerTexts();
  return { rows, summary: await page.getByTestId("quiz-summary").innerText() };
}

test("an instructor fixes a wrong key, regrades with a dry run, and grades an essay; the student sees both", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("regraded");
  await signUp(page, "Rita Regraded", email);
  const seeded = await seedClass(email);
  const dashboard = `/instructor/quizzes/${seeded.quizId}`;
  const results = `/lectures/${LECTURE_SLUG}/quiz/attempts/${seeded.attemptId}/results`;
  await page.goto(results);
  await expect(page.getByTestId("attempt-score")).toHaveText("1 / 4 (25%)");
  await expect(page.getByTestId("awaiting-grading")).toBeVisible();

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  const before = await figures(staff, dashboard);
  expect(before.rows[0]).toContain("Possible wrong key");

  // The flagged question, from the dashboard, then its editor from the flag.
  await staff.getByTestId("stats-table").getByTestId("slot-row").first().getByRole("link").first().click();
  await expect(staff).toHaveURL(/\/slots\//);
  await staff.getByRole("link", { name: /Edit the question \(Possible wrong key\)/ }).click();
  await expect(staff).toHaveURL(/\/instructor\/questions\//);
  const optionGroup = async (text: string) => {
    for (const group of await staff.getByRole("group", { name: /^Option [A-Z]$/ }).all())
      if ((await group.getByLabel("Text").inputValue()) === text) return group;
    throw new Error(`no option "${text}"`);
  };
  await (await optionGroup(seeded.keyText)).getByLabel("Credit").selectOption({ label: "0%" });
  await (await optionGroup(seeded.distractorText)).getByLabel("Credit").selectOption({ label: "100%" });
  // The preview is the student's view: the options, and no key.
  const preview = staff.getByTestId("question-preview");
  await expect(preview.getByText(seeded.distractorText, { exact: true })).toBeVisible();
  await expect(preview).not.toContainText("100%");
  await staff.getByRole("button", { name: "Save", exact: true }).click();
  await expect(staff.getByText("Saved as version 2.")).toBeVisible();
  // The question is also in the lecture's own quiz: this quiz's link.
  await staff.getByTestId("regrade-links").getByRole("listitem").filter({ hasText: "Fixing quiz" }).getByRole("link", { name: "Regrade attempts" }).click();

  // The dry run: every attempt changes, as computed by hand: strong 2 → 3, weak 1 → 0, the student 1 → 2.
  await staff.getByRole("button", { name: "Preview the regrade (dry run)" }).click();
  await expect(staff.getByTestId("regrade-summary")).toHaveText(
    "25 attempts would change; 0 would stay as they are. Mean total 1.56 → 1.76 (+0.2), mean score 39.0% → 44.0%, over 25 submitted attempts.",
  );
  const changes = staff.getByTestId("regrade-changes").locator("tbody tr");
  await expect(changes).toHaveCount(25);
  const cells = (student: string) => changes.filter({ hasText: student }).locator("td").allInnerTexts();
  expect(await cells("Strong 01")).toEqual(["Strong 01", "1", "0 → 1", "2/4 → 3/4", "+1"]);
  expect(await cells("Weak 01")).toEqual(["Weak 01", "1", "1 → 0", "1/4 → 0/4", "-1"]);
  expect(await cells("Rita Regraded")).toEqual(["Rita Regraded", "1", "0 → 1", "1/4 → 2/4", "+1"]);
  await staff.getByRole("button", { name: "Apply the regrade to 25 attempts" }).click();
  await expect(staff.getByText("Regrade applied: 25 attempts changed, mean total 1.56 → 1.76")).toBeVisible();

  // The dashboard's figures changed, to exactly what a recompute from the answers gives.
  const running = await figures(staff, dashboard);
  await expect(staff.getByTestId("stats-source")).toContainText("Live figures from the running totals");
  expect(running.rows[0]).toContain("60.0");
  expect(running.rows[0]).not.toContain("Possible wrong key");
  const exact = await figures(staff, `${dashboard}?attempts=first&from=2000-01-01`);
  await expect(staff.getByTestId("stats-source")).toContainText("Recomputed exactly from the answers");
  expect(running.rows).toEqual(exact.rows);
  expect(running.summary).toEqual(exact.summary);
  expect(running.rows).not.toEqual(before.rows);

  // The student sees the new mark and the note.
  await page.goto(results);
  await expect(page.getByTestId("attempt-score")).toHaveText("2 / 4 (50%)");
  await expect(page.getByTestId("regrade-note")).toContainText("1 / 4 (25%) → 2 / 4 (50%) (+1 mark)");

  // The essay, from the queue, with the keyboard only: the mark has the focus, Tab to the comment, Ctrl+Enter.
  await staff.goto(`/instructor/grading?quiz=${seeded.quizId}`);
  await expect(staff.getByTestId("grading-waiting")).toContainText("1 answer waiting to be marked");
  await expect(staff.getByText(ESSAY_TEXT)).toBeVisible();
  await expect(staff.getByLabel("Mark (0 to 1)")).toBeFocused();
  await staff.keyboard.type("0.5");
  await staff.keyboard.press("Tab");
  await staff.keyboard.type("A good start: name one metric you would watch.");
  await staff.keyboard.press("Control+Enter");
  await expect(staff.getByText(/^All caught up/)).toBeVisible();
  await page.goto(results);
  await expect(page.getByTestId("attempt-score")).toHaveText("2.5 / 4 (63%)");
  await expect(page.getByTestId("teacher-grade")).toContainText("Marked by your teacher: 0.5 / 1");
  await expect(page.getByTestId("teacher-grade")).toContainText("A good start: name one metric you would watch.");

  // The audit log has the edit, the regrade and the mark.
  await staff.goto("/instructor/audit");
  await expect(staff.getByText(/Saved l01-q-expectation-vs-reality as version 2/)).toBeVisible();
  await expect(staff.getByText(/Regraded question 1 of Fixing quiz/)).toBeVisible();
  await expect(staff.getByText(/Marked question 4 of Rita Regraded's attempt 1 on Fixing quiz: 0 → 0.5 of 1/)).toBeVisible();

  // content:load afterwards keeps the edit.
  const load = spawnSync("npx", ["tsx", "scripts/content.ts", "load", "--force"], {
    env: { ...process.env, DATABASE_URL: appDatabaseUrl() },
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(load.status, load.stdout + load.stderr).toBe(0);
  expect(load.stdout).toContain("1 kept app edits");
  const [newest] = await queryAppDatabase<{ version: number; origin: string; right: string }>(
    `SELECT qv.version, qv.origin::text, (SELECT o.text FROM question_options o WHERE o.question_version_id = qv.id AND o.is_correct) AS right
     FROM questions q JOIN question_versions qv ON qv.question_id = q.id AND qv.version = q.latest_version WHERE q.external_key = $1`,
    [TARGET_QUESTION],
  );
  expect(newest).toEqual({ version: 2, origin: "EDITOR", right: seeded.distractorText });

  // A student is refused every instructor page the loop used.
  for (const path of ["/instructor/grading", "/instructor/questions", "/instructor/audit", `${dashboard}/edit`, `${dashboard}/slots/x/regrade`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await staff.close();
});
