import { isDatabaseReachable } from "@/lib/health/data";

export const dynamic = "force-dynamic";

/** For load balancers and the start script: 200 when the app and its database answer, 503 otherwise. */
export async function GET() {
  const database = await isDatabaseReachable();
  return Response.json({ status: database ? "ok" : "degraded", database: database ? "ok" : "unreachable" }, { status: database ? 200 : 503 });
}
