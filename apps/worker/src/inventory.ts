// What clusters report, into PostgreSQL: informers (list + watch, resuming from resourceVersion and
// relisting after 410 Gone) on pods, Capstan's Deployments, nodes and Warning events, one set per
// cluster; and the capacity each node's pods request, summed from those rows.
import type { Cluster, Db } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { groupPhase, LABEL, nodePatch, parseCpu, parseMemory } from "@capstan/domain";
import {
  AppsV1Api,
  type CoreV1Event,
  CoreV1Api,
  type Informer,
  type KubernetesObject,
  ListWatch,
  makeInformer,
  type V1Deployment,
  type V1Node,
  type V1Pod,
  Watch,
} from "@kubernetes/client-node";
import { Backoff } from "./backoff";
import { loggedDetail, watchDeadline } from "@capstan/orchestrator";
import { batcher } from "./batcher";
import { clientFor } from "./clients";
import { enterInit, type NewNode } from "./node-admission";
import { type PodRow, upsertPods } from "./pod-writer";
import { refreshNodeRequests } from "./node-requests";

const MANAGED = `${LABEL.managedBy}=capstan`;
/** Normal events repeat what pod and Deployment status already say; warnings say why something fails. */
const WARNINGS = "type=Warning";
const RETRY_MS = 2_000;
const REQUESTS_EVERY_MS = 3_000;

/** Deadline of an informer's list: CAPSTAN_INFORMER_LIST_TIMEOUT_SECONDS, default 120 s. */
function informerListTimeoutMs(): number {
  const s = Number(process.env.CAPSTAN_INFORMER_LIST_TIMEOUT_SECONDS ?? 120);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
}

const cpu = (q?: string) => (q ? (parseCpu(q) ?? 0) : 0);
const mem = (q?: string) => (q ? (parseMemory(q) ?? 0) : 0);

export interface InventorySync {
  stop(): void;
}

