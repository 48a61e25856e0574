import "server-only";
// The offline generator's items for a lecture, made once per version of its notes and kept in memory:
// distractors come from the whole lecture, so one section's items need every section's terms, and
// parsing the notes with the NLP model is the expensive part.
import { createHash } from "node:crypto";
import { generateOffline } from "./offline";
import type { GeneratedDraft, SectionText } from "./types";

const MAX_LECTURES_KEPT = 20;
const made = new Map<string, GeneratedDraft[]>();

export function offlineItemsFor(lecture: { id: string; sections: readonly { key: string; title: string; bodyMarkdown: string }[] }): GeneratedDraft[] {
  const sections: SectionText[] = lecture.sections.map((s) => ({ key: s.key, title: s.title, body: s.bodyMarkdown }));
  const version = createHash("sha256")
    .update(JSON.stringify([lecture.id, sections]))
    .digest("hex");
  let items = made.get(version);
  if (!items) {
    items = generateOffline(sections);
    if (made.size >= MAX_LECTURES_KEPT) made.delete(made.keys().next().value!);
    made.set(version, items);
  }
  return items;
}
