import { runProgressRoute } from "@/lib/generate/progress-stream";

export const dynamic = "force-dynamic";

/** A language model run's progress, as Server-Sent Events (lib/generate/progress-stream.ts). */
export const GET = runProgressRoute;
