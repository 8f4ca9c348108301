// Global search (Ctrl-K) at the size issue 14 sets: 20,000 nodes and 5,000 systems (with 20,000
// applications, 20,000 groups and 5,000 people). Budget: ≤ 100 ms p95 per search. Prints p50/p95 per
// query and role. SEARCH_BENCH_SCALE (default 1) multiplies every count, e.g. 0.1 while developing.
import { type Context, globalSearch } from "@capstan/usecases";
import { loadActor } from "@capstan/usecases/internal";
import { benchDatabase } from "./database";

const scale = Number(process.env.SEARCH_BENCH_SCALE ?? 1);
const n = (count: number) => Math.max(1, Math.round(count * scale));
const DEPARTMENTS = 50,
  SYSTEMS = n(5_000),
  APPS_PER_SYSTEM = 4,
  CLUSTERS = 20,
  NODES = n(20_000),
  PEOPLE = n(5_000),
  RUNS = 200,
  BUDGET_P95_MS = 100;

const { db, stop } = await benchDatabase();
let over = false;
try {
  const t0 = Date.now();
  await db.$executeRawUnsafe(`
    INSERT INTO "Department" (id, name, "displayName", "updatedAt") SELECT gen_random_uuid(), 'dept-' || i, 'Department ' || i, now() FROM generate_series(1, ${DEPARTMENTS}) i;
    INSERT INTO "System" (id, name, "displayName", "departmentId", "updatedAt")
      SELECT gen_random_uuid(), 'sys-' || i, 'System ' || i, (SELECT id FROM "Department" WHERE name = 'dept-' || (1 + i % ${DEPARTMENTS})), now() FROM generate_series(1, ${SYSTEMS}) i;
    INSERT INTO "Application" (id, "systemId", name, "displayName", "updatedAt")
      SELECT gen_random_uuid(), s.id, 'app-' || a, 'Application ' || a, now() FROM "System" s, generate_series(1, ${APPS_PER_SYSTEM}) a;
    INSERT INTO "DataCentre" (id, name, "displayName", region, "harborUrl", "harborUsername", "harborPasswordEnc", "updatedAt")
      VALUES (gen_random_uuid(), 'dc1', 'DC 1', 'r', 'https://harbor.test', 'admin', '\\x00', now());
    INSERT INTO "Cluster" (id, name, "dataCentreId", "apiEndpoint", "kubeconfigEnc", "updatedAt")
      SELECT gen_random_uuid(), 'dc1-c' || i, (SELECT id FROM "DataCentre"), 'https://k.test', '\\x00', now() FROM generate_series(1, ${CLUSTERS}) i;
    INSERT INTO "Node" (id, "clusterId", name, "updatedAt")
      SELECT gen_random_uuid(), (SELECT id FROM "Cluster" WHERE name = 'dc1-c' || (1 + i % ${CLUSTERS})), 'rack' || (i / 40) || '-node-' || lpad(i::text, 5, '0'), now()
      FROM generate_series(1, ${NODES}) i;
    INSERT INTO "Group" (id, "applicationId", name, "dataCentreId", "clusterId", "imageTag", replicas, "cpuMillis", "memoryMiB", "updatedAt")
      SELECT gen_random_uuid(), a.id, 'web', (SELECT id FROM "DataCentre"), (SELECT id FROM "Cluster" WHERE name = 'dc1-c1'), '1', 2, 100, 128, now() FROM "Application" a;
    INSERT INTO "User" (id, email, name, "updatedAt") SELECT gen_random_uuid(), 'person' || i || '@bench', 'Person ' || i, now() FROM generate_series(1, ${PEOPLE}) i;
    INSERT INTO "DepartmentMember" ("departmentId", "userId", role)
      SELECT (SELECT id FROM "Department" WHERE name = 'dept-' || (1 + substring(u.email from 'person(\\d+)')::int % ${DEPARTMENTS})), u.id, 'DEVELOPER' FROM "User" u;
    INSERT INTO "User" (id, email, name, "platformRole", "updatedAt") VALUES (gen_random_uuid(), 'ops@bench', 'Ops', 'OPS', now()), (gen_random_uuid(), 'dev@bench', 'Dev', NULL, now());
    INSERT INTO "DepartmentMember" ("departmentId", "userId", role) SELECT d.id, u.id, 'DEVELOPER' FROM "Department" d, "User" u WHERE d.name = 'dept-7' AND u.email = 'dev@bench';
    `);
  // As autovacuum leaves them in service: new GIN entries wait in the index's pending list (fastupdate)
  // until a vacuum moves them into the index proper, and until then every search reads that list.
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  console.log(
    `seeded ${SYSTEMS} systems, ${SYSTEMS * APPS_PER_SYSTEM} applications and groups, ${NODES} nodes, ${PEOPLE} people in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  const ctx = async (email: string): Promise<Context> => ({ db, actor: await loadActor(db, (await db.user.findUniqueOrThrow({ where: { email } })).id) });
  const ops = await ctx("ops@bench");
  const dev = await ctx("dev@bench");
  const queries: [string, () => Promise<unknown>][] = [
    ["node by part of its name '01234' (ops)", () => globalSearch(ops, { q: "01234" })],
    ["'node' (matches every node) (ops)", () => globalSearch(ops, { q: "node" })],
    ["one letter 'e' (ops)", () => globalSearch(ops, { q: "e" })],
    ["one letter 'r' (begins every node) (ops)", () => globalSearch(ops, { q: "r" })],
    ["one letter 's' (developer, one department)", () => globalSearch(dev, { q: "s" })],
    ["'sys-42' (ops)", () => globalSearch(ops, { q: "sys-42" })],
    ["no match 'zzzzqq' (ops)", () => globalSearch(ops, { q: "zzzzqq" })],
    ["'sys-4' (developer, one department)", () => globalSearch(dev, { q: "sys-4" })],
    ["'person1' (developer, one department)", () => globalSearch(dev, { q: "person1" })],
  ];
  console.log(`\n${"global search".padEnd(48)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
  for (const [name, run] of queries) {
    for (let i = 0; i < 10; i++) await run(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    if (pct(95) > BUDGET_P95_MS) over = true;
    console.log(`${name.padEnd(48)} ${pct(50).toFixed(1).padStart(8)} ${pct(95).toFixed(1).padStart(8)}${pct(95) > BUDGET_P95_MS ? "  over budget" : ""}`);
  }
  await db.$disconnect();
} finally {
  await stop();
}
if (over) {
  console.error(`global search: p95 over the ${BUDGET_P95_MS} ms budget`);
  process.exitCode = 1;
}
