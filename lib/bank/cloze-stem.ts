// A cloze question's stored text marks its gaps {#1}, {#2}, … (Moodle's form). Read back (results,
// the dashboard), each gap is a numbered blank.
export const clozeBlanks = (stem: string): string => stem.replace(/\{#(\d+)\}/g, "_____ ($1)");
