// The worker's own metrics, probes and log lines (docs/observability.md), with a worker running in-process
// against a simulated data centre and its HTTP server on a free port: the series move when work happens,
// a request's id reaches the log line of the reconcile it caused, and /readyz answers 503 once stopping.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { currentRequestId, withRequestId } from "@capstan/db/request-context";
import { createLogger } from "@capstan/domain";
import type { Sim } from "@capstan/sim";
import { createApiToken, createGroup, scaleGroup } from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../../packages/usecases/src/testing/fixtures";
import { sample } from "../../../../tests/prometheus-text";
import { admitNodes, simulatedWorld, waitFor } from "../testing";
import { startWorker } from "../worker";
import { startWorkerHttp, type WorkerHttp, workerHttpListen } from "./http";

let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
let http: WorkerHttp;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world } = env);
  const logger = createLogger({
    name: "worker",
    format: "json",
    level: "debug",
    write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>),
    context: () => ({ requestId: currentRequestId() }),
  });
  process.env.DATABASE_URL = env.url; // for the portal's route handler called in the chain test below
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, log: () => {}, logger });
  http = await startWorkerHttp(env.db, { host: "127.0.0.1", port: 0 }, { tasks: worker.tasks, log: () => {} });
  await admitNodes(world, 6);
}, 60_000);

afterAll(async () => {
  await http?.close();
  await worker?.stop();
  await sim?.stop();
});

const get = (p: string) => fetch(`http://127.0.0.1:${http.port}${p}`);
const scrape = async () => {
  const r = await get("/metrics");
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
};
const GROUP = { kind: "reconcile-group" };
const count = (text: string, result: string) => sample(text, "capstan_reconcile_total", { ...GROUP, result }) ?? 0;
const dev = () => world.as.developer;

