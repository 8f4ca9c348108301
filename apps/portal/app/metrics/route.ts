// The portal's own metrics in Prometheus' text format (docs/observability.md): not part of /api/v1, and
// readable only as metrics-access.ts says.
import { metrics } from "@/lib/server/metrics";
import { metricsRefusal } from "@/lib/server/metrics-access";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = metricsRefusal(request);
  if (refused) return refused;
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
