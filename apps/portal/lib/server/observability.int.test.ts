// The portal's own metrics and request log (docs/observability.md), through the real route handlers
// in-process against a real PostgreSQL: an API request moves capstan_http_requests_total for its route
// template (a refused one under its 4xx status), each request gets an id that comes back in X-Request-Id,
// is logged in one JSON line without any credential, and is carried into the jobs it queued.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sample } from "../../../../tests/prometheus-text";
import { testDatabase } from "../../../../tests/database";
import type { metricsRefusal as MetricsRefusalFn } from "./metrics-access";

type MetricsRefusal = typeof MetricsRefusalFn;

type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
const V1 = "../../app/api/v1";
const route = async (path: string) => (await import(`${V1}/${path}/route.ts`)) as Record<string, Handler>;

let db: Awaited<ReturnType<typeof testDatabase>>["db"];
let token = "";
let metricsRefusal: MetricsRefusal;
const written: string[] = [];

beforeAll(async () => {
  // read when the logger is made, on first import below (the test run's default level is warn: vitest.config.ts)
  vi.stubEnv("CAPSTAN_LOG_FORMAT", "json");
  vi.stubEnv("CAPSTAN_LOG_LEVEL", "info");
  const test = await testDatabase();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  const { buildWorld, withDataCentre } = await import("../../../../packages/usecases/src/testing/fixtures");
  const { createApiToken, createGroup } = await import("@capstan/usecases");
  const world = await buildWorld(db);
  await withDataCentre(world);
  await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" });
  token = (await createApiToken(world.as.platformAdmin, { name: "metrics test", expiresInDays: 1 })).token;
  ({ metricsRefusal } = await import("./metrics-access"));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
});
afterAll(() => vi.restoreAllMocks());