export function startInventorySync(db: Db, cluster: Cluster, log: (msg: string) => void): InventorySync {
  const client = clientFor(cluster);
  // Watches whose answer does not begin within a call's deadline are aborted (the informer then backs off).
  const config = watchDeadline(client.config);
  // Lists have a deadline (CAPSTAN_INFORMER_LIST_TIMEOUT_SECONDS, 120 s: tens of thousands of pods take time);
  // a list that hangs then fails, and the informer backs off and starts again.
  const listTimeoutMs = informerListTimeoutMs();
  const core = client.api(CoreV1Api, { timeoutMs: listTimeoutMs });
  const apps = client.api(AppsV1Api, { timeoutMs: listTimeoutMs });
  const groups = new GroupIndex(db, cluster.id);
  const informers: Informer<never>[] = [];
  const nodesSeen = new Map<string, { hash: string; at: number }>();
  // A new cluster reports thousands of unknown nodes at once: enter them ~200 per transaction, two
  // transactions at a time, rather than one each (thousands of transactions time out waiting for a connection).
  // Likewise pods, tens of thousands per cluster: up to 500 per statement. No wait: a list's events all
  // arrive in one tick anyway, and a lone pod change is written at once (pages show pods beside their
  // group's status, which the Deployment informer writes without delay).
  const writePod = batcher((pods: PodRow[]) => upsertPods(db, cluster.id, pods), { max: 500, waitMs: 0, concurrency: 2 });
  const admit = batcher((nodes: NewNode[]) => enterInit(db, cluster.id, nodes), { max: 200, waitMs: 50, concurrency: 2 });
  // What was last written per object: events that change nothing Capstan stores (a no-op apply, a
  // status heartbeat) then cost no database write.
  const written = new Map<string, string>();
  const writeOnChange = async (key: string, data: object, write: () => Promise<unknown>) => {
    const hash = JSON.stringify(data);
    if (written.get(key) === hash) return;
    await write();
    written.set(key, hash); // only once it is stored, so a failed write is written when retried
  };
  let stopped = false;

  // Events for one object are handled in order (a later status must not be overwritten by an earlier
  // one whose write happened to finish last); different objects proceed in parallel. A failed write
  // (the database busy or away) is tried again after a pause, unless a newer event came meanwhile.
  const chains = new Map<string, Promise<unknown>>();
  const latest = new Map<string, object>();
  function watch<T extends KubernetesObject>(name: string, informer: Informer<T>, onUpsert: (o: T) => Promise<unknown>, onDelete: (o: T) => Promise<unknown>) {
    const safely = (f: (o: T) => Promise<unknown>) => {
      const handle = (o: T) => {
        const key = `${name}:${o.metadata?.namespace}/${o.metadata?.name}`;
        latest.set(key, o);
        const next = (chains.get(key) ?? Promise.resolve())
          .then(() => f(o))
          .then(
            () => latest.get(key) === o && latest.delete(key),
            (e) => {
              log(`${cluster.name} ${name}: ${loggedDetail(e)}`);
              setTimeout(() => !stopped && latest.get(key) === o && handle(o), RETRY_MS).unref();
            },
          )
          .finally(() => chains.get(key) === next && chains.delete(key));
        chains.set(key, next);
      };
      return handle;
    };
    informer.on("add", safely(onUpsert));
    informer.on("update", safely(onUpsert));
    informer.on("delete", safely(onDelete));
    // A dropped watch or an unreachable API server: start again (the informer relists) after a delay that
    // grows while the failures go on, as client-go's reflector does (backoff.ts).
    const backoff = new Backoff();
    informer.on("error", (e) => {
      if (stopped) return;
      const delay = backoff.next();
      log(`${cluster.name} ${name} watch: ${loggedDetail(e)}; restarting in ${(delay / 1000).toFixed(1)} s`);
      setTimeout(() => !stopped && void informer.start().catch(() => undefined), delay).unref();
    });
    informers.push(informer as Informer<never>);
    void informer.start().catch(() => undefined);
  }

  watch(
    "deployments",
    makeInformer<V1Deployment>(config, "/apis/apps/v1/deployments", () => apps.listDeploymentForAllNamespaces({ labelSelector: MANAGED }), MANAGED),
    async (d) => {
      const id = await groups.idOf(d.metadata?.labels);
      if (!id) return;
      const s = d.status ?? {};
      const view = {
        generation: d.metadata?.generation ?? 0,
        observedGeneration: s.observedGeneration ?? 0,
        replicas: s.replicas ?? 0,
        readyReplicas: s.readyReplicas ?? 0,
        availableReplicas: s.availableReplicas ?? 0,
        updatedReplicas: s.updatedReplicas ?? 0,
        conditions: (s.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
      };
      const data = {
        phase: groupPhase(view, d.spec?.replicas ?? 0),
        readyReplicas: view.readyReplicas,
        availableReplicas: view.availableReplicas,
        updatedReplicas: view.updatedReplicas,
        // why a rollout is stuck (ReplicaFailure, ProgressDeadlineExceeded) is read from these (rolloutTrouble)
        conditions: view.conditions,
      };
      // The Deployment's generation is part of the key: a use case may have set the phase since the last
      // write (e.g. PROGRESSING on a scale), so a new generation must be written even if the status looks alike.
      const key = { ...data, generation: view.generation, capstanGeneration: d.metadata?.annotations?.["capstan.io/generation"] };
      await writeOnChange(`group:${id}`, key, async () => {
        const { count } = await db.group.updateMany({ where: { id, deletionRequestedAt: null }, data });
        if (count === 0) groups.forget(d.metadata?.labels); // deleted, or re-created under the same name
      });
    },
    async () => undefined, // the group reconciler owns the group row's lifetime
  );

  watch(
    "pods",
    // Every pod, not only Capstan's: a node's requested capacity counts whatever runs on it.
    makeInformer<V1Pod>(config, "/api/v1/pods", () => core.listPodForAllNamespaces()),
    async (p) => {
      const data = { ...podFields(p), groupId: await groups.idOf(p.metadata?.labels) };
      await writeOnChange(`pod:${p.metadata!.namespace}/${p.metadata!.name}`, data, async () => {
        // The cached group id is gone: look it up again next time.
        if ((await writePod({ namespace: p.metadata!.namespace!, name: p.metadata!.name!, ...data })) === "group-missing") groups.forget(p.metadata?.labels);
      });
    },
    (p) => (written.delete(`pod:${p.metadata!.namespace}/${p.metadata!.name}`), db.pod.deleteMany({ where: { clusterId: cluster.id, namespace: p.metadata!.namespace!, name: p.metadata!.name! } })),
  );

  watch(
    "nodes",
    makeInformer<V1Node>(config, "/api/v1/nodes", () => core.listNode()),
    async (n) => {
      // Kubelets heartbeat every few seconds; write only when something a person would see changed,
      // and refresh lastSeenAt at most once a minute, so 20,000 nodes do not mean 2,000 writes a second.
      const name = n.metadata!.name!;
      const { lastSeenAt, resourceVersion, ...meaningful } = nodeFields(n);
      const hash = JSON.stringify(meaningful);
      const seen = nodesSeen.get(name);
      if (seen && seen.hash === hash && lastSeenAt.getTime() - seen.at < 60_000) return;
      const data = { ...meaningful, lastSeenAt, resourceVersion };
      // Not update(): a missing row would throw, and on a first sync 20,000 errors with their stack traces
      // (source-mapped under tsx) were the CPU profile's largest item.
      const update = async () =>
        (await db.node.updateManyAndReturn({ where: { clusterId: cluster.id, name }, data, select: { id: true, status: true, desiredLabels: true } }))[0] ?? null;
      let row = await update();
      // Entered here: its transaction also requested its reconcile. Remembered only once stored, so that a
      // retry after a failed write writes it.
      if (!row && (await admit({ name, data }))) {
        nodesSeen.set(name, { hash, at: lastSeenAt.getTime() });
        return;
      }
      // Another sync entered it meanwhile: store what this one saw (gone again: the retry starts over).
      row ??= await update();
      if (!row) throw new Error(`node ${name} vanished while it was entered`);
      nodesSeen.set(name, { hash, at: lastSeenAt.getTime() });
      // INIT nodes are checked again whenever they change; others only when they drifted from their shape.
      if (row.status === "INIT" || nodePatch(meaningful, row.status, row.desiredLabels as Record<string, string> | null))
        await reconcile.node(db, { id: row.id, clusterId: cluster.id });
    },
    (n) => (nodesSeen.delete(n.metadata!.name!), db.node.deleteMany({ where: { clusterId: cluster.id, name: n.metadata!.name! } })),
  );

  // Events carry no labels: keep those in the namespaces of Capstan's systems.
  const systems = new SystemNames(db);
  watch(
    "events",
    new ListWatch<CoreV1Event>("/api/v1/events", new Watch(config), () => core.listEventForAllNamespaces({ fieldSelector: WARNINGS }), false, undefined, WARNINGS),
    async (e) => {
      const namespace = e.metadata?.namespace ?? "";
      if (!(await systems.has(namespace))) return;
      const uid = e.metadata!.uid!;
      const data = eventFields(e);
      await writeOnChange(`event:${uid}`, data, () =>
        db.clusterEvent.upsert({ where: { clusterId_uid: { clusterId: cluster.id, uid } }, create: { clusterId: cluster.id, uid, namespace, ...data }, update: data }),
      );
    },
    (e) => (written.delete(`event:${e.metadata!.uid}`), db.clusterEvent.deleteMany({ where: { clusterId: cluster.id, uid: e.metadata!.uid! } })),
  );

  // Each refresh starts a pause after the last one ended: at 5,000 nodes and 50,000 pods one can outlast
  // the pause, and two overlapping updates of the same rows in different orders deadlock.
  let requests: NodeJS.Timeout | undefined;
  const refreshRequests = () => {
    requests = setTimeout(async () => {
      await refreshNodeRequests(db, cluster.id).catch((e) => log(`${cluster.name} node requests: ${(e as Error).message}`));
      if (!stopped) refreshRequests();
    }, REQUESTS_EVERY_MS);
    requests.unref();
  };
  refreshRequests();

  return {
    stop() {
      stopped = true;
      clearTimeout(requests);
      for (const i of informers) void i.stop();
    },
  };
}

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
  };
}