describe("the worker's metrics and logs", () => {
  it("counts a reconcile a request caused, times it, and logs it with the request's id", async () => {
    const before = await scrape();
    await withRequestId("req-worker-1", () =>
      createGroup(dev(), "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "128Mi" }),
    );
    const line = await waitFor(
      "the reconcile's log line",
      async () => lines.find((l) => l.requestId === "req-worker-1" && l.kind === "reconcile-group" && l.result === "success"),
      Boolean,
    );
    expect(line).toMatchObject({ level: "info", name: "worker", key: expect.stringMatching(/^group:/), durationMs: expect.any(Number) });
    const after = await scrape();
    expect(count(after, "success")).toBeGreaterThan(count(before, "success"));
    expect(sample(after, "capstan_reconcile_duration_seconds_count", GROUP)!).toBeGreaterThan(
      sample(before, "capstan_reconcile_duration_seconds_count", GROUP) ?? 0,
    );
    // the system's namespace in the cluster was reconciled on the way
    expect(sample(after, "capstan_reconcile_total", { kind: "reconcile-system", result: "success" })).toBeGreaterThan(0);
    // the pool the reconciles used, and prom-client's process metrics
    expect(sample(after, "capstan_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
    // present (a request may be waiting at the scrape: the count is not fixed)
    expect(sample(after, "capstan_db_pool_connections", { state: "waiting" })).toBeGreaterThanOrEqual(0);
    expect(sample(after, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
  });

  it("counts a failed reconcile as an error, logged as a warning with its request's id", async () => {
    const before = count(await scrape(), "error");
    sim.faults.set("dc1-c1", { errorRate: 1, errorCode: 500 });
    try {
      await withRequestId("req-worker-2", () => scaleGroup(dev(), "shop", "storefront", "web", { replicas: 2 }));
      const line = await waitFor("the failure's log line", async () => lines.find((l) => l.requestId === "req-worker-2" && l.result === "error"), Boolean);
      expect(line).toMatchObject({ level: "warn", kind: "reconcile-group", attempt: 1 });
      expect(count(await scrape(), "error")).toBeGreaterThan(before);
    } finally {
      sim.faults.clear("dc1-c1");
    }
    // the retry carries the same request id, and succeeds
    await waitFor("the retry's success", async () => lines.find((l) => l.requestId === "req-worker-2" && l.result === "success"), Boolean);
  });

  it("follows a portal request's X-Request-Id through the job it queued to this worker's log line", async () => {
    // The portal's own route handler, in-process (as apps/portal/lib/server/api.int.test.ts calls them); a
    // path in a variable, so this workspace's type check does not follow it into the portal.
    const portalRoute = "../../../portal/app/api/v1/systems/[system]/applications/[app]/groups/[group]/scale/route.ts";
    const { POST } = (await import(portalRoute)) as { POST: (r: Request, p: { params: Promise<Record<string, string>> }) => Promise<Response> };
    const { token } = await createApiToken(world.as.platformAdmin, { name: "chain", expiresInDays: 1 });
    const response = await POST(
      new Request("http://localhost/api/v1/systems/shop/applications/storefront/groups/web/scale", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "x-request-id": "req-chain-1" },
        body: JSON.stringify({ replicas: 1 }),
      }),
      { params: Promise.resolve({ system: "shop", app: "storefront", group: "web" }) },
    );
    expect(response.status, await response.text()).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req-chain-1");
    const line = await waitFor("the worker's line for the job", async () => lines.find((l) => l.requestId === "req-chain-1"), Boolean);
    expect(line).toMatchObject({ name: "worker", kind: "reconcile-group", result: "success" });
  });

  it("reports the queue's backlog by task, 0 for the worker's idle ones", async () => {
    // a task no worker runs stays due: it is counted under its name
    await world.db.$executeRaw`SELECT graphile_worker.add_job('capstan-test-unserved', '{}'::json)`;
    const text = await scrape();
    expect(sample(text, "capstan_queue_depth", { kind: "capstan-test-unserved" })).toBe(1);
    expect(sample(text, "capstan_queue_depth", { kind: "reconcile-build" })).toBe(0);
  });

  it("reports each synced cluster's informer lag: small while watches deliver, growing while they cannot", async () => {
    const lag = async () => sample(await scrape(), "capstan_informer_lag_seconds", { cluster: "dc1-c1" });
    // the simulator sends bookmarks every 5 s, as API servers do about every minute
    expect(await lag()).toBeLessThan(10);
    sim.faults.set("dc1-c1", { errorRate: 1, errorCode: 500 });
    try {
      sim.faults.dropWatches("dc1-c1");
      await waitFor("the lag to grow past 6 s", lag, (s) => s !== undefined && s > 6, 20_000);
    } finally {
      sim.faults.clear("dc1-c1");
    }
    await waitFor("the lag to fall again once the watches resume", lag, (s) => s !== undefined && s < 3, 60_000);
  });

  it("answers /livez, /readyz while running and 503 once marked stopping; nothing else", async () => {
    expect((await get("/livez")).status).toBe(200);
    expect((await get("/readyz")).status).toBe(200);
    expect((await get("/other")).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${http.port}/metrics`, { method: "POST" })).status).toBe(405);
    http.markStopping();
    expect((await get("/readyz")).status).toBe(503);
    expect((await get("/livez")).status).toBe(200);
  });
});

describe("CAPSTAN_WORKER_HTTP_LISTEN", () => {
  it("is host:port, or unset for no server", () => {
    expect(workerHttpListen({})).toBeNull();
    expect(workerHttpListen({ CAPSTAN_WORKER_HTTP_LISTEN: "0.0.0.0:9464" })).toEqual({ host: "0.0.0.0", port: 9464 });
    expect(workerHttpListen({ CAPSTAN_WORKER_HTTP_LISTEN: "[::1]:9464" })).toEqual({ host: "::1", port: 9464 });
    for (const bad of ["9464", "0.0.0.0", "host:99999", "a:b", ":9464"])
      expect(() => workerHttpListen({ CAPSTAN_WORKER_HTTP_LISTEN: bad })).toThrow(/CAPSTAN_WORKER_HTTP_LISTEN must be host:port/);
  });

  // tsx loads the whole worker before main.ts runs a line: 17 s on a loaded 2-core machine.
  it("stops the worker at start when malformed, before it connects anywhere", { timeout: 120_000 }, async () => {
    const root = path.resolve(import.meta.dirname, "../../../..");
    const run = promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "apps/worker/src/main.ts")], {
      env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", CAPSTAN_WORKER_HTTP_LISTEN: "9464" },
    });
    const failed = await run.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toContain('CAPSTAN_WORKER_HTTP_LISTEN must be host:port (e.g. 0.0.0.0:9464 or [::1]:9464), not "9464"');
  });
});
