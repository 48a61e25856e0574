import { z } from "zod";

/** A lecture slug from the URL: user input, so validated before it reaches a query. */
export const lectureSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/);
