// The shape of ids and slugs that arrive in URLs and action inputs: user input, checked before it
// reaches a query (a NUL byte or a stray character would otherwise be a database error, not a 4xx).
import { z } from "zod";

/** A row id: every table's id is a cuid (prisma/schema.prisma), lower-case letters and digits. */
export const RECORD_ID_PATTERN = /^[a-z0-9]{1,64}$/;

/** A content key (a lecture, topic, section or question key): lower-case letters, digits and hyphens. Length is checked where it is read. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** A lecture slug, as the content files name lectures. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,119}$/;

export const recordIdWith = (message: string) => z.string().regex(RECORD_ID_PATTERN, message);
export const slugWith = (message: string) => z.string().regex(SLUG_PATTERN, message);