function eventFields(e: CoreV1Event) {
  const last = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? new Date();
  return {
    involvedKind: e.involvedObject.kind ?? "",
    involvedName: e.involvedObject.name ?? "",
    type: e.type ?? "Warning",
    reason: e.reason ?? "",
    message: e.message ?? "",
    count: e.count ?? 1,
    firstAt: new Date(e.firstTimestamp ?? last),
    lastAt: new Date(last),
  };
}

export function nodeFields(n: V1Node) {
  const cap = n.status?.capacity ?? {};
  const alloc = n.status?.allocatable ?? {};
  const labels = n.metadata?.labels ?? {};
  const conditions = (n.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message }));
  return {
    zone: labels.zone ?? "default",
    labels,
    taints: (n.spec?.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    conditions,
    ready: conditions.some((c) => c.type === "Ready" && c.status === "True"),
    unschedulable: n.spec?.unschedulable ?? false,
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? null,
    internalIp: n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? null,
    capacityCpuMillis: cpu(cap.cpu),
    capacityMemoryMiB: mem(cap.memory),
    capacityGpu: Number(cap["nvidia.com/gpu"] ?? 0),
    capacityPods: Number(cap.pods ?? 0),
    allocCpuMillis: cpu(alloc.cpu),
    allocMemoryMiB: mem(alloc.memory),
    allocGpu: Number(alloc["nvidia.com/gpu"] ?? 0),
    allocPods: Number(alloc.pods ?? 0),
    lastSeenAt: new Date(),
    resourceVersion: n.metadata?.resourceVersion ?? null,
  };
}

/** Group ids by their labels in this cluster, cached; a miss asks PostgreSQL. */
class GroupIndex {
  private readonly ids = new Map<string, string>();
  constructor(
    private readonly db: Db,
    private readonly clusterId: string,
  ) {}

  private key(labels: Record<string, string> | undefined): string | undefined {
    const system = labels?.[LABEL.system], application = labels?.[LABEL.application], group = labels?.[LABEL.group];
    return system && application && group ? `${system}/${application}/${group}` : undefined;
  }

  forget(labels: Record<string, string> | undefined): void {
    const key = this.key(labels);
    if (key) this.ids.delete(key);
  }

  async idOf(labels: Record<string, string> | undefined): Promise<string | null> {
    const key = this.key(labels);
    if (!key) return null;
    const [system, application, group] = key.split("/") as [string, string, string];
    const hit = this.ids.get(key);
    if (hit) return hit;
    const g = await this.db.group.findFirst({ where: { clusterId: this.clusterId, name: group, application: { name: application, system: { name: system } } }, select: { id: true } });
    if (g) this.ids.set(key, g.id);
    return g?.id ?? null;
  }
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
