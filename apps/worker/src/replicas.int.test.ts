// Several replicas, proven (issue 18): two portals (the built portal through apps/portal/server.ts, as the image
// runs it), two workers and two terminal gateways, each its own process, against one PostgreSQL and the
// simulator. Sessions, tokens and Idempotency-Keys hold across portals; a cluster is reconciled by one worker
// at a time; a worker killed with SIGKILL hands its cluster and its jobs to the other (liveness.ts) within a
// measured time, with the periodic resync off so it cannot be what converges; streams and terminals need no
// sticky sessions; SIGTERM drains a portal and a worker. The portal must have been built
// (`npx tsx scripts/lib/portal-build.ts --if-changed`, which `npm ci` runs).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { advisoryKey } from "@capstan/db/advisory-lock";
import type { Sim } from "@capstan/sim";
import { createApiToken, createGroup, scaleGroup } from "@capstan/usecases";
import { hashPassword } from "@capstan/usecases/internal";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { livenessKey } from "./liveness";
import { admitNodes, simulatedWorld, waitFor } from "./testing";

const root = path.resolve(import.meta.dirname, "../../..");
const PORTAL_GRACE_SECONDS = 8;
const WORKER_GRACE_SECONDS = 6;
/** The hand-over's bound: liveness.ts reaps every 2 s jobs locked for 3 s, the inventory retries every 5 s. */
const HAND_OVER_BOUND_MS = 15_000;
const AUTH_SECRET = "Vq3xL9pZ2mN7rT4wY8bC1dF6gH0jK5sA-replicas-test";
const PASSWORD = "a-long-enough-password-for-the-test";

