// Events (Normal and Warning) in the namespaces of Capstan's systems, and those about nodes → ClusterEvent
// rows: the timelines of the group and node pages (docs/events.md). The resync drops rows after an hour.
import type { Db } from "@capstan/db";
import type { CoreV1Event } from "@kubernetes/client-node";
import type { InventoryWatch } from "./watch";

export const events: InventoryWatch<CoreV1Event> = {
  kind: "events",
  path: "/api/v1/events",
  start: ({ db, cluster, writeOnChange, forget }) => {
    // Events carry no labels: keep those in the namespaces of Capstan's systems, and those about nodes
    // (which the kubelet and node controller record in "default").
    const systems = new SystemNames(db);
    return {
      async upsert(e) {
        const namespace = e.metadata?.namespace ?? "";
        if (e.involvedObject.kind !== "Node" && !(await systems.has(namespace))) return;
        const uid = e.metadata!.uid!;
        const data = eventFields(e);
        await writeOnChange(`event:${uid}`, data, () =>
          db.clusterEvent.upsert({
            where: { clusterId_uid: { clusterId: cluster.id, uid } },
            create: { clusterId: cluster.id, uid, namespace, ...data },
            update: data,
          }),
        );
      },
      // Rows are keyed by uid (events are named after their object and a timestamp, never shown).
      stored: async () =>
        (await db.clusterEvent.findMany({ where: { clusterId: cluster.id }, select: { uid: true, namespace: true } })).map((r) => ({
          metadata: { uid: r.uid, namespace: r.namespace },
          involvedObject: {},
        })),
      delete: (e) => (forget(`event:${e.metadata!.uid}`), db.clusterEvent.deleteMany({ where: { clusterId: cluster.id, uid: e.metadata!.uid! } })),
    };
  },
};

function eventFields(e: CoreV1Event) {
  const last = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? new Date();
  return {
    involvedKind: e.involvedObject.kind ?? "",
    involvedName: e.involvedObject.name ?? "",
    type: e.type ?? "Normal",
    reason: e.reason ?? "",
    message: e.message ?? "",
    count: e.count ?? 1,
    firstAt: new Date(e.firstTimestamp ?? last),
    lastAt: new Date(last),
  };
}

/**
 * Whether a namespace is one of Capstan's systems. Both answers are remembered for a while (a system: a
 * minute; anything else: a few seconds), so a deleted system's name is forgotten soon after it goes.
 */
class SystemNames {
  private readonly seen = new Map<string, { system: boolean; at: number }>();
  constructor(private readonly db: Db) {}

  async has(name: string): Promise<boolean> {
    const hit = this.seen.get(name);
    if (hit && Date.now() - hit.at < (hit.system ? 60_000 : 5_000)) return hit.system;
    const found = await this.db.system.findUnique({ where: { name }, select: { id: true } });
    this.seen.set(name, { system: !!found, at: Date.now() });
    return !!found;
  }
}
