// What a student owns, read back as that student sees it (their attempt, progress and deck pages)
// and as rows in the app's database: the fuzz spec compares both before and after.
import type { APIRequestContext } from "@playwright/test";
import { queryAppDatabase } from "../database";

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

/** The answers in the attempt page's payload: `"chosen":[…]`, `"text":…` and `"flagged":…` of each question. */
function savedAnswers(html: string): string[] {
  return [...html.replace(/\\"/g, '"').matchAll(/"chosen":\[[^\]]*\],"text":(?:null|"[^"]*"),"flagged":(?:true|false)/g)].map((m) => m[0]);
}

/** Digests of every row the victim owns, read from the app's database. */
async function rows(email: string): Promise<Record<string, string>> {
  const owned = ["attempts", "section_reads", "review_cards", "review_logs", "podcast_progress", "practice_sessions"];
  const digest = (from: string) => `SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM ${from} WHERE u.email = $1`;
  const result: Record<string, string> = {};
  for (const table of owned) result[table] = (await queryAppDatabase<{ h: string }>(digest(`${table} t JOIN users u ON u.id = t.user_id`), [email]))[0]!.h;
  const responses = await queryAppDatabase<{ h: string }>(digest("responses t JOIN attempts a ON a.id = t.attempt_id JOIN users u ON u.id = a.user_id"), [
    email,
  ]);
  result.responses = responses[0]!.h;
  const user = await queryAppDatabase("SELECT role::text, cohort_id, name FROM users WHERE email = $1", [email]);
  result.user = JSON.stringify(user[0]);
  return result;
}

export async function victimSnapshot(victim: Victim) {
  const page = async (path: string) => (await victim.request.get(path)).text();
  const [attempt, progress, deck] = await Promise.all([page(`${LECTURE}/quiz/attempts/${victim.attemptId}`), page("/progress"), page(`${LECTURE}/flashcards`)]);
  return { answers: savedAnswers(attempt), progress: mainText(progress), deck: mainText(deck), rows: await rows(victim.email) };
}
