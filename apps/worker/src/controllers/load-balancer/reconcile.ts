// Level-triggered: makes a load balancer's ConfigMap, Deployment and Service in its cluster match PostgreSQL,
// brings its pods' running data plane to the rendered configuration, ends drains that are over, and writes
// what it saw back to the row (ready LB pods, whether they run a data plane); or, when deletion was requested,
// removes the objects, waits for the pods to be gone, then the row. Resolves to the generation it applied once
// every ready LB pod runs it (docs/load-balancers.md, "Controller").
import type { Db } from "@capstan/db";
import { kinds } from "@capstan/db/kinds";
import { lbObjectName, loadBalancerManifests, renderDataPlane } from "@capstan/domain";
import { dataPlaneSpec } from "@capstan/usecases/internal";
import { clientFor } from "../../clients";
import type { Applied } from "../controller";
import { reconcileSystem, systemInPlace } from "../system/reconcile";
import { reconcileDns } from "../dns/reconcile";
import { forgetDataPlane, syncDataPlane } from "./data-plane";
import { endDrains, nextDrainEnd } from "./drains";
import { lbPods } from "./lb-pods";

/** How soon a balancer is looked at again while a drain runs, a pod runs an older configuration, or its pods go. */
export const LOOK_AGAIN_MS = 1_000;

/** Requests this balancer's reconcile again at `at` (a job already waiting to run sooner keeps its time). */
const lookAgain = (db: Db, lb: { id: string; clusterId: string }, at: Date) =>
  kinds.loadBalancer.request(db, { loadBalancerId: lb.id, clusterId: lb.clusterId }, { runAt: at, keepRunAt: true });

/** Converges one balancer; resolves to its applied generation, or nothing when it is gone, removed, or not there yet. */
export async function reconcileLoadBalancer(db: Db, { loadBalancerId }: { loadBalancerId: string }): Promise<Applied | undefined> {
  const lb = await db.loadBalancer.findUnique({
    where: { id: loadBalancerId },
    include: {
      application: { include: { system: true } },
      cluster: true,
      dataCentre: true,
      members: { include: { group: { select: { name: true } } } },
      podStates: true,
    },
  });
  if (!lb) {
    forgetDataPlane(loadBalancerId);
    return undefined;
  }
  const client = clientFor(lb.cluster);
  const system = lb.application.system.name;
  const name = lbObjectName(lb.name);
  const soon = () => new Date(Date.now() + LOOK_AGAIN_MS);

  if (lb.deletionRequestedAt) {
    await client.delete([
      { apiVersion: "v1", kind: "Service", name, namespace: system },
      { apiVersion: "apps/v1", kind: "Deployment", name, namespace: system },
      { apiVersion: "v1", kind: "ConfigMap", name, namespace: system },
    ]);
    // The row (and with it its names' records) goes only once no LB pod serves any more.
    if ((await lbPods(client, system, lb.application.name, lb.name)).length > 0) {
      await lookAgain(db, lb, soon());
      return undefined;
    }
    // Its names leave the data centre's DNS first: a provider other than the built-in one keeps no rows that
    // would go with the balancer's. A failure is thrown, so the deletion is tried again.
    await reconcileDns(db, { loadBalancerId: lb.id });
    await db.loadBalancer.deleteMany({ where: { id: lb.id, deletionRequestedAt: { not: null } } });
    forgetDataPlane(lb.id);
    return undefined;
  }

  const spec = await dataPlaneSpec(db, lb.id);
  if (!spec) return undefined; // deleted meanwhile
  const rendered = renderDataPlane(spec);
  const manifests = loadBalancerManifests({
    system,
    application: lb.application.name,
    name: lb.name,
    kind: spec.kind,
    replicas: lb.replicas,
    port: lb.port,
    config: rendered,
    serviceType: lb.dataCentre.dnsTarget === "SERVICE_ADDRESS" ? "LoadBalancer" : "ClusterIP",
  });
  // Weights and states first, through the runtime API of pods already running this structure: a pod taken
  // out stops getting new work without waiting for the apply.
  const before = await lbPods(client, system, lb.application.name, lb.name);
  let sync = await syncDataPlane(lb.id, spec, rendered, before, { reload: false });
  const systemRef = { systemId: lb.application.systemId, clusterId: lb.clusterId };
  await systemInPlace(db, systemRef);
  try {
    await client.apply(manifests);
  } catch (e) {
    // The namespace is gone though this worker had made it (deleted by hand, or a cluster rebuilt): make it again.
    if ((e as { code?: number }).code !== 404) throw e;
    await reconcileSystem(db, systemRef);
    await client.apply(manifests);
  }

  const pods = await lbPods(client, system, lb.application.name, lb.name);
  const readyReplicas = pods.filter((p) => p.ready).length;
  const dataPlane = pods.every((p) => p.dataPlane);
  if (readyReplicas !== lb.readyReplicas || dataPlane !== lb.dataPlane)
    await db.loadBalancer.updateMany({ where: { id: lb.id }, data: { readyReplicas, dataPlane } });

  // Pods taken out that no longer exist: their group replaced them (new pods are in by default).
  const memberPods = await db.pod.findMany({
    where: { clusterId: lb.clusterId, groupId: { in: lb.members.map((m) => m.groupId) } },
    select: { name: true, groupId: true },
  });
  const podNames = new Set(memberPods.map((p) => p.name));
  const gone = lb.podStates.filter((s) => !podNames.has(s.podName)).map((s) => s.podName);
  if (gone.length) await db.loadBalancerPodState.deleteMany({ where: { loadBalancerId: lb.id, podName: { in: gone } } });
  const podStates = lb.podStates.filter((s) => podNames.has(s.podName));

  // Pods that run another structure (or that the first pass did not see) are reloaded now that the file is applied.
  if (!sync.converged || pods.some((p) => !before.some((b) => b.name === p.name && b.ready === p.ready)))
    sync = await syncDataPlane(lb.id, spec, rendered, pods, { reload: true });
  const podsOfGroup = (groupId: string) => memberPods.filter((p) => p.groupId === groupId).map((p) => p.name);
  const ended = await endDrains(db, { ...lb, podStates }, podsOfGroup, sync.inFlight);
  if (ended > 0) {
    // Their OUT is rendered and applied by the next pass, at once.
    await kinds.loadBalancer.request(db, { loadBalancerId: lb.id, clusterId: lb.clusterId });
  } else if (!sync.converged || nextDrainEnd([...lb.members, ...podStates])) {
    await lookAgain(db, lb, soon());
  }
  if (sync.errors.length) throw new Error(`load balancer ${lb.name}: ${sync.errors.join("; ")}`);
  return sync.converged ? { generation: lb.generation } : undefined;
}
