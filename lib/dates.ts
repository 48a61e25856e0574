// How dates are written on staff and student pages: in UTC, ISO-like and locale-free, so that the
// server's and the browser's renderings agree and a table column sorts as text. The pages say "UTC".

/** An instant as an ISO string: a Date, or a string that is already one (loaders send ISO strings to client components). */
function iso(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString();
}

/** "2025-03-04 05:06": the instant to the minute, in UTC. */
export function formatUtcMinute(value: Date | string): string {
  return iso(value).slice(0, 16).replace("T", " ");
}

/** "2025-03-04": the UTC calendar day, as written in `<input type="date">` and in query strings. */
export function formatUtcDay(value: Date | string): string {
  return iso(value).slice(0, 10);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "3 March 2027, 09:00 UTC": an instant in words, for messages and the quiz page. */
export function formatUtcLong(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const time = date.toISOString().slice(11, 16);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time} UTC`;
}
