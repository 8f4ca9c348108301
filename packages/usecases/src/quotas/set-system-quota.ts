import type { Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import {
  belowUseFault,
  canSetSystemQuota,
  checkSystemQuotasWithinDepartment,
  domainError,
  fits,
  parseInput,
  QuotaSet,
  type Resources,
  staleVersion,
  sum,
} from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { mutation } from "../mutation";
import { lockDepartmentQuota, lockSystemQuota, QUOTA_FIELD, resources } from "./quota-usage";
import { findDataCentre, systemQuotaView } from "./quota-view";

/**
 * A department admin hands part of the department's quota in a data centre to one of its systems. The
 * systems' quotas never add up to more than the department's, and a quota is never set below what the
 * system's groups already use. The cluster's ResourceQuota follows.
 */
export async function setSystemQuota(ctx: Context, system: string, dataCentre: string, input: unknown) {
  const { cpu, memory, gpu, instances, version } = parseInput(QuotaSet, input);
  const wanted: Resources = { cpuMillis: cpu, memoryMiB: memory, gpu, instances };
  return mutation(ctx, async (tx, audit) => {
    const s = await findSystem(tx, ctx.actor, system);
    if (!canSetSystemQuota(ctx.actor, s.departmentId)) throw domainError("forbidden_set_system_quota", { system });
    const dc = await findDataCentre(tx, dataCentre);
    await lockDepartmentQuota(tx, s.departmentId, dc.id);
    await lockSystemQuota(tx, s.id, dc.id);
    const before = await systemQuotaView(tx, s.id, dc);
    if (version !== undefined && before.version !== null && version !== before.version) throw staleVersion("Quota", `${system}/${dataCentre}`);
    await assertWithinDepartment(tx, s, dc, wanted);
    const inUse = fits(before.used, wanted);
    const faults = inUse.map((x) => belowUseFault(x.resource, x.asked, x.free));
    if (inUse.length)
      throw domainError(
        "system_quota_below_use",
        {
          system,
          dataCentre,
          inUse: faults.map((f) => f.message).join("; "),
        },
        Object.fromEntries(faults.map((f, i) => [QUOTA_FIELD[inUse[i]!.resource], f])),
      );
    await tx.systemQuota.upsert({
      where: { systemId_dataCentreId: { systemId: s.id, dataCentreId: dc.id } },
      create: { systemId: s.id, dataCentreId: dc.id, ...wanted },
      update: { ...wanted, version: { increment: 1 } },
    });
    await mirrorIntoClusters(tx, s.id, dc.id);
    const after = await systemQuotaView(tx, s.id, dc);
    await audit({
      action: "quota.system.set",
      targetType: "systemQuota",
      targetId: `${system}/${dataCentre}`,
      targetName: `${system} in ${dataCentre}`,
      departmentId: s.departmentId,
      systemId: s.id,
      before: before.set ? before.quota : null,
      after: after.quota,
    });
    return { system: s.name, ...after };
  });
}

/** 409 when this system's new quota would take the department's systems over the department's quota. */
async function assertWithinDepartment(tx: Tx, s: { id: string; departmentId: string; name: string }, dc: { id: string; name: string }, wanted: Resources) {
  // One at a time: a transaction is one connection, where pg deprecates queueing queries.
  const department = await tx.departmentQuota.findUnique({ where: { departmentId_dataCentreId: { departmentId: s.departmentId, dataCentreId: dc.id } } });
  const others = await tx.systemQuota.findMany({ where: { dataCentreId: dc.id, system: { departmentId: s.departmentId }, NOT: { systemId: s.id } } });
  const over = checkSystemQuotasWithinDepartment(resources(department), [sum(others.map(resources)), wanted]);
  if (over.length)
    throw domainError(
      department ? "system_quota_over_department" : "system_quota_over_department_none_set",
      { dataCentre: dc.name, overcommits: over.map((x) => x.message).join("; ") },
      Object.fromEntries(over.map((x) => [QUOTA_FIELD[x.resource], x.fault])),
    );
}

/**
 * A system with a quota in a data centre is entitled to its Harbor project and pull robot there, and to its
 * namespace (with the mirrored ResourceQuota, limits, policies and pull Secret) in every cluster of it,
 * before its first group: asks for all of them to be reconciled. Clusters registered later get theirs
 * from the resync.
 */
export async function mirrorIntoClusters(tx: Tx, systemId: string, dataCentreId: string) {
  const clusters = await tx.cluster.findMany({ where: { dataCentreId }, select: { id: true } });
  await reconcile.projects(tx, [{ systemId, dataCentreId }]);
  await reconcile.systems(
    tx,
    clusters.map(({ id }) => ({ systemId, clusterId: id })),
  );
}
