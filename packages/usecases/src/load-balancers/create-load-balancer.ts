import type { Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { canWriteInSystem, domainError, fieldError, HEALTH_CHECK_PATH, LoadBalancerCreate, parseInput, ZERO } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { mutation } from "../mutation";
import { assertGroupFitsQuota, loadBalancerFootprint } from "../quotas/quota-usage";
import { assertDomainsAllowed, memberGroups } from "./load-balancer-checks";
import { loadBalancerDetail } from "./load-balancer-detail";
import { kindEnum, LB_NAMES, type StoredHealthCheck } from "./load-balancer-rows";

/**
 * Creates a load balancer of an application (LoadBalancerCreate: defaults there) with its names and member
 * groups, within the system's quota (its pods count: loadBalancerFootprint), and requests its reconcile and
 * its DNS records', in one transaction. The cluster defaults to the member groups' or, without members, the
 * data centre's only one. The health check's path defaults to the application's (HTTP; TCP checks connect).
 * @throws DomainError 403 forbidden_change_load_balancer; 404 for the system or application; 422 naming
 *   the field (data centre, cluster, domains, members); 409 load_balancer_exists, lb_domain_taken, quota_exceeded.
 */
export async function createLoadBalancer(ctx: Context, system: string, application: string, input: unknown) {
  const { name, kind, dataCentre, cluster, domains, members, healthCheck, ...spec } = parseInput(LoadBalancerCreate, input);
  return mutation(ctx, async (tx, audit) => {
    const { system: s, application: app } = await findApplication(tx, ctx.actor, system, application);
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_change_load_balancer", { system });
    const dc = await tx.dataCentre.findUnique({ where: { name: dataCentre }, include: { clusters: { select: { id: true, name: true } } } });
    if (!dc) throw domainError("data_centre_unknown", { dataCentre }, { dataCentre: fieldError("data_centre_unknown") });
    const target = await balancerCluster(tx, app, dc, cluster, members[0]?.group);
    // Unique in the system, not only the application: its Kubernetes objects (lb-<name>) share the system's namespace.
    const same = await tx.loadBalancer.findFirst({ where: { name, application: { systemId: s.id } }, select: { application: { select: { name: true } } } });
    if (same) throw domainError("load_balancer_exists", { system, application: same.application.name, loadBalancer: name }, { name: fieldError("taken") });
    await assertDomainsAllowed(tx, dc, domains, null);
    const groups = await memberGroups(tx, app, target, members);
    await assertGroupFitsQuota(tx, s, dc, ZERO, loadBalancerFootprint(spec.replicas), () => "replicas");
    const stored: StoredHealthCheck = {
      path: spec.protocol === "HTTP" ? (healthCheck.path === undefined ? applicationCheckPath(app.healthCheckPath) : healthCheck.path) : null,
      intervalSeconds: healthCheck.intervalSeconds,
      rise: healthCheck.rise,
      fall: healthCheck.fall,
    };
    const first = (await tx.group.count({ where: { clusterId: target.id, application: { systemId: s.id } } })) === 0;
    const lb = await tx.loadBalancer.create({
      data: {
        ...spec,
        name,
        kind: kindEnum(kind),
        healthCheck: { ...stored },
        timeouts: { ...spec.timeouts },
        applicationId: app.id,
        dataCentreId: dc.id,
        clusterId: target.id,
        domains: { create: domains.map((d) => ({ name: d })) },
        members: { create: members.map((m, i) => ({ groupId: groups[i]!.id, weight: m.weight })) },
      },
      include: LB_NAMES,
    });
    // The system's namespace is made with its first group in a cluster; a balancer may come first.
    if (first) await reconcile.system(tx, { systemId: s.id, clusterId: target.id });
    await reconcile.loadBalancer(tx, lb);
    await reconcile.dns(tx, lb);
    const detail = await loadBalancerDetail(tx, ctx.actor, s, lb);
    const { members: _m, pods: _p, warnings: _w, configuration: _cfg, can: _c, ...dto } = detail;
    await audit({
      action: "load-balancer.create",
      targetType: "load-balancer",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      after: { ...dto, members },
    });
    return detail;
  });
}

/** The application's health check path if the data plane can take it (HEALTH_CHECK_PATH), else null: a connect check. */
const applicationCheckPath = (path: string | null) => (path !== null && HEALTH_CHECK_PATH.test(path) ? path : null);

/**
 * The balancer's cluster: the one named (in the data centre), else the first member group's, else the data
 * centre's only cluster. @throws DomainError 422 naming `cluster` (unknown, of another data centre, or
 * needed because the data centre has several), or `members.0.group` when that is no group of the application.
 */
async function balancerCluster(
  tx: Tx,
  app: { id: string; name: string },
  dc: { id: string; name: string; clusters: { id: string; name: string }[] },
  pinned: string | undefined,
  firstMember: string | undefined,
) {
  if (pinned) {
    const c = dc.clusters.find((x) => x.name === pinned);
    if (c) return c;
    const known = await tx.cluster.findUnique({ where: { name: pinned }, select: { id: true } });
    if (!known) throw domainError("cluster_unknown", { cluster: pinned }, { cluster: fieldError("cluster_unknown") });
    throw domainError(
      "cluster_not_in_data_centre",
      { cluster: pinned, dataCentre: dc.name },
      { cluster: fieldError("cluster_not_in_data_centre", { dataCentre: dc.name }) },
    );
  }
  if (firstMember) {
    const g = await tx.group.findUnique({
      where: { applicationId_name: { applicationId: app.id, name: firstMember } },
      select: { cluster: { select: { id: true, name: true, dataCentreId: true } } },
    });
    if (!g)
      throw domainError(
        "lb_group_unknown",
        { application: app.name, group: firstMember },
        { "members.0.group": fieldError("lb_group_unknown", { application: app.name }) },
      );
    if (g.cluster.dataCentreId === dc.id) return g.cluster;
  }
  if (dc.clusters.length === 1) return dc.clusters[0]!;
  throw domainError("lb_cluster_required", { dataCentre: dc.name, count: dc.clusters.length }, { cluster: fieldError("required") });
}
