// The request side of the worker's controllers (apps/worker/src/controllers/<kind>/): for each kind of
// object the orchestrator converges, its task name, its zod-checked payload and its job key, and the typed
// way use cases ask for it inside their own transaction (`reconcile.group(tx, group)`), so a change and the
// request to apply it are committed together or not at all. It lives here, beside the queue, because use
// cases must be able to request a reconcile without importing the worker.
import { z } from "zod";
import type { Tx } from "./client";
import { currentRequestId } from "./request-context";

type Executor = Pick<Tx, "$executeRaw">;

/** How a request treats a job already waiting under the same key. */
export interface RequestOptions {
  /**
   * Keep the waiting job's run time (graphile-worker's job_key_preserve_run_at): a periodic re-request
   * then does not cut short the backoff of a reconcile that failed. Without it, the job runs at once.
   */
  keepRunAt?: boolean;
  /**
   * Run no sooner than this (a controller checking again on something that takes time, such as a drain);
   * with keepRunAt, a job already waiting keeps its earlier time.
   */
  runAt?: Date;
}

/** A kind of object the worker converges: what a job of it carries and how jobs of one object coalesce. */
export interface Kind<P extends Record<string, string>> {
  /** graphile-worker's task identifier, e.g. `reconcile-group`. */
  readonly task: string;
  /** The job payload (ids only: reconcilers are level-triggered and read the current desired row). */
  readonly payload: z.ZodType<P>;
  /** One job per object: a burst of changes coalesces into one reconcile of the latest desired state. */
  readonly key: (p: P) => string;
  /** Queues a reconcile of one object; see `requestMany`. */
  request(tx: Executor, p: P, opts?: RequestOptions): Promise<void>;
  /**
   * Queues reconciles of many objects in one statement (graphile-worker's add_jobs, which add_job itself
   * calls with one spec). A job still locked by a worker that died is superseded by the new one; jobs
   * retry (max_attempts 1000: until they succeed or are superseded) with the worker's jittered backoff, so no requested change is lost.
   */
  requestMany(tx: Executor, ps: P[], opts?: RequestOptions): Promise<void>;
}

/**
 * What every job of every kind may carry besides its kind's payload: the id of the portal request that
 * queued it (request-context.ts), for the worker's log line (docs/observability.md). Kinds' schemas strip it;
 * the worker reads it with `jobRequestId`. A later request for the same object replaces it with its own.
 */
export const JobMeta = z.object({
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/)
    .optional(),
});

/** The request id a job's payload carries, if any (see JobMeta). */
export const jobRequestId = (payload: unknown): string | undefined => {
  const meta = JobMeta.safeParse(payload);
  return meta.success ? meta.data.requestId : undefined;
};

/** The JobMeta of a job queued now: the current request's id, when there is a well-formed one. */
export function jobMetaNow(): z.infer<typeof JobMeta> {
  const meta = JobMeta.safeParse({ requestId: currentRequestId() });
  return meta.success ? meta.data : {};
}

