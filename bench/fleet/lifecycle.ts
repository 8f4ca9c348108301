// A lived-in fleet instead of 20,000 fresh INIT nodes (the bench runs no reconciler to move them):
// 85 % ONLINE, 5 % each INIT, WAIT and OFFLINE, entered up to 30 days ago (so some are stuck), 1 % NotReady,
// each with the transition that put it there, admissions and removals by the ops user.
import type { Db } from "@capstan/db";

export async function spreadLifecycle(db: Db, opsEmail: string) {
  await db.$executeRawUnsafe(`
    WITH r AS (SELECT id, row_number() OVER (ORDER BY name) AS i FROM "Node")
    UPDATE "Node" n SET
      status = (CASE WHEN i % 20 = 0 THEN 'INIT' WHEN i % 20 = 1 THEN 'WAIT' WHEN i % 20 = 2 THEN 'OFFLINE' ELSE 'ONLINE' END)::"NodeStatus",
      unschedulable = i % 20 IN (0, 1, 2),
      ready = i % 100 <> 7,
      "statusChangedAt" = (now() AT TIME ZONE 'UTC') - (i % 720) * interval '1 hour' - (i % 60) * interval '1 minute'
    FROM r WHERE n.id = r.id;
    INSERT INTO "NodeTransition" (id, "nodeId", "from", "to", reason, "actorId", result, "createdAt", "finishedAt")
    SELECT gen_random_uuid(), n.id, (CASE n.status WHEN 'WAIT' THEN 'INIT' WHEN 'ONLINE' THEN 'WAIT' ELSE 'ONLINE' END)::"NodeStatus", n.status,
      CASE n.status WHEN 'WAIT' THEN 'Init checks passed.' WHEN 'ONLINE' THEN 'admitted' ELSE 'hardware maintenance' END,
      CASE WHEN n.status = 'WAIT' THEN NULL ELSE (SELECT id FROM "User" WHERE email = '${opsEmail}') END,
      'SUCCEEDED', n."statusChangedAt", n."statusChangedAt"
    FROM "Node" n WHERE n.status <> 'INIT';
    UPDATE "NodeTransition" t SET "createdAt" = n."statusChangedAt" - CASE WHEN n.status = 'INIT' THEN interval '0' ELSE interval '1 hour' END
    FROM "Node" n WHERE t."nodeId" = n.id AND t."from" IS NULL;
    ANALYZE;`);
}
