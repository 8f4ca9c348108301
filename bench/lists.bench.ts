// How fast the portal's lists answer from PostgreSQL at a large company's size: 50 departments,
// 5,000 systems, 20,000 applications and 200,000 audit events. Prints p50/p95 per query, per role.
import { type Context, listApplications, listAuditEvents, listSystems } from "@capstan/usecases";
import { loadActor } from "@capstan/usecases/internal";
import { benchDatabase } from "./database";

const DEPARTMENTS = 50,
  SYSTEMS = 5_000,
  APPS_PER_SYSTEM = 4,
  AUDIT = 200_000,
  RUNS = 200;

const { db, stop } = await benchDatabase();
try {
  const t0 = Date.now();
  await db.$executeRawUnsafe(`
    INSERT INTO "Department" (id, name, "displayName", "updatedAt") SELECT gen_random_uuid(), 'dept-' || i, 'Department ' || i, now() FROM generate_series(1, ${DEPARTMENTS}) i;
    INSERT INTO "System" (id, name, "displayName", "departmentId", "updatedAt")
      SELECT gen_random_uuid(), 'sys-' || i, 'System ' || i, (SELECT id FROM "Department" WHERE name = 'dept-' || (1 + i % ${DEPARTMENTS})), now() FROM generate_series(1, ${SYSTEMS}) i;
    INSERT INTO "Application" (id, "systemId", name, "displayName", "updatedAt")
      SELECT gen_random_uuid(), s.id, 'app-' || a, 'Application ' || a, now() FROM "System" s, generate_series(1, ${APPS_PER_SYSTEM}) a;
    INSERT INTO "AuditEvent" ("actorEmail", action, "targetType", "targetId", "targetName", "departmentId", at)
      SELECT 'someone@example.com', 'system.update', 'system', 'sys-' || i, 'sys-' || i, (SELECT id FROM "Department" WHERE name = 'dept-' || (1 + i % ${DEPARTMENTS})), now() - (i || ' seconds')::interval FROM generate_series(1, ${AUDIT}) i;
    INSERT INTO "User" (id, email, name, "platformRole", "updatedAt") VALUES (gen_random_uuid(), 'admin@bench', 'Admin', 'PLATFORM_ADMIN', now()), (gen_random_uuid(), 'lead@bench', 'Lead', NULL, now());
    INSERT INTO "DepartmentMember" ("departmentId", "userId", role) SELECT d.id, u.id, 'DEPARTMENT_ADMIN' FROM "Department" d, "User" u WHERE d.name = 'dept-7' AND u.email = 'lead@bench';
    ANALYZE;`);
  console.log(`seeded ${SYSTEMS} systems, ${SYSTEMS * APPS_PER_SYSTEM} applications, ${AUDIT} audit events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const ctx = async (email: string): Promise<Context> => ({ db, actor: await loadActor(db, (await db.user.findUniqueOrThrow({ where: { email } })).id) });
  const admin = await ctx("admin@bench");
  const lead = await ctx("lead@bench");
  const queries: [string, () => Promise<unknown>][] = [
    ["systems, page 1 (platform admin)", () => listSystems(admin, {})],
    ["systems, page 100 (platform admin)", () => listSystems(admin, { page: "100" })],
    ["systems, search 'sys-42' (platform admin)", () => listSystems(admin, { q: "sys-42" })],
    ["systems of own department (department admin)", () => listSystems(lead, {})],
    ["applications, page 1 (platform admin)", () => listApplications(admin, {})],
    ["applications, search (department admin)", () => listApplications(lead, { q: "app-3" })],
    ["audit, page 1 (platform admin)", () => listAuditEvents(admin, {})],
    ["audit, own department (department admin)", () => listAuditEvents(lead, {})],
  ];
  console.log(`\n${"query".padEnd(48)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
  for (const [name, run] of queries) {
    for (let i = 0; i < 10; i++) await run(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
    console.log(`${name.padEnd(48)} ${pct(50).padStart(8)} ${pct(95).padStart(8)}`);
  }
  await db.$disconnect();
} finally {
  await stop();
}
