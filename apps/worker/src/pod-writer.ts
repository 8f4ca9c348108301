// Pod rows as the inventory sees them, written many per statement: a first sync lists tens of thousands
// of pods per cluster, and one upsert each (≈ 1 ms of Prisma and PostgreSQL per row) made pods the
// slowest part of it.
import type { Db } from "@capstan/db";
import type { podFields } from "./inventory";

export type PodRow = { namespace: string; name: string; groupId: string | null } & ReturnType<typeof podFields>;
/** Stored as given, or stored without its group because that group is gone (its cached id is stale). */
export type PodWrite = "stored" | "group-missing";

const isMissingGroup = (e: unknown) => {
  const err = e as { code?: string; meta?: { code?: string }; message?: string };
  return err.code === "P2003" || err.meta?.code === "23503" || /23503|foreign key/i.test(err.message ?? "");
};

/**
 * Inserts or updates the pods (same columns and values as a Prisma upsert per pod) in one statement. If a
 * group was deleted meanwhile the statement fails as a whole; then each pod is written on its own, and
 * those whose group is gone without it.
 */
export async function upsertPods(db: Db, clusterId: string, pods: PodRow[]): Promise<PodWrite[]> {
  try {
    await upsertAll(db, clusterId, pods);
    return pods.map(() => "stored");
  } catch (e) {
    if (!isMissingGroup(e)) throw e;
    const results: PodWrite[] = [];
    for (const p of pods) {
      try {
        await upsertAll(db, clusterId, [p]);
        results.push("stored");
      } catch (e1) {
        if (!isMissingGroup(e1)) throw e1;
        await upsertAll(db, clusterId, [{ ...p, groupId: null }]);
        results.push("group-missing");
      }
    }
    return results;
  }
}

async function upsertAll(db: Db, clusterId: string, pods: PodRow[]) {
  // One row per pod: ON CONFLICT cannot update the same row twice in one statement (the last one wins).
  const rows = JSON.stringify([...new Map(pods.map((p) => [`${p.namespace}/${p.name}`, p])).values()]);
  // Prisma keeps DateTime as UTC in columns without time zone: startedAt is read as such (the "Z" of the
  // ISO string is ignored), and now() is taken in UTC, whatever the session's time zone.
  await db.$executeRaw`
    INSERT INTO "Pod" (id, "clusterId", namespace, name, uid, "groupId", "nodeName", phase, ready, ip, restarts, reason, message,
      "cpuMillis", "memoryMiB", gpu, "startedAt", labels, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${clusterId}::uuid, p.namespace, p.name, p.uid, p."groupId", p."nodeName", p.phase, p.ready, p.ip, p.restarts,
      p.reason, p.message, p."cpuMillis", p."memoryMiB", p.gpu, p."startedAt", p.labels, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM json_to_recordset(${rows}::json) AS p(namespace text, name text, uid text, "groupId" uuid, "nodeName" text, phase text, ready boolean,
      ip text, restarts int, reason text, message text, "cpuMillis" int, "memoryMiB" int, gpu int, "startedAt" timestamp(3),
      labels jsonb)
    ON CONFLICT ("clusterId", namespace, name) DO UPDATE SET
      uid = EXCLUDED.uid, "groupId" = EXCLUDED."groupId", "nodeName" = EXCLUDED."nodeName", phase = EXCLUDED.phase, ready = EXCLUDED.ready,
      ip = EXCLUDED.ip, restarts = EXCLUDED.restarts, reason = EXCLUDED.reason, message = EXCLUDED.message, "cpuMillis" = EXCLUDED."cpuMillis",
      "memoryMiB" = EXCLUDED."memoryMiB", gpu = EXCLUDED.gpu, "startedAt" = EXCLUDED."startedAt", labels = EXCLUDED.labels,
      "updatedAt" = EXCLUDED."updatedAt"`;
}
