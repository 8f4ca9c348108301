// Who may read the portal's /metrics (docs/observability.md). Its series name routes and counts, not data,
// but they are not for the world: with CAPSTAN_METRICS_TOKEN set, a scrape must bring it as a bearer token
// (Prometheus' `authorization: { credentials_file: … }`); in production without one, /metrics is refused;
// outside production (next dev, tests) it is open.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

export const METRICS_TOKEN_ENV = "CAPSTAN_METRICS_TOKEN";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** The refusal for a scrape that may not read /metrics, or null when it may. */
export function metricsRefusal(request: Request, env: Record<string, string | undefined> = process.env): Response | null {
  const token = env[METRICS_TOKEN_ENV];
  if (!token) {
    if (env.NODE_ENV !== "production") return null;
    return new Response(`metrics are off: set ${METRICS_TOKEN_ENV} and scrape with it as a bearer token\n`, { status: 403, headers: TEXT });
  }
  const [scheme, given] = (request.headers.get("authorization") ?? "").split(" ");
  // Compared as digests of equal length, in constant time: the answer's timing tells nothing of the token.
  if (scheme?.toLowerCase() === "bearer" && given && timingSafeEqual(digest(given), digest(token))) return null;
  return new Response("a bearer token is required\n", { status: 401, headers: { ...TEXT, "www-authenticate": 'Bearer realm="capstan-metrics"' } });
}

const TEXT = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
