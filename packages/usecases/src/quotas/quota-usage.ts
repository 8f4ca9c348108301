// What quotas hold and what groups use, per system and data centre. Checks that must not race take a
// transaction-scoped advisory lock first, so two concurrent requests are decided one after the other.
import { Prisma, type Tx } from "@capstan/db";
import { lockInTransaction } from "@capstan/db/advisory-lock";
import {
  askToCover,
  domainError,
  fits,
  groupFootprint,
  growthShortfallFault,
  headroom,
  largerPod,
  LB_POD_REQUESTS,
  reservedFootprint,
  reservedReplicas,
  RESOURCE_NAMES,
  type Resources,
  rolloutShortfall,
  shortfallFault,
  sum,
  ZERO,
} from "@capstan/domain";

type Amounts = { cpuMillis: number; memoryMiB: number; gpu: number; instances: number };
export const resources = (q: Amounts | null | undefined): Resources =>
  q ? { cpuMillis: q.cpuMillis, memoryMiB: q.memoryMiB, gpu: q.gpu, instances: q.instances } : ZERO;

/** Serialises the quota decisions of one department in one data centre: setting its systems' quotas. */
export async function lockDepartmentQuota(tx: Tx, departmentId: string, dataCentreId: string): Promise<void> {
  await lockInTransaction(tx, "quota", departmentId, dataCentreId);
}

/**
 * Serialises what uses one system's quota in one data centre: its groups growing, and its quota being
 * set. Quota setters take the department's lock first, then this one; group changes take only this
 * one, so groups of different systems never wait for each other.
 */
export async function lockSystemQuota(tx: Tx, systemId: string, dataCentreId: string): Promise<void> {
  await lockInTransaction(tx, "system-quota", systemId, dataCentreId);
}

/** The reserved replicas (reservedReplicas: maxReplicas while it autoscales, replicas otherwise) of the "Group" row `alias`, in SQL, as a bigint. */
export const reservedReplicasSql = (alias: string) => Prisma.raw(`COALESCE((${alias}."autoscaling"->>'maxReplicas')::bigint, ${alias}.replicas::bigint)`);
const G_RESERVED = reservedReplicasSql("g");

/**
 * What a system's groups and load balancers in a data centre ask for: requests × reserved replicas
 * (reservedReplicas), and one instance per replica; each LB pod requests LB_POD_REQUESTS (loadBalancerFootprint).
 */
export async function systemUsage(tx: Tx, systemId: string, dataCentreId: string): Promise<Resources> {
  const [row] = await tx.$queryRaw<{ cpu: bigint | null; mem: bigint | null; gpu: bigint | null; pods: bigint | null }[]>`
    SELECT sum(cpu) AS cpu, sum(mem) AS mem, sum(gpu) AS gpu, sum(pods) AS pods FROM (
      SELECT sum(${G_RESERVED} * g."cpuMillis") AS cpu, sum(${G_RESERVED} * g."memoryMiB") AS mem, sum(${G_RESERVED} * g.gpu) AS gpu, sum(${G_RESERVED}) AS pods
      FROM "Group" g JOIN "Application" a ON a.id = g."applicationId"
      WHERE a."systemId" = ${systemId}::uuid AND g."dataCentreId" = ${dataCentreId}::uuid
      UNION ALL
      SELECT sum(lb.replicas::bigint * ${LB_POD_REQUESTS.cpuMillicores}), sum(lb.replicas::bigint * ${LB_POD_REQUESTS.memoryMiB}), 0, sum(lb.replicas)
      FROM "LoadBalancer" lb JOIN "Application" a ON a.id = lb."applicationId"
      WHERE a."systemId" = ${systemId}::uuid AND lb."dataCentreId" = ${dataCentreId}::uuid
    ) u`;
  return { cpuMillis: Number(row?.cpu ?? 0), memoryMiB: Number(row?.mem ?? 0), gpu: Number(row?.gpu ?? 0), instances: Number(row?.pods ?? 0) };
}

/** What a load balancer's `replicas` haproxy/nginx pods ask of the quota: LB_POD_REQUESTS each, one instance each. */
export const loadBalancerFootprint = (replicas: number): Resources => ({
  cpuMillis: replicas * LB_POD_REQUESTS.cpuMillicores,
  memoryMiB: replicas * LB_POD_REQUESTS.memoryMiB,
  gpu: 0,
  instances: replicas,
});

/**
 * Refuses (409) a change of a group's footprint that would take the system over its quota in the data
 * centre, naming each resource, what was asked and what is free (`fieldOf`: the request field each resource
 * comes from; a group's by default). Only growth is checked: shrinking is
 * always allowed, even under a quota lowered below what is in use. Call inside the transaction that
 * makes the change, before writing it.
 */
