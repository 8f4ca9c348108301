// Level-triggered: makes a Kubernetes Node match its Capstan status (cordon, lifecycle taint, drain for
// OFFLINE) and the labels operators set; runs the init checks of INIT nodes and moves those that pass to
// WAIT. Records the outcome on the node's latest transition. Idempotent.
import { type Db, type Node, type NodeTransition, Prisma } from "@capstan/db";
import { desiredNodeShape, type InitCheckConfig, initChecksPassed, nodePatch, type NodeStatus, runInitChecks } from "@capstan/domain";
import type { ClusterClient } from "@capstan/orchestrator";
import { applyNodeTransition, type TransitionDetail } from "@capstan/usecases";
import { CoreV1Api, type V1Node, type V1Pod } from "@kubernetes/client-node";
import { clientFor } from "./clients";
import { nodeFields } from "./inventory";

type Eviction = NonNullable<TransitionDetail["evictions"]>[number];

export async function reconcileNode(db: Db, { nodeId }: { nodeId: string }, checks: () => Promise<InitCheckConfig>): Promise<void> {
  const node = await db.node.findUnique({ where: { id: nodeId }, include: { cluster: true } });
  if (!node) return;
  const client = clientFor(node.cluster);
  const core = client.api(CoreV1Api);
  const live = await core.readNode({ name: node.name }).catch((e: { code?: number }) => {
    if (e.code === 404) return null; // gone from the cluster: the inventory removes the row
    throw e;
  });
  if (!live) return;
  try {
    const status = node.status === "INIT" ? await checkInit(db, node, live, await checks()) : node.status;
    const observed = nodeFields(live);
    const patch = nodePatch(observed, status, node.desiredLabels as Record<string, string> | null);
    // The resourceVersion makes the patch fail (409, retried) rather than overwrite a concurrent change of taints.
    if (patch) await client.patchNode(node.name, { ...patch, metadata: { ...patch.metadata, resourceVersion: live.metadata!.resourceVersion } });
    const evictions = desiredNodeShape(status).drainRequired ? await drain(client, core, node.name) : [];
    await recordOutcome(db, node.id, status, evictions);
  } catch (e) {
    await recordFailure(db, node.id, (e as Error).message);
    throw e;
  }
}

/** Runs the checks on what the Node reports now; a node that passes moves to WAIT, by the system. */
async function checkInit(db: Db, node: Node, live: V1Node, config: InitCheckConfig): Promise<NodeStatus> {
  const f = nodeFields(live);
  const results = runInitChecks({ ready: f.ready, kubeletVersion: f.kubeletVersion, labels: f.labels }, config);
  const passed = initChecksPassed(results);
  if (!passed && JSON.stringify(results) === JSON.stringify(node.checkResults)) return "INIT";
  await db.$transaction(async (tx) => {
    await tx.node.updateMany({ where: { id: node.id, status: "INIT" }, data: { checkResults: results as object[] } });
    if (passed) await applyNodeTransition(tx, node, "WAIT", "The init checks passed.", { actorId: null });
  });
  return passed ? "WAIT" : "INIT";
}

/** DaemonSet pods would come straight back and mirror pods belong to the kubelet: kubectl drain skips both. */
const evictable = (p: V1Pod) =>
  !p.metadata?.deletionTimestamp &&
  p.status?.phase !== "Succeeded" &&
  p.status?.phase !== "Failed" &&
  !p.metadata?.annotations?.["kubernetes.io/config.mirror"] &&
  !p.metadata?.ownerReferences?.some((o) => o.kind === "DaemonSet");

async function drain(client: ClusterClient, core: CoreV1Api, nodeName: string): Promise<Eviction[]> {
  const pods = await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${nodeName}` });
  const out: Eviction[] = [];
  for (const p of pods.items.filter(evictable)) {
    const blocked = await client.evictPod(p.metadata!.namespace!, p.metadata!.name!);
    out.push({ pod: `${p.metadata!.namespace}/${p.metadata!.name}`, evicted: blocked === null, ...(blocked ? { reason: blocked } : {}) });
  }
  return out;
}

/** The transition that brought the node into `status`, if it is still the latest. */
async function currentTransition(db: Db, nodeId: string, status: NodeStatus): Promise<NodeTransition | null> {
  const t = await db.nodeTransition.findFirst({ where: { nodeId }, orderBy: { createdAt: "desc" } });
  return t?.to === status ? t : null;
}

async function recordOutcome(db: Db, nodeId: string, status: NodeStatus, evictions: Eviction[]): Promise<void> {
  const t = await currentTransition(db, nodeId, status);
  if (!t) return;
  // Earlier passes of this drain evicted other pods; a pod blocked before and evicted now is updated.
  const byPod = new Map(((t.detail as TransitionDetail | null)?.evictions ?? []).map((e) => [e.pod, e]));
  for (const e of evictions) byPod.set(e.pod, e);
  const blocked = evictions.filter((e) => !e.evicted);
  const result = blocked.length ? "FAILED" : "SUCCEEDED";
  if (t.result === result && evictions.length === 0) return; // converged earlier: write nothing
  const detail = byPod.size ? { evictions: [...byPod.values()] } : Prisma.DbNull;
  await db.nodeTransition.update({ where: { id: t.id }, data: { result, detail, finishedAt: new Date() } });
  // Retried with backoff until the budgets allow it, as `kubectl drain` keeps trying.
  if (blocked.length) throw new Error(`${blocked.length} pod(s) could not be evicted: ${blocked.map((b) => `${b.pod}: ${b.reason}`).join("; ")}`);
}

async function recordFailure(db: Db, nodeId: string, message: string): Promise<void> {
  const t = await db.nodeTransition.findFirst({ where: { nodeId }, orderBy: { createdAt: "desc" } });
  // A blocked drain has already recorded its per-pod detail.
  if (!t || t.result === "FAILED") return;
  await db.nodeTransition.update({ where: { id: t.id }, data: { result: "FAILED", detail: { error: message.slice(0, 1000) }, finishedAt: new Date() } });
}
