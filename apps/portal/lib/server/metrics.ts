// The portal's own metrics (docs/observability.md), served at /metrics (app/metrics/route.ts): API requests by
// method, route (the declaration's path template, never the raw path: bounded label values) and status,
// their latency, the database pool, and prom-client's default process metrics. prom-client is one of
// next.config's serverExternalPackages, and the registry is kept on globalThis, so there is one per process.
import "server-only";
import { db, poolUse } from "@capstan/db";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

function portalMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: "capstan_http_requests_total",
      help: "API requests answered, by method, route (the path template, e.g. /systems/{system}) and status.",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "capstan_http_request_duration_seconds",
      help: "Time to an API request's response head (a stream's body may go on after), by method and route.",
      labelNames: ["method", "route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    pool: new Gauge({
      name: "capstan_db_pool_connections",
      help: "The portal's database pool: connections open (total), idle, and queries waiting for one (waiting).",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        // Never the scrape's failure: without DATABASE_URL (a misconfigured portal) the pool reads 0.
        const use = process.env.DATABASE_URL ? poolUse(db()) : undefined;
        for (const state of ["total", "idle", "waiting"] as const) this.set({ state }, use?.[state] ?? 0);
      },
    }),
  };
}

const KEY = Symbol.for("capstan.portal-metrics");
const holder = globalThis as unknown as { [KEY]?: ReturnType<typeof portalMetrics> };

/** The portal's metrics, made once per process. */
export const metrics = (): ReturnType<typeof portalMetrics> => (holder[KEY] ??= portalMetrics());
