import { z } from "zod";
import { SLUG_PATTERN } from "../ids";

/** A lecture slug from the URL: user input, so validated before it reaches a query. */
export const lectureSlug = z.string().regex(SLUG_PATTERN);