interface Proc {
  name: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

let env: Awaited<ReturnType<typeof simulatedWorld>>;
let sim: Sim;
let world: World;
let sql: pg.Client;
let token: string;
const procs: Proc[] = [];
let portals: { port: number; proc: Proc }[] = [];
let gateways: { port: number; proc: Proc }[] = [];
let workers: Proc[] = [];
const dev = () => world.as.developer;
const spec = (name: string, replicas: number) => ({ name, dataCentre: "dc1", imageTag: "1.0", replicas, cpu: "50m", memory: "64Mi" });

function start(name: string, script: string, extra: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
    cwd: root,
    // The test reads the programs' info lines (vitest.config.ts quiets in-process loggers to warn).
    env: { ...process.env, NODE_ENV: "production", CAPSTAN_LOG_LEVEL: "info", ...extra },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const s of [child.stdout!, child.stderr!]) readline.createInterface({ input: s }).on("line", (l) => lines.push(l));
  const exited = new Promise<Proc["exited"] extends Promise<infer T> ? T : never>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const proc = { name, child, lines, exited };
  procs.push(proc);
  return proc;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const withName = (url: string, name: string) => `${url}${url.includes("?") ? "&" : "?"}application_name=${name}`;

/** Who holds which advisory lock now: application_name (the process) per key, granted or waiting. */
async function advisoryLocks(): Promise<{ app: string; key: string; granted: boolean }[]> {
  const { rows } = await sql.query<{ app: string; classid: string; objid: string; granted: boolean }>(
    `SELECT a.application_name AS app, l.classid::text, l.objid::text, l.granted FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows.map((r) => ({ app: r.app, granted: r.granted, key: BigInt.asIntN(64, (BigInt(r.classid) << 32n) | BigInt(r.objid)).toString() }));
}

const api = (port: number, p: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${port}/api/v1${p}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers as Record<string, string>) },
  });

/** Whether every group's Deployment asks for the replicas PostgreSQL wants, all ready, and the rows say so. */
async function converged(names: string[]): Promise<boolean> {
  for (const name of names) {
    const g = await world.db.group.findFirstOrThrow({ where: { name }, include: { application: true } });
    const d = await env.k8s.apps.readNamespacedDeployment({ name: `${g.application.name}-${g.name}`, namespace: "shop" }).catch(() => null);
    if (!d || d.spec?.replicas !== g.replicas || (d.status?.readyReplicas ?? 0) !== g.replicas || g.readyReplicas !== g.replicas) return false;
  }
  return true;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, "apps/portal/.next/BUILD_ID")))
    throw new Error("the portal is not built: run `npx tsx scripts/lib/portal-build.ts --if-changed` first");
  env = await simulatedWorld({ nodes: 6, logLinesPerSecond: 5, timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world } = env);
  sql = new pg.Client({ connectionString: env.url });
  await sql.connect();
  await world.db.user.update({ where: { email: "dev@capstan.test" }, data: { passwordHash: await hashPassword(PASSWORD) } });
  token = (await createApiToken(dev(), { name: "replicas", expiresInDays: 1 })).token;
  const gatewayPorts = [await freePort(), await freePort()];
  gateways = gatewayPorts.map((port, i) => ({
    port,
    proc: start(`gateway-${i + 1}`, "apps/gateway/src/main.ts", {
      DATABASE_URL: env.url,
      CAPSTAN_GATEWAY_PORT: String(port),
      CAPSTAN_GATEWAY_HOST: "127.0.0.1",
    }),
  }));
  portals = [];
  for (const [i, gatewayPort] of gatewayPorts.entries()) {
    const port = await freePort();
    const proc = start(`portal-${i + 1}`, "apps/portal/server.ts", {
      DATABASE_URL: env.url,
      AUTH_SECRET,
      PORT: String(port),
      CAPSTAN_LISTEN_HOST: "127.0.0.1",
      CAPSTAN_GATEWAY_PORT: String(gatewayPort),
      CAPSTAN_SHUTDOWN_GRACE_SECONDS: String(PORTAL_GRACE_SECONDS),
    });
    portals.push({ port, proc });
  }
  // No periodic resync: a dead worker's jobs must come back by the hand-over alone.
  workers = ["worker-a", "worker-b"].map((name) =>
    start(name, "apps/worker/src/main.ts", {
      DATABASE_URL: withName(env.url, name),
      CAPSTAN_RESYNC_MINUTES: "0",
      CAPSTAN_METRICS_SCRAPE_SECONDS: "0",
      CAPSTAN_WORKER_CONCURRENCY: "2",
      CAPSTAN_SHUTDOWN_GRACE_SECONDS: String(WORKER_GRACE_SECONDS),
    }),
  );
  for (const { port, proc } of portals)
    await waitFor(
      `${proc.name} to answer`,
      () => {
        if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode}`);
        return fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
          (r) => r.status,
          () => 0,
        );
      },
      (s) => s === 200,
      240_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; ${proc.name} said:\n${proc.lines.slice(-30).join("\n")}`);
    });
  // The workers compile themselves with tsx first; admitting nodes needs one of them running.
  await admitNodes(world, 6, 120_000);
}, 420_000);

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
  await Promise.all(procs.map((p) => p.exited));
  await sql?.end();
  await sim?.stop();
});

describe("two portals, two workers, two gateways", () => {
  it("a session signed in on portal 1, and a token, work on portal 2", async () => {
    const [one, two] = portals;
    const csrf = await fetch(`http://127.0.0.1:${one!.port}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = (r: Response) => r.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const signIn = await fetch(`http://127.0.0.1:${one!.port}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(csrf).join("; ") },
      body: new URLSearchParams({ csrfToken, email: "dev@capstan.test", password: PASSWORD, callbackUrl: "/" }),
    });
    const session = cookie(signIn).find((c) => c.startsWith("authjs.session-token="));
    expect(session, `sign-in answered ${signIn.status} ${signIn.headers.get("location")}`).toBeDefined();
    const me = await fetch(`http://127.0.0.1:${two!.port}/api/v1/me`, { headers: { cookie: session! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "dev@capstan.test" });
    for (const { port } of portals) {
      const r = await api(port, "/me");
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ email: "dev@capstan.test" });
    }
  });

  it("an Idempotency-Key used on portal 1 and replayed on portal 2 gives the same answer and one group", async () => {
    const send = (port: number) =>
      api(port, "/systems/shop/applications/storefront/groups", {
        method: "POST",
        headers: { "idempotency-key": "replicas-web-1" },
        body: JSON.stringify(spec("web", 1)),
      });
    const first = await send(portals[0]!.port);
    expect(first.status).toBe(201);
    const replay = await send(portals[1]!.port);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(await first.json());
    expect(await world.db.group.count({ where: { name: "web" } })).toBe(1);
  });

  it("each cluster is reconciled, and watched, by one worker at a time", { timeout: 120_000 }, async () => {
    const cluster = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
    const reconcileKey = advisoryKey("reconcile", cluster.id);
    const inventoryKey = advisoryKey("inventory", cluster.id);
    const names = ["s0", "s1", "s2", "s3", "s4", "s5"];
    for (const n of names) await createGroup(dev(), "shop", "storefront", spec(n, 1));
    // Sample the cluster's locks while both workers have its reconciles to run.
    const holders = new Set<string>();
    let waiting = 0;
    let done = false;
    const sampling = (async () => {
      while (!done) {
        const locks = await advisoryLocks();
        const granted = locks.filter((l) => l.key === reconcileKey && l.granted);
        expect(granted.length).toBeLessThanOrEqual(1);
        for (const l of granted) holders.add(l.app);
        waiting += locks.filter((l) => l.key === reconcileKey && !l.granted).length;
        expect(locks.filter((l) => l.key === inventoryKey && l.granted).map((l) => l.app)).toHaveLength(1);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await waitFor(
      "the groups to run",
      () => converged([...names, "web"]),
      (ok) => ok,
      90_000,
    ).finally(() => (done = true));
    await sampling;
    expect([...holders].every((h) => h === "worker-a" || h === "worker-b")).toBe(true);
    // Both workers' logs: the cluster's inventory is watched by exactly one of them.
    const watching = workers.filter((w) => w.lines.some((l) => l.includes("inventory: watching dc1-c1")));
    expect(watching).toHaveLength(1);
    console.log(`[replicas] reconcile lease holders seen: ${[...holders].join(", ")}; samples with the other worker waiting: ${waiting}`);
  });

  it("a worker killed with SIGKILL hands its cluster and its jobs to the other within the bound; every change lands", { timeout: 150_000 }, async () => {
    const cluster = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
    const inventoryKey = advisoryKey("inventory", cluster.id);
    const victimName = (await advisoryLocks()).find((l) => l.key === inventoryKey && l.granted)!.app;
    const victim = workers.find((w) => w.name === victimName)!;
    const survivor = workers.find((w) => w !== victim)!;
    const before = ["s0", "s1", "s2", "s3"];
    // Hold the Deployments' applies so reconciles are in flight in both workers when the victim dies.
    const release = sim.faults.hold("dc1-c1", (url) => /\/namespaces\/shop\/deployments\/storefront-s\d/.test(url.pathname));
    for (const n of before) await scaleGroup(dev(), "shop", "storefront", n, { replicas: 2 });
    const victimJobs = await waitFor(
      "a job locked by the victim",
      async () => {
        const locks = await advisoryLocks();
        const victimKeys = new Set(locks.filter((l) => l.app === victimName && l.granted).map((l) => l.key));
        const { rows } = await sql.query<{ id: string; locked_by: string }>(
          "SELECT id::text, locked_by FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL AND task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier LIKE 'reconcile-%')",
        );
        return rows.filter((r) => victimKeys.has(livenessKey(r.locked_by)));
      },
      (jobs) => jobs.length > 0,
      30_000,
    );
    const killedAt = Date.now();
    victim.child.kill("SIGKILL");
    await victim.exited;
    release();
    // Changes after the kill, to other objects (a new request for the same object would queue a new job
    // under its key and hide whether the dead worker's job came back).
    for (const n of ["t0", "t1"]) await createGroup(dev(), "shop", "storefront", spec(n, 1));
    const ids = victimJobs.map((j) => j.id);
    await waitFor(
      "the victim's jobs to be freed",
      async () =>
        (
          await sql.query("SELECT 1 FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[]) AND locked_by = ANY($2::text[])", [
            ids,
            victimJobs.map((j) => j.locked_by),
          ])
        ).rowCount,
      (n) => n === 0,
      HAND_OVER_BOUND_MS + 5_000,
    );
    const jobsFreedMs = Date.now() - killedAt;
    await waitFor(
      "the survivor to watch the cluster",
      async () => (await advisoryLocks()).some((l) => l.key === inventoryKey && l.granted && l.app === survivor.name),
      (ok) => ok,
      HAND_OVER_BOUND_MS + 5_000,
    );
    const inventoryMs = Date.now() - killedAt;
    await waitFor(
      "every change to land",
      () => converged([...before, "t0", "t1", "s4", "s5", "web"]),
      (ok) => ok,
      90_000,
    );
    const convergedMs = Date.now() - killedAt;
    console.log(
      `[replicas] SIGKILL hand-over: the dead worker's ${ids.length} job(s) freed in ${(jobsFreedMs / 1000).toFixed(1)} s, its cluster's inventory taken in ${(inventoryMs / 1000).toFixed(1)} s, every change landed in ${(convergedMs / 1000).toFixed(1)} s`,
    );
    expect(Math.max(jobsFreedMs, inventoryMs)).toBeLessThanOrEqual(HAND_OVER_BOUND_MS);
    workers = [survivor];
  });

  it("streams through either portal: a group's pod logs and a build's log, on the portal that did not create them", { timeout: 60_000 }, async () => {
    // The group "web" was created through portal 1; its logs are followed through portal 2.
    const logs = await api(portals[1]!.port, "/systems/shop/applications/storefront/groups/web/logs?follow=true&tailLines=5");
    expect(logs.status).toBe(200);
    const reader = logs.body!.getReader();
    let text = "";
    while (text.split("\n").length < 3) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text.length).toBeGreaterThan(0);

    // A build's log is copied into PostgreSQL by the worker while it runs; any portal follows it.
    const app = await world.db.application.findFirstOrThrow({ where: { name: "storefront" } });
    const dc = await world.db.dataCentre.findFirstOrThrow({ where: { name: "dc1" } });
    const build = await world.db.build.create({
      data: {
        applicationId: app.id,
        number: 1,
        dataCentreId: dc.id,
        gitRef: "main",
        gitRepository: "https://git.example/shop.git",
        dockerfilePath: "Dockerfile",
        status: "RUNNING",
        log: "",
      },
    });
    // Nothing printed yet: the status and headers still come at once, so the client knows the stream is open.
    const followed = await Promise.race([
      api(portals[1]!.port, `/systems/shop/applications/storefront/builds/${build.id}/logs?follow=true`),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no headers within 5 s of following a build with no log yet")), 5_000)),
    ]);
    expect(followed.status).toBe(200);
    const buildReader = followed.body!.getReader();
    const decoder = new TextDecoder();
    await world.db.build.update({ where: { id: build.id }, data: { log: "STEP 1/2\n" } });
    let buildText = "";
    while (buildText.length === 0) buildText += decoder.decode((await buildReader.read()).value, { stream: true });
    expect(buildText).toBe("STEP 1/2\n");
    // The worker copies more, then the build ends: the follow sends the rest and ends too.
    await world.db.build.update({ where: { id: build.id }, data: { log: "STEP 1/2\nSTEP 2/2\n" } });
    await world.db.build.update({ where: { id: build.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
    for (let r = await buildReader.read(); !r.done; r = await buildReader.read()) buildText += decoder.decode(r.value, { stream: true });
    expect(buildText).toBe("STEP 1/2\nSTEP 2/2\n");
  });

  it("a terminal ticket from portal 1 opens a terminal at the gateway beside portal 2", { timeout: 60_000 }, async () => {
    const pod = (await world.db.pod.findFirstOrThrow({ where: { group: { name: "web" }, phase: "Running" } })).name;
    const r = await api(portals[0]!.port, `/systems/shop/applications/storefront/groups/web/pods/${pod}/terminal-ticket`, { method: "POST", body: "{}" });
    expect(r.status).toBe(201);
    const { ticket, url } = (await r.json()) as { ticket: string; url: string };
    expect(url).toContain(`:${gateways[0]!.port}`); // portal 1 names its own gateway …
    const ws = new WebSocket(`ws://127.0.0.1:${gateways[1]!.port}/terminal?ticket=${encodeURIComponent(ticket)}`); // … used at the other
    let out = "";
    ws.on("message", (d: Buffer) => {
      if (d[0] === 1 || d[0] === 2) out += d.subarray(1).toString();
    });
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    await waitFor(
      "the prompt",
      async () => out,
      (o) => o.includes("/ # "),
      15_000,
    );
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from("hostname\r")]));
    await waitFor(
      "the pod's name",
      async () => out,
      (o) => o.includes(`${pod}\r\n`),
      15_000,
    );
    ws.close();
  });

  it("SIGTERM: a portal drains and exits 0 in time; a worker hands back its jobs, frees its leases and exits 0", { timeout: 90_000 }, async () => {
    const portal = portals[1]!;
    const stream = await api(portal.port, "/systems/shop/applications/storefront/groups/web/logs?follow=true");
    expect(stream.status).toBe(200);
    const streamEnded = stream.text().then(
      () => "ended",
      () => "cut",
    );
    const signalled = Date.now();
    portal.proc.child.kill("SIGTERM");
    await waitFor(
      "portal 2 to refuse new connections",
      () =>
        fetch(`http://127.0.0.1:${portal.port}/api/v1/health`).then(
          () => "open",
          (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? "error",
        ),
      (s) => s === "ECONNREFUSED",
      PORTAL_GRACE_SECONDS * 1000,
    );
    const exit = await portal.proc.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(PORTAL_GRACE_SECONDS * 1000 + 2_000);
    expect(await streamEnded).toMatch(/ended|cut/); // it was ended rather than holding the exit
    expect((await api(portals[0]!.port, "/me")).status).toBe(200); // the other portal serves on

    // The surviving worker, with a reconcile held in the cluster: SIGTERM, and the job is handed back.
    const [worker] = workers;
    const release = sim.faults.hold("dc1-c1", (url) => /\/namespaces\/shop\/deployments\/storefront-t0/.test(url.pathname));
    await scaleGroup(dev(), "shop", "storefront", "t0", { replicas: 2 });
    const running = await waitFor(
      "the reconcile to run",
      async () =>
        (
          await sql.query<{ id: string }>("SELECT id::text FROM graphile_worker._private_jobs WHERE key = 'group:' || $1 AND locked_by IS NOT NULL", [
            (await world.db.group.findFirstOrThrow({ where: { name: "t0" } })).id,
          ])
        ).rows,
      (rows) => rows.length === 1,
      30_000,
    );
    const stopAt = Date.now();
    worker!.child.kill("SIGTERM");
    const stopped = await worker!.exited;
    release();
    expect(stopped.code).toBe(0);
    expect(stopped.at - stopAt).toBeLessThan(WORKER_GRACE_SECONDS * 1000 + 1_000);
    const job = await sql.query<{ locked_by: string | null }>("SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1::bigint", [running[0]!.id]);
    expect(job.rows[0]?.locked_by ?? null, worker!.lines.slice(-10).join("\n")).toBeNull(); // handed back (or done)
    await waitFor(
      "its sessions' locks to go",
      async () => (await advisoryLocks()).filter((l) => l.app === worker!.name),
      (locks) => locks.length === 0,
      5_000,
    );
    expect(worker!.lines.some((l) => l.includes("handed back"))).toBe(true);
  });
});
