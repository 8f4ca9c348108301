// Level-triggered: makes a Kubernetes Node match its Capstan status (cordon, lifecycle taint, drain for
// OFFLINE) and the labels operators set; runs the init checks of INIT nodes and moves those that pass to
// WAIT. Records the outcome on the node's latest transition. Idempotent.
import { type Db, type Node, type NodeTransition, Prisma } from "@capstan/db";
import {
  BLOCK_MESSAGES,
  controllingDaemonSets,
  desiredNodeShape,
  type InitCheckConfig,
  initChecksPassed,
  nodePatch,
  type NodeStatus,
  planDrain,
  runInitChecks,
} from "@capstan/domain";
import type { ClusterClient } from "@capstan/orchestrator";
import { type TransitionDetail } from "@capstan/usecases";
import { applyNodeTransition } from "@capstan/usecases/internal";
import { AppsV1Api, CoreV1Api, type V1Node } from "@kubernetes/client-node";
import { clientFor } from "../../clients";
import { nodeFields } from "../../inventory/nodes";

type Eviction = NonNullable<TransitionDetail["evictions"]>[number];
type Blocked = NonNullable<TransitionDetail["blocked"]>[number];
interface Drained {
  evictions: Eviction[];
  blocked: Blocked[];
}

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
    const drained = desiredNodeShape(status).drainRequired
      ? await drain(client, core, node.name, await currentTransition(db, node.id, status))
      : { evictions: [], blocked: [] };
    await recordOutcome(db, node.id, status, drained);
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
    if (!passed) return;
    // The node reached INIT and passed its checks: the transition into INIT is done (a node that fails a
    // check first has it marked by recordOutcome; one that passes at once moves on before that).
    await tx.nodeTransition.updateMany({ where: { nodeId: node.id, to: "INIT", result: "PENDING" }, data: { result: "SUCCEEDED", finishedAt: new Date() } });
    await applyNodeTransition(tx, node, "WAIT", "The init checks passed.", { actorId: null });
  });
  return passed ? "WAIT" : "INIT";
}

/**
 * `kubectl drain`'s rules (packages/domain/src/drain.ts) with the options chosen on the transition: every pod
 * on the node is decided first; if any blocks (no controller without force, emptyDir without
 * deleteEmptyDirData, a vanished DaemonSet without force), nothing is evicted and the blockers are returned.
 * DaemonSet pods are left in place (they tolerate the cordon), as with --ignore-daemonsets. Evictions go
 * through the Eviction API, so a PodDisruptionBudget refuses with 429, recorded per pod and retried.
 */
async function drain(client: ClusterClient, core: CoreV1Api, nodeName: string, transition: NodeTransition | null): Promise<Drained> {
  const pods = (await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${nodeName}` })).items;
  const apps = client.api(AppsV1Api);
  const daemonSets = new Set<string>();
  for (const key of controllingDaemonSets(pods)) {
    const [namespace, name] = key.split("/") as [string, string];
    const found = await apps.readNamespacedDaemonSet({ namespace, name }).then(
      () => true,
      (e: { code?: number }) => {
        if (e.code === 404) return false;
        throw e;
      },
    );
    if (found) daemonSets.add(key);
  }
  const options = { force: transition?.force ?? false, deleteEmptyDirData: transition?.deleteEmptyDirData ?? false, ignoreDaemonSets: true };
  const plan = planDrain(pods, options, (ns, name) => daemonSets.has(`${ns}/${name}`));
  const ref = (p: (typeof pods)[number]) => `${p.metadata!.namespace}/${p.metadata!.name}`;
  const blocked = plan.blocked.map((b) => ({ pod: ref(b.pod), reason: b.reason, message: BLOCK_MESSAGES[b.reason] }));
  const evictions: Eviction[] = [];
  for (const { pod, warning } of plan.evict) {
    const refused = await client.evictPod(pod.metadata!.namespace!, pod.metadata!.name!);
    evictions.push({ pod: ref(pod), evicted: refused === null, ...(refused ? { reason: refused } : {}), ...(warning ? { warning } : {}) });
  }
  return { evictions, blocked };
}

/** The transition that brought the node into `status`, if it is still the latest. */
async function currentTransition(db: Db, nodeId: string, status: NodeStatus): Promise<NodeTransition | null> {
  const t = await db.nodeTransition.findFirst({ where: { nodeId }, orderBy: { createdAt: "desc" } });
  return t?.to === status ? t : null;
}

async function recordOutcome(db: Db, nodeId: string, status: NodeStatus, { evictions, blocked }: Drained): Promise<void> {
  const t = await currentTransition(db, nodeId, status);
  if (!t) return;
  const before = t.detail as TransitionDetail | null;
  // Earlier passes of this drain evicted other pods; a pod blocked before and evicted now is updated.
  const byPod = new Map((before?.evictions ?? []).map((e) => [e.pod, e]));
  for (const e of evictions) byPod.set(e.pod, e);
  const refused = evictions.filter((e) => !e.evicted);
  const result = refused.length || blocked.length ? "FAILED" : "SUCCEEDED";
  const unchanged = JSON.stringify(before?.blocked ?? []) === JSON.stringify(blocked);
  // Written only when something changed (a converged node writes nothing), but a blocked drain throws below
  // on every pass: the retry is what notices that the blocking pods are gone.
  if (t.result !== result || evictions.length > 0 || !unchanged) {
    const detail =
      byPod.size || blocked.length ? { ...(byPod.size ? { evictions: [...byPod.values()] } : {}), ...(blocked.length ? { blocked } : {}) } : Prisma.DbNull;
    await db.nodeTransition.update({ where: { id: t.id }, data: { result, detail, finishedAt: new Date() } });
  }
  // Retried with backoff until the budgets allow it, as `kubectl drain` keeps trying; a drain blocked by its
  // pods is retried too, so it finishes once they are gone (deleted by hand, or moved by their owner).
  if (blocked.length) throw new Error(`drain blocked, nothing evicted: ${blocked.map((b) => `${b.pod} ${b.message}`).join("; ")}`);
  if (refused.length) throw new Error(`${refused.length} pod(s) could not be evicted: ${refused.map((b) => `${b.pod}: ${b.reason}`).join("; ")}`);
}

async function recordFailure(db: Db, nodeId: string, message: string): Promise<void> {
  const t = await db.nodeTransition.findFirst({ where: { nodeId }, orderBy: { createdAt: "desc" } });
  // A blocked drain has already recorded its per-pod detail.
  if (!t || t.result === "FAILED") return;
  await db.nodeTransition.update({ where: { id: t.id }, data: { result: "FAILED", detail: { error: message.slice(0, 1000) }, finishedAt: new Date() } });
}
