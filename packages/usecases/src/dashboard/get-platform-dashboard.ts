import { canManageFleet, domainError, personName } from "@capstan/domain";
import type { Context } from "../context";
import { CLUSTER_HEALTH_SELECT, clusterHealth } from "./cluster-health";

/** Rows each list shows; the counts are of all. */
const SHOWN = 5;

/**
 * Platform health for platform admins (403 for others): every cluster with its last probe (status, last
 * error, last contact); each data centre's registry as recorded by the Harbor project reconciles (how many
 * of its projects fail, the latest error); failing reconciles (objects whose status records a failure:
 * failedAttempts > 0 on groups, nodes, system namespaces and Harbor projects), counted, with the latest
 * failing groups and nodes; and the quota requests escalated to platform admins (count, the oldest).
 */
export async function getPlatformDashboard(ctx: Context) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden");
  const failing = { failedAttempts: { gt: 0 } };
  const escalated = { status: "PENDING" as const, escalated: true };
  const [clusters, dataCentres, projectFailures, groups, groupTotal, nodes, nodeTotal, namespaceTotal, escalatedTotal, escalations] = await Promise.all([
    ctx.db.cluster.findMany({
      orderBy: { name: "asc" },
      select: CLUSTER_HEALTH_SELECT,
    }),
    ctx.db.dataCentre.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, harborUrl: true } }),
    ctx.db.systemProjectStatus.groupBy({ by: ["dataCentreId"], where: failing, _count: { _all: true }, _max: { lastErrorAt: true } }),
    ctx.db.group.findMany({
      where: failing,
      orderBy: [{ lastErrorAt: "desc" }, { id: "asc" }],
      take: SHOWN,
      select: {
        name: true,
        lastErrorReason: true,
        lastErrorAt: true,
        failedAttempts: true,
        application: { select: { name: true, system: { select: { name: true } } } },
      },
    }),
    ctx.db.group.count({ where: failing }),
    ctx.db.node.findMany({
      where: failing,
      orderBy: [{ lastErrorAt: "desc" }, { id: "asc" }],
      take: SHOWN,
      select: { name: true, lastErrorReason: true, lastErrorAt: true, failedAttempts: true, cluster: { select: { name: true } } },
    }),
    ctx.db.node.count({ where: failing }),
    ctx.db.systemNamespaceStatus.count({ where: failing }),
    ctx.db.quotaRequest.count({ where: escalated }),
    ctx.db.quotaRequest.findMany({
      where: escalated,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: SHOWN,
      select: {
        id: true,
        createdAt: true,
        system: { select: { name: true } },
        dataCentre: { select: { name: true } },
        requester: { select: { name: true, email: true } },
      },
    }),
  ]);
  const projects = new Map(projectFailures.map((p) => [p.dataCentreId, p]));
  const latestProjectErrors = projectFailures.length
    ? await ctx.db.systemProjectStatus.findMany({
        where: { ...failing, OR: projectFailures.map((p) => ({ dataCentreId: p.dataCentreId, lastErrorAt: p._max.lastErrorAt })) },
        select: { dataCentreId: true, lastError: true, lastErrorReason: true },
      })
    : [];
  const lastError = new Map(latestProjectErrors.map((p) => [p.dataCentreId, p]));
  const projectTotal = projectFailures.reduce((n, p) => n + p._count._all, 0);
  return {
    clusters: clusters.map(clusterHealth),
    registries: dataCentres.map((d) => ({
      dataCentre: d.name,
      harborUrl: d.harborUrl,
      failingProjects: projects.get(d.id)?._count._all ?? 0,
      lastError: lastError.get(d.id)?.lastError ?? null,
      /** The last error's CamelCase reason (ReconcileFailureSchema), which the portal words. */
      lastErrorReason: lastError.get(d.id)?.lastErrorReason ?? null,
    })),
    failingReconciles: {
      total: groupTotal + nodeTotal + namespaceTotal + projectTotal,
      groups: groupTotal,
      nodes: nodeTotal,
      namespaces: namespaceTotal,
      projects: projectTotal,
      latestGroups: groups.map((g) => ({
        system: g.application.system.name,
        application: g.application.name,
        group: g.name,
        reason: g.lastErrorReason,
        attempts: g.failedAttempts,
        at: g.lastErrorAt?.toISOString() ?? null,
      })),
      latestNodes: nodes.map((n) => ({
        cluster: n.cluster.name,
        node: n.name,
        reason: n.lastErrorReason,
        attempts: n.failedAttempts,
        at: n.lastErrorAt?.toISOString() ?? null,
      })),
    },
    escalations: {
      total: escalatedTotal,
      oldest: escalations.map((r) => ({
        id: r.id,
        system: r.system.name,
        dataCentre: r.dataCentre.name,
        requester: personName(r.requester),
        at: r.createdAt.toISOString(),
      })),
    },
  };
}
