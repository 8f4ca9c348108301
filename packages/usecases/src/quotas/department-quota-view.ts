import type { Tx } from "@capstan/db";
import { headroom, type Resources, sum } from "@capstan/domain";
import { resources, systemUsage } from "./quota-usage";
import { quotaView } from "./quota-view";

/**
 * A department's quota in one data centre: what it has, what it handed to its systems (allocated), what
 * their groups use, and each system's share — the usage view, department → systems.
 */
export async function departmentQuotaView(tx: Tx, departmentId: string, dc: { id: string; name: string }) {
  // One at a time: `tx` may be a transaction, one connection, where pg deprecates queueing queries.
  const row = await tx.departmentQuota.findUnique({ where: { departmentId_dataCentreId: { departmentId, dataCentreId: dc.id } } });
  const systems = await tx.system.findMany({
    where: { departmentId },
    select: { id: true, name: true, quotas: { where: { dataCentreId: dc.id } } },
    orderBy: { name: "asc" },
  });
  const perSystem = [];
  for (const s of systems) perSystem.push({ system: s.name, ...quotaView(dc.name, s.quotas[0] ?? null, await systemUsage(tx, s.id, dc.id)) });
  const allocated: Resources = sum(systems.map((s) => resources(s.quotas[0])));
  const used = sum(perSystem.map((s) => s.used));
  const view = quotaView(dc.name, row, used);
  return { ...view, allocated, unallocated: headroom(view.quota, allocated), systems: perSystem };
}