export async function assertGroupFitsQuota(
  tx: Tx,
  s: { id: string; name: string; departmentId: string },
  dc: { id: string; name: string },
  before: Resources,
  after: Resources,
  fieldOf: (r: keyof Resources) => string = (r) => FIELD[r],
): Promise<void> {
  const growth = headroom(after, before); // per resource: how much more, never below zero
  if (RESOURCE_NAMES.every((r) => growth[r] === 0)) return;
  await lockSystemQuota(tx, s.id, dc.id);
  // One at a time: a transaction is one connection, where pg deprecates queueing queries.
  const quota = await tx.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId: s.id, dataCentreId: dc.id } } });
  const used = await systemUsage(tx, s.id, dc.id);
  const short = fits(growth, headroom(resources(quota), used));
  if (short.length === 0) return;
  // A change to what is held already names its total beside the growth that did not fit.
  const faults = short.map((x) => (before[x.resource] > 0 ? growthShortfallFault(x, after[x.resource]) : shortfallFault(x)));
  const fields = Object.fromEntries(short.map((x, i) => [fieldOf(x.resource), faults[i]!]));
  const params = { system: s.name, dataCentre: dc.name, shortfalls: faults.map((f) => f.message).join("; "), ...askToCover(short) };
  throw domainError(quota ? "quota_exceeded" : "quota_exceeded_none_set", params, fields);
}

type Pod = { cpuMillis: number; memoryMiB: number; gpu: number };

/**
 * Refuses (409) a new revision of a group (update, rollout, rollback, restart) whose pods could never all
 * be replaced in its cluster: there the namespace's ResourceQuota holds the system's quota in the data
 * centre, and the system's groups in that cluster with this one at the larger of its old and new pod
 * size would exceed it even replacing one pod at a time (rolloutShortfall), e.g. after the quota was
 * lowered below what is in use. Anything less completes (rolloutStrategy), so it is let through.
 * Names each resource short, what the group needs and what the quota leaves it. Call inside the
 * transaction that makes the revision.
 */
export async function assertRolloutCanComplete(
  tx: Tx,
  s: { id: string; name: string },
  g: Pod & {
    id: string;
    name: string;
    replicas: number;
    autoscaling?: unknown;
    dataCentreId: string;
    clusterId: string;
    dataCentre: { name: string };
    cluster: { name: string };
  },
  after: Pod,
): Promise<void> {
  await lockSystemQuota(tx, s.id, g.dataCentreId);
  // One at a time: a transaction is one connection, where pg deprecates queueing queries.
  const quota = await tx.systemQuota.findUnique({ where: { systemId_dataCentreId: { systemId: s.id, dataCentreId: g.dataCentreId } } });
  const siblings = await tx.group.findMany({
    where: { clusterId: g.clusterId, application: { systemId: s.id }, id: { not: g.id } },
    select: { replicas: true, cpuMillis: true, memoryMiB: true, gpu: true, autoscaling: true },
  });
  const balancers = await tx.loadBalancer.aggregate({ where: { clusterId: g.clusterId, application: { systemId: s.id } }, _sum: { replicas: true } });
  const pod = (p: Pod) => groupFootprint({ ...p, replicas: 1 });
  const short = rolloutShortfall({
    quota: quota && resources(quota),
    // The system's load balancers in the cluster hold their share of the namespace's ResourceQuota too.
    others: sum([...siblings.map(reservedFootprint), loadBalancerFootprint(balancers._sum.replicas ?? 0)]),
    replicas: reservedReplicas(g),
    perPod: largerPod(pod(g), pod(after)),
  });
  if (short.length === 0) return;
  const fields = Object.fromEntries(short.map((x) => [FIELD[x.resource], shortfallFault(x)]));
  const shortfalls = short.map((x) => x.message).join("; ");
  throw domainError("rollout_cannot_complete", { group: g.name, cluster: g.cluster.name, system: s.name, dataCentre: g.dataCentre.name, shortfalls }, fields);
}

/** The request field each resource comes from, for 409 field errors about a group's size. */
const FIELD = { cpuMillis: "cpu", memoryMiB: "memory", gpu: "gpu", instances: "replicas" } as const;

/** The field of a quota body (QuotaSet, quota requests) each resource comes from. */
export const QUOTA_FIELD = { cpuMillis: "cpu", memoryMiB: "memory", gpu: "gpu", instances: "instances" } as const;
