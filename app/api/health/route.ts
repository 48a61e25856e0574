import { getHealth, healthResponse } from "@/lib/health/data";

export const dynamic = "force-dynamic";

/**
 * For load balancers and the start script: 200 when the app and its database answer, 503 otherwise,
 * always within about HEALTH_CHECK_TIMEOUT_MS (1 s), even while the database hangs or the pool is full.
 */
export async function GET() {
  return healthResponse(await getHealth());
}
