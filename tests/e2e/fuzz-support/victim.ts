// What a student owns, read back as that student sees it (their attempt, progress and deck pages)
// and, when the tests know the database, as rows: the fuzz spec compares both before and after.
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";

export interface Victim {
  email: string;
  attemptId: string;
  quizId: string;
  /** The victim's own signed-in requests. */
  request: APIRequestContext;
}

const LECTURE = "/lectures/ml-systems-and-data-engineering";

/** The visible text of a page's <main>, scripts and tags removed. */
function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? "";
  return main
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The answers in the attempt page's payload: `"chosen":[…]` and `"flagged":…` of each question. */
function savedAnswers(html: string): string[] {
  return [...html.replace(/\\"/g, '"').matchAll(/"chosen":\[[^\]]*\],"flagged":(?:true|false)/g)].map((m) => m[0]);
}

async function rows(email: string): Promise<Record<string, string> | null> {
  if (!process.env.DATABASE_URL) return null;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const owned = ["attempts", "section_reads", "review_cards", "review_logs", "podcast_progress", "practice_sessions"];
    const result: Record<string, string> = {};
    for (const table of owned) {
      const { rows } = await client.query(
        `SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM ${table} t JOIN users u ON u.id = t.user_id WHERE u.email = $1`,
        [email],
      );
      result[table] = rows[0].h;
    }
    const { rows: responses } = await client.query(
      `SELECT coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') AS h
        FROM responses r JOIN attempts a ON a.id = r.attempt_id JOIN users u ON u.id = a.user_id WHERE u.email = $1`,
      [email],
    );
    result.responses = responses[0].h;
    const { rows: user } = await client.query("SELECT role::text, cohort_id, name FROM users WHERE email = $1", [email]);
    result.user = JSON.stringify(user[0]);
    return result;
  } finally {
    await client.end();
  }
}

export async function victimSnapshot(victim: Victim) {
  const page = async (path: string) => (await victim.request.get(path)).text();
  const [attempt, progress, deck] = await Promise.all([page(`${LECTURE}/quiz/attempts/${victim.attemptId}`), page("/progress"), page(`${LECTURE}/flashcards`)]);
  return { answers: savedAnswers(attempt), progress: mainText(progress), deck: mainText(deck), rows: await rows(victim.email) };
}
