import "server-only";
// The lectures feature's raw SQL, each statement with the row type it returns. Statements only: who
// may run them is checked by the callers.

// Who read how many of each lecture's current sections, and when last (the class progress table).
export const CLASS_SECTION_READS_SQL = `
SELECT r.user_id AS "userId", s.lecture_id AS "lectureId", count(*)::int AS "sectionsRead", max(r.last_read_at) AS "lastReadAt"
FROM section_reads r JOIN note_sections s ON s.id = r.section_id
WHERE s.retired_at IS NULL GROUP BY r.user_id, s.lecture_id`;

export interface ClassSectionReadRow {
  userId: string;
  lectureId: string;
  sectionsRead: number;
  lastReadAt: Date;
}