/** Declares a kind: its task, payload schema and job key. */
export function defineKind<P extends Record<string, string>>(task: string, payload: z.ZodType<P>, key: (p: P) => string): Kind<P> {
  const requestMany = async (tx: Executor, ps: P[], opts: RequestOptions = {}) => {
    if (ps.length === 0) return;
    const meta = jobMetaNow();
    const specs = JSON.stringify(ps.map((p) => ({ payload: { ...payload.parse(p), ...meta }, key: key(p) })));
    await tx.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW(${task}::text, j.payload, NULL, ${opts.runAt ?? null}::timestamptz, 1000, j.key, NULL, NULL)::graphile_worker.job_spec
      FROM json_to_recordset(${specs}::json) AS j(payload json, key text)), ${opts.keepRunAt ?? false})`;
  };
  return { task, payload, key, requestMany, request: (tx, p, opts) => requestMany(tx, [p], opts) };
}

const id = z.string().min(1);

/** Every kind the worker converges. Job keys and payloads are stable: jobs queued by an older release still run. */
export const kinds = {
  /** A group's Deployment and Service in its cluster (or their removal, then the row's). */
  group: defineKind("reconcile-group", z.object({ groupId: id, clusterId: id }), (p) => `group:${p.groupId}`),
  /** A system's namespace, quota mirror, policies and pull Secret in one cluster. */
  system: defineKind("reconcile-system", z.object({ systemId: id, clusterId: id }), (p) => `system:${p.systemId}:${p.clusterId}`),
  /** A deleted system's finalisation: its namespace in every cluster, robots and empty projects, then its rows. */
  systemDeletion: defineKind("delete-system", z.object({ systemId: id }), (p) => `delete-system:${p.systemId}`),
  /** Capstan's namespaces in one cluster whose system no longer exists, deleted (always requested keeping a waiting job's time). */
  namespacePrune: defineKind("prune-namespaces", z.object({ clusterId: id }), (p) => `namespaces:${p.clusterId}`),
  /** A system's Harbor project and pull robot in one data centre (a registry is per data centre, not per cluster). */
  project: defineKind("reconcile-project", z.object({ systemId: id, dataCentreId: id }), (p) => `project:${p.systemId}:${p.dataCentreId}`),
  /** A Kubernetes Node's cordon, taints, labels and drain; the init checks of an INIT node. */
  node: defineKind("reconcile-node", z.object({ nodeId: id, clusterId: id }), (p) => `node:${p.nodeId}`),
  /** An image build: its Job started when its system has a free build slot, watched to the end, then cleaned up (docs/builds.md). */
  build: defineKind("reconcile-build", z.object({ buildId: id }), (p) => `build:${p.buildId}`),
  /** An ended build's followers: groups following its branch copied to and rolled out, or told why not (docs/builds.md). */
  follow: defineKind("follow-build", z.object({ buildId: id }), (p) => `follow:${p.buildId}`),
  /** An application load balancer: its Deployment, ConfigMap and Service, and its backends' weights and states (docs/load-balancers.md). */
  loadBalancer: defineKind("reconcile-load-balancer", z.object({ loadBalancerId: id, clusterId: id }), (p) => `lb:${p.loadBalancerId}`),
  /** The DNS records of one load balancer's names in its data centre's zone (docs/load-balancers.md). */
  dns: defineKind("reconcile-dns", z.object({ loadBalancerId: id }), (p) => `dns:${p.loadBalancerId}`),
};

type GroupRef = { id: string; clusterId: string };
type SystemRef = { systemId: string; clusterId: string };
type NodeRef = { id: string; clusterId: string };
type ProjectRef = { systemId: string; dataCentreId: string };
type LoadBalancerRef = { id: string; clusterId: string };

/**
 * What use cases (and the worker) call, inside their transaction, to have the orchestrator converge an
 * object: `reconcile.group(tx, group)`. Each is a thin typed front on `kinds`.
 */
export const reconcile = {
  loadBalancer: (tx: Executor, lb: LoadBalancerRef, opts?: RequestOptions) =>
    kinds.loadBalancer.request(tx, { loadBalancerId: lb.id, clusterId: lb.clusterId }, opts),
  dns: (tx: Executor, lb: { id: string }, opts?: RequestOptions) => kinds.dns.request(tx, { loadBalancerId: lb.id }, opts),
  group: (tx: Executor, g: GroupRef, opts?: RequestOptions) => kinds.group.request(tx, { groupId: g.id, clusterId: g.clusterId }, opts),
  groups: (tx: Executor, gs: GroupRef[], opts?: RequestOptions) =>
    kinds.group.requestMany(
      tx,
      gs.map((g) => ({ groupId: g.id, clusterId: g.clusterId })),
      opts,
    ),
  system: (tx: Executor, s: SystemRef, opts?: RequestOptions) => kinds.system.request(tx, { systemId: s.systemId, clusterId: s.clusterId }, opts),
  systems: (tx: Executor, ss: SystemRef[], opts?: RequestOptions) =>
    kinds.system.requestMany(
      tx,
      ss.map((s) => ({ systemId: s.systemId, clusterId: s.clusterId })),
      opts,
    ),
  projects: (tx: Executor, ps: ProjectRef[], opts?: RequestOptions) =>
    kinds.project.requestMany(
      tx,
      ps.map((p) => ({ systemId: p.systemId, dataCentreId: p.dataCentreId })),
      opts,
    ),
  node: (tx: Executor, n: NodeRef, opts?: RequestOptions) => kinds.node.request(tx, { nodeId: n.id, clusterId: n.clusterId }, opts),
  nodes: (tx: Executor, ns: NodeRef[], opts?: RequestOptions) =>
    kinds.node.requestMany(
      tx,
      ns.map((n) => ({ nodeId: n.id, clusterId: n.clusterId })),
      opts,
    ),
  builds: (tx: Executor, ids: string[], opts?: RequestOptions) =>
    kinds.build.requestMany(
      tx,
      ids.map((buildId) => ({ buildId })),
      opts,
    ),
  /** `node` for every node in INIT, in one statement however many there are (same task, key and payload). */
  async initNodes(tx: Executor): Promise<void> {
    const requestId = jobMetaNow().requestId ?? null;
    await tx.$executeRaw`SELECT graphile_worker.add_job(${kinds.node.task}::text, json_strip_nulls(json_build_object('nodeId', id, 'clusterId', "clusterId", 'requestId', ${requestId}::text)), job_key := 'node:' || id, max_attempts := 1000) FROM "Node" WHERE status = 'INIT'`;
  },
};

/** What use cases call to have the orchestrator finish deleting an object whose deletion they recorded. */
export const finalize = {
  system: (tx: Executor, systemId: string, opts?: RequestOptions) => kinds.systemDeletion.request(tx, { systemId }, opts),
};
