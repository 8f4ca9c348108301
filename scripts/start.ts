// `npm start`: the embedded default. Starts PostgreSQL (unless DATABASE_URL is set), applies migrations,
// seeds an empty database once (demo accounts on the embedded default with the simulator, otherwise a
// bootstrap admin: scripts/lib/first-run.ts), starts two simulated data centres (unless CAPSTAN_SIM=0; off by default with
// DATABASE_URL) and the orchestrator worker, builds the portal if needed and serves it on PORT (3000).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@capstan/db";
import { authSecretAdvice, authSecretProblem, gatewayPortFor, isBrowserBlockedPort, workerHttpPortFor } from "@capstan/domain";
import { policyFromEnv } from "@capstan/orchestrator";
import { openDatabase } from "./lib/database";
import { DEMO_USERS, seedDemoData } from "./lib/demo-data";
import { bootstrapEmail, firstRunSeed, seedBootstrapAdmin } from "./lib/first-run";
import { ensurePortalBuilt } from "./lib/portal-build";
import { startChild, supervise } from "./lib/processes";
import { admitSimulatedNodes, registerSimulatedFleet, seedDemoGroups } from "./lib/simulated-fleet";
import { ensureDemoRepository, hasBuildah } from "./lib/demo-repository";

const root = path.resolve(import.meta.dirname, "..");
const home = path.resolve(root, process.env.CAPSTAN_HOME ?? ".capstan");
const portal = path.join(root, "apps/portal");
const port = process.env.PORT ?? "3000";
const simulate = process.env.CAPSTAN_SIM ? process.env.CAPSTAN_SIM !== "0" : !process.env.DATABASE_URL;
// The simulator listens on 127.0.0.1, a loopback address the outbound policy denies: allow exactly it,
// here (registration) and in the worker and portal, which inherit this environment (docs/security/outbound.md).
if (simulate) process.env.CAPSTAN_OUTBOUND_ALLOW = [process.env.CAPSTAN_OUTBOUND_ALLOW, "127.0.0.1/32"].filter(Boolean).join(",");
// The simulator's loopback pod network leases 127.<32…>.0.0/16 per cluster (docs/simulator.md): the worker and
// the portal reach load-balancer pods' runtime API and status there (docs/security/outbound.md).
if (simulate) process.env.CAPSTAN_POD_NETWORKS ??= "127.32.0.0/11";
fs.mkdirSync(home, { recursive: true });
const tsx = path.join(root, "node_modules/.bin/tsx");
const children: ChildProcess[] = [];

// Refuse a guessable session-signing secret before starting anything (the portal checks again on its own).
const authSecret = persistedSecret("AUTH_SECRET", "auth-secret");
const secretProblem = authSecretProblem(authSecret);
if (secretProblem) {
  console.error(`Capstan refuses to start: ${authSecretAdvice(secretProblem)}`);
  process.exit(1);
}
// A mistyped allow-list is the operator's to fix now, not a 500 at every outbound call later.
try {
  policyFromEnv();
} catch (e) {
  console.error(`Capstan refuses to start: ${(e as Error).message}`);
  process.exit(1);
}

// The build (CPU-bound, needs no database) runs while the database and data centres start.
const built = ensurePortalBuilt(process.env, process.env.CAPSTAN_REBUILD === "1");
const { url, embedded } = await openDatabase(home);
// Secrets persist with the data: sessions survive restarts and sealed kubeconfigs stay readable.
const env: NodeJS.ProcessEnv & { CAPSTAN_SECRET_KEY: string } = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: authSecret,
  CAPSTAN_SECRET_KEY: persistedSecret("CAPSTAN_SECRET_KEY", "secret-key"),
  NEXT_TELEMETRY_DISABLED: "1",
};
process.env.CAPSTAN_SECRET_KEY = env.CAPSTAN_SECRET_KEY;
// The worker runs the built-in DNS server for load balancers' names (docs/load-balancers.md, "Domain names"), on
// loopback and a port derived from the portal's (3000 → 5053), so instances beside each other do not collide; the
// portal shows it on each data centre's page.
env.CAPSTAN_DNS_LISTEN ??= `127.0.0.1:${Number(port) + 2053}`;
// The terminal gateway (apps/gateway, docs/terminal.md) listens beside the portal, on the port after the portal's
// (3000 → 3001) unless CAPSTAN_GATEWAY_PORT says; the portal hands browsers its address with each ticket, so it
// must not be one browsers refuse (gatewayPortFor; 6000, the old default, is X11's and refused).
env.CAPSTAN_GATEWAY_PORT ??= String(gatewayPortFor(Number(port)));
if (isBrowserBlockedPort(Number(env.CAPSTAN_GATEWAY_PORT))) {
  console.error(`CAPSTAN_GATEWAY_PORT=${env.CAPSTAN_GATEWAY_PORT} is a port browsers refuse (net::ERR_UNSAFE_PORT): choose another`);
  process.exit(1);
}

// The worker's metrics and probes (docs/observability.md) on loopback, at the portal's port + 6464 (3000 → 9464).
env.CAPSTAN_WORKER_HTTP_LISTEN ??= `127.0.0.1:${workerHttpPortFor(Number(port))}`;
// Logs as readable lines on a terminal, JSON lines otherwise (the children's output is piped through this one's).
env.CAPSTAN_LOG_FORMAT ??= process.stdout.isTTY ? "text" : "json";