async function call(
  path: string,
  method: string,
  opts: { url: string; params?: Record<string, string>; body?: unknown; token?: string; headers?: Record<string, string> },
) {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? token}`, ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost/api/v1${opts.url}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const response = await (await route(path))[method]!(request, { params: Promise.resolve(opts.params ?? {}) });
  await response.text();
  return response;
}

const scrape = async (headers: Record<string, string> = {}) => {
  const { GET } = await import("../../app/metrics/route");
  const r = await GET(new Request("http://localhost/metrics", { headers }));
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
};
const requests = (text: string, status: string) => sample(text, "capstan_http_requests_total", { method: "GET", route: "/departments", status }) ?? 0;
const logLines = () =>
  written
    .flatMap((w) => w.split("\n"))
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("the portal's metrics", () => {
  it("counts an API request under its route template, method and status, and times it", async () => {
    const before = await scrape();
    expect((await call("departments", "GET", { url: "/departments" })).status).toBe(200);
    const after = await scrape();
    expect(requests(after, "200")).toBe(requests(before, "200") + 1);
    const durations = (t: string) => sample(t, "capstan_http_request_duration_seconds_count", { method: "GET", route: "/departments" }) ?? 0;
    expect(durations(after)).toBe(durations(before) + 1);
    // the template, never the raw path: one series for every group
    await call("systems/[system]/applications/[app]/groups/[group]", "GET", {
      url: "/systems/shop/applications/storefront/groups/web",
      params: { system: "shop", app: "storefront", group: "web" },
    });
    const text = await scrape();
    expect(sample(text, "capstan_http_requests_total", { method: "GET", route: "/systems/{system}/applications/{app}/groups/{group}", status: "200" })).toBe(1);
    expect(text).not.toContain("/groups/web");
    // the pool the handlers used, and prom-client's process metrics
    expect(sample(text, "capstan_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("counts a refused request under its 4xx status", async () => {
    const before = await scrape();
    expect((await call("departments", "GET", { url: "/departments", token: "cap_notAToken" })).status).toBe(401);
    expect(requests(await scrape(), "401")).toBe(requests(before, "401") + 1);
  });

  it("counts the probes' and documents' routes too (declared())", async () => {
    const { GET } = await route("health");
    await GET!(new Request("http://localhost/api/v1/health"), { params: Promise.resolve({}) });
    expect(sample(await scrape(), "capstan_http_requests_total", { method: "GET", route: "/health", status: "200" })).toBeGreaterThan(0);
  });
});

describe("request ids and the request log", () => {
  it("keeps a well-formed X-Request-Id, replaces a malformed one, makes one when none is sent, and returns it", async () => {
    const sent = await call("departments", "GET", { url: "/departments", headers: { "x-request-id": "req-portal-kept" } });
    expect(sent.headers.get("x-request-id")).toBe("req-portal-kept");
    const bad = await call("departments", "GET", { url: "/departments", headers: { "x-request-id": "no spaces <allowed>" } });
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const none = await call("departments", "GET", { url: "/departments" });
    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers.get("x-request-id")).not.toBe(bad.headers.get("x-request-id"));
    // a refusal carries its id too
    const refused = await call("departments", "GET", { url: "/departments", token: "cap_notAToken", headers: { "x-request-id": "req-portal-refused" } });
    expect(refused.headers.get("x-request-id")).toBe("req-portal-refused");
  });

  it("logs one JSON line per request, with the actor's id and never the token", async () => {
    await call("departments", "GET", { url: "/departments", headers: { "x-request-id": "req-portal-log" } });
    const lines = logLines().filter((l) => l.requestId === "req-portal-log");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", name: "portal", msg: "request", method: "GET", route: "/departments", status: 200, auth: "token" });
    expect(lines[0]!.durationMs).toEqual(expect.any(Number));
    expect(lines[0]!.actorId).toEqual(expect.any(String));
    expect(Date.parse(lines[0]!.time as string)).not.toBeNaN();
    expect(written.join("")).not.toContain(token);
  });

  it("carries the request's id into the job it queued", async () => {
    const r = await call("systems/[system]/applications/[app]/groups/[group]/scale", "POST", {
      url: "/systems/shop/applications/storefront/groups/web/scale",
      params: { system: "shop", app: "storefront", group: "web" },
      body: { replicas: 2 },
      headers: { "x-request-id": "req-portal-job" },
    });
    expect(r.status).toBe(200);
    const jobs = await db.$queryRaw<{ payload: { requestId?: string } }[]>`
      SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'reconcile-group'`;
    expect(jobs.map((j) => j.payload.requestId)).toEqual(["req-portal-job"]);
  });
});

describe("who may read /metrics", () => {
  const scrapeWith = (authorization?: string) => new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} });

  it("asks for the bearer token when CAPSTAN_METRICS_TOKEN is set, and lets it in", async () => {
    const env = { CAPSTAN_METRICS_TOKEN: "s3cret-metrics-token-0123456789", NODE_ENV: "production" };
    expect(metricsRefusal(scrapeWith(), env)?.status).toBe(401);
    expect(metricsRefusal(scrapeWith(), env)?.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(metricsRefusal(scrapeWith("Bearer wrong"), env)?.status).toBe(401);
    expect(metricsRefusal(scrapeWith("Basic s3cret-metrics-token-0123456789"), env)?.status).toBe(401);
    expect(metricsRefusal(scrapeWith("Bearer s3cret-metrics-token-0123456789"), env)).toBeNull();
  });

  it("is refused in production without a token, and open outside production", async () => {
    expect(metricsRefusal(scrapeWith(), { NODE_ENV: "production" })?.status).toBe(403);
    expect(metricsRefusal(scrapeWith(), { NODE_ENV: "development" })).toBeNull();
  });

  it("applies to the route itself", async () => {
    vi.stubEnv("CAPSTAN_METRICS_TOKEN", "s3cret-metrics-token-0123456789");
    try {
      const { GET } = await import("../../app/metrics/route");
      expect((await GET(scrapeWith())).status).toBe(401);
      expect(await scrape({ authorization: "Bearer s3cret-metrics-token-0123456789" })).toContain("capstan_http_requests_total");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
