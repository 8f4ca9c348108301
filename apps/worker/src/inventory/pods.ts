// Every pod, not only Capstan's (a node's requested capacity counts whatever runs on it) → Pod rows.
import { isCrashLooping, parseCpu, parseMemory } from "@capstan/domain";
import type { V1Pod } from "@kubernetes/client-node";
import { batcher } from "../batcher";
import { type PodRow, upsertPods } from "../pod-writer";
import { requestBalancerOfPod, requestBalancersOfGroups } from "./load-balancers";
import type { InventoryWatch } from "./watch";

const cpu = (q?: string) => (q ? (parseCpu(q) ?? 0) : 0);
const mem = (q?: string) => (q ? (parseMemory(q) ?? 0) : 0);

export const pods: InventoryWatch<V1Pod> = {
  kind: "pods",
  path: "/api/v1/pods",
  start: ({ db, cluster, groups, writeOnChange, forget, requestsChanged }) => {
    // Tens of thousands of pods per cluster: up to 500 per statement. No wait: a page's pods all arrive in
    // one tick anyway, and a lone pod change is written at once (pages show pods beside their group's status,
    // which the Deployment watch writes without delay).
    const writePod = batcher(
      async (rows: PodRow[]) => {
        const stored = await upsertPods(db, cluster.id, rows);
        await requestBalancersOfGroups(
          db,
          rows.map((r) => r.groupId),
        );
        return stored;
      },
      { max: 500, waitMs: 0, concurrency: 2 },
    );
    // Pods last written as crash-looping: when one starts or stops, its group's status is decided again.
    const crashing = new Set<string>();
    const crashChanged = (key: string, groupId: string | null, now: boolean) => {
      if (crashing.has(key) === now) return;
      if (now) crashing.add(key);
      else crashing.delete(key);
      if (groupId) groups.podsChanged(groupId);
    };
    return {
      async upsert(p) {
        const data = { ...podFields(p), groupId: await groups.idOf(p.metadata?.labels) };
        await writeOnChange(`pod:${p.metadata!.namespace}/${p.metadata!.name}`, data, async () => {
          // The cached group id is gone: look it up again next time.
          const stored = await writePod({ namespace: p.metadata!.namespace!, name: p.metadata!.name!, ...data });
          requestsChanged();
          if (stored === "group-missing") groups.forget(p.metadata?.labels);
          crashChanged(`${p.metadata!.namespace}/${p.metadata!.name}`, data.groupId, isCrashLooping(data));
          await requestBalancerOfPod(db, cluster.id, p.metadata!.namespace!, p.metadata?.labels);
        });
      },
      stored: async () =>
        (await db.pod.findMany({ where: { clusterId: cluster.id }, select: { namespace: true, name: true, labels: true } })).map((r) => ({
          metadata: { namespace: r.namespace, name: r.name, labels: r.labels as Record<string, string> },
        })),
      async delete(p) {
        forget(`pod:${p.metadata!.namespace}/${p.metadata!.name}`);
        await db.pod.deleteMany({ where: { clusterId: cluster.id, namespace: p.metadata!.namespace!, name: p.metadata!.name! } });
        requestsChanged();
        const groupId = await groups.idOf(p.metadata?.labels);
        crashChanged(`${p.metadata!.namespace}/${p.metadata!.name}`, groupId, false);
        await requestBalancersOfGroups(db, [groupId]);
        await requestBalancerOfPod(db, cluster.id, p.metadata!.namespace!, p.metadata?.labels);
      },
    };
  },
};

/** What Capstan stores of a pod (model or plain JSON: timestamps may be strings). */
export function podFields(p: V1Pod) {
  const statuses = p.status?.containerStatuses ?? [];
  const waiting = statuses.map((s) => s.state?.waiting).find((w) => w?.reason);
  const unscheduled = p.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  const requests = (p.spec?.containers ?? []).map((c) => c.resources?.requests ?? {});
  return {
    uid: p.metadata!.uid ?? "",
    nodeName: p.spec?.nodeName ?? null,
    // A pod on a dead node stays, marked for deletion, until its node returns or is removed: show that.
    phase: p.metadata?.deletionTimestamp ? "Terminating" : (p.status?.phase ?? "Pending"),
    ready: !p.metadata?.deletionTimestamp && (p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false),
    ip: p.status?.podIP ?? null,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    reason: waiting?.reason ?? unscheduled?.reason ?? p.status?.reason ?? null,
    message: waiting?.message ?? unscheduled?.message ?? p.status?.message ?? null,
    cpuMillis: requests.reduce((n, r) => n + cpu(r.cpu), 0),
    memoryMiB: requests.reduce((n, r) => n + mem(r.memory), 0),
    gpu: requests.reduce((n, r) => n + Number(r["nvidia.com/gpu"] ?? 0), 0),
    startedAt: p.status?.startTime ? new Date(p.status.startTime) : null,
    labels: p.metadata?.labels ?? {},
  };
}