const db = createDb(url, 2);
const seed = firstRunSeed({ embedded: Boolean(embedded), simulate });
if (seed === "demo") {
  if (await seedDemoData(db)) {
    console.log("\nDemo data seeded. Sign in with one of these accounts:");
    for (const u of DEMO_USERS)
      console.log(`  ${u.email.padEnd(28)} ${u.password.padEnd(18)} ${"platformRole" in u ? u.platformRole : `${u.department[1]} of ${u.department[0]}`}`);
    console.log();
  }
} else {
  const email = bootstrapEmail();
  const password = await seedBootstrapAdmin(db, email);
  // Shown this once and stored nowhere but as a hash; it must be changed at first sign-in.
  if (password) console.log(`\nBootstrap platform admin created. Sign in as ${email} with this password, then choose your own:\n\n  ${password}\n`);
}
if (simulate) {
  const out = path.join(home, "sim");
  const portBase = process.env.CAPSTAN_SIM_PORT_BASE ?? "17000";
  const nodes = process.env.CAPSTAN_SIM_NODES ?? "20";
  children.push(
    await startChild(
      "sim",
      tsx,
      [
        path.join(root, "packages/sim/src/cli.ts"),
        "--data-centres",
        "2",
        "--clusters-per-dc",
        "1",
        "--nodes",
        nodes,
        "--out",
        out,
        "--port-base",
        portBase,
        "--seed",
        "1",
        // pods answer on 127.x addresses and LB pods run the real haproxy/nginx (docs/simulator.md)
        "--pod-network",
        "loopback",
      ],
      env,
      "sim ready",
    ),
  );
  await registerSimulatedFleet(db, out);
  // The demo groups live in the demo departments.
  if (seed === "demo") await seedDemoGroups(db);
  // The demo application builds from a repository under CAPSTAN_HOME (docs/builds.md).
  if (seed === "demo") await ensureDemoRepository(db, home);
  // The portal says how builds run here, and disables Build without buildah (docs/builds.md).
  env.CAPSTAN_SIMULATED_BUILDS = hasBuildah() ? "buildah" : "missing";
  if (env.CAPSTAN_SIMULATED_BUILDS === "missing")
    console.log("[capstan] buildah is not installed, so builds in the simulated data centres fail: apt-get install buildah");
}
await db.$disconnect();
// The worker is supervised: one that dies is started again with backoff, and the portal stays up.
const worker = await supervise("worker", tsx, [path.join(root, "apps/worker/src/main.ts")], env);
const gateway = await supervise("gateway", tsx, [path.join(root, "apps/gateway/src/main.ts")], {
  ...env,
  CAPSTAN_GATEWAY_HOST: env.CAPSTAN_GATEWAY_HOST ?? process.env.CAPSTAN_LISTEN_HOST ?? (seed === "demo" ? "127.0.0.1" : undefined),
});
if (simulate) {
  const admitDb = createDb(url, 1);
  void admitSimulatedNodes(admitDb, 2 * Number(process.env.CAPSTAN_SIM_NODES ?? "20")).finally(() => admitDb.$disconnect());
}

if (!(await built)) await stop(1);

// Demo accounts have published passwords, so a demo portal answers only on this machine; CAPSTAN_LISTEN_HOST
// (e.g. 0.0.0.0) opens it up on purpose. Otherwise it listens on every interface, as `next start` does.
const host = process.env.CAPSTAN_LISTEN_HOST ?? (seed === "demo" ? "127.0.0.1" : undefined);
// The production server (apps/portal/server.ts: Next's handler, draining on SIGTERM), as the image runs it.
const server = spawn(process.execPath, ["--import", "tsx", path.join(portal, "server.ts")], {
  cwd: portal,
  stdio: "inherit",
  env: { ...env, NODE_ENV: "production", PORT: port, ...(host ? { CAPSTAN_LISTEN_HOST: host } : {}) },
});
children.push(server);
console.log(`Capstan is starting on http://localhost:${port}`);
console.log(`Built-in DNS server: dig @${env.CAPSTAN_DNS_LISTEN.replace(/:(\d+)$/, " -p $1")} <name>`);
console.log(`Worker metrics and probes: curl http://${env.CAPSTAN_WORKER_HTTP_LISTEN}/metrics (docs/observability.md)`);

/** Prints one line once the portal answers its readiness probe (the database included), so a person knows when to open it. */
async function announceReady() {
  const url = `http://localhost:${port}`;
  for (const started = Date.now(); Date.now() - started < 300_000 && !stopping; await new Promise((r) => setTimeout(r, 500))) {
    const ok = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return console.log(`\n✔ Capstan is ready: ${url} (stop it with Ctrl+C)\n`);
  }
  if (!stopping) console.log(`[capstan] the portal has not answered ${url}/api/v1/health for 5 minutes; see the lines above`);
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  const stopped = Promise.all([worker.stop(), gateway.stop()]);
  for (const c of children) c.kill("SIGTERM");
  await Promise.all([stopped, ...children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined))]);
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
// The portal ending ends everything (it is what people use; its exit code is npm start's). The simulator
// keeps its clusters in memory: one that died is not started again (its clusters would need registering
// anew); the portal and worker stay up and show those clusters as unreachable until the next npm start.
server.on("exit", (code) => void stop(code ?? 0));
for (const c of children) if (c !== server) c.on("exit", (code) => !stopping && console.log(`[capstan] a child exited with ${code}; the portal stays up`));
void announceReady();

/** The environment's value, else one generated once into CAPSTAN_HOME (32 random bytes, base64). */
function persistedSecret(variable: string, file: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  const where = path.join(home, file);
  if (!fs.existsSync(where)) fs.writeFileSync(where, randomBytes(32).toString("base64"), { mode: 0o600 });
  return fs.readFileSync(where, "utf8").trim();
}
