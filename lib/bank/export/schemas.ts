import { z } from "zod";
import { slugWith } from "../../ids";
import { bankFormatName } from "../formats/registry";

/** A lecture slug from a URL: the content format's keys (lecture.json), nothing else (no NUL byte). */
export const lectureSlugParam = slugWith("No such lecture.");

export const bankExportInput = z.object({ slug: lectureSlugParam, format: bankFormatName.default("json") });
