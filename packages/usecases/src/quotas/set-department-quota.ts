import { canSetDepartmentQuota, checkSystemQuotasWithinDepartment, domainError, parseInput, QuotaSet, type Resources, staleVersion } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { mutation } from "../mutation";
import { departmentQuotaView } from "./department-quota-view";
import { lockDepartmentQuota, QUOTA_FIELD } from "./quota-usage";
import { findDataCentre } from "./quota-view";

/** A platform admin sets a department's quota in a data centre; never below what its systems were given. */
export async function setDepartmentQuota(ctx: Context, department: string, dataCentre: string, input: unknown) {
  const { cpu, memory, gpu, instances, version } = parseInput(QuotaSet, input);
  const wanted: Resources = { cpuMillis: cpu, memoryMiB: memory, gpu, instances };
  return mutation(ctx, async (tx, audit) => {
    const d = await findDepartment(tx, ctx.actor, department);
    if (!canSetDepartmentQuota(ctx.actor)) throw domainError("forbidden_set_department_quota");
    const dc = await findDataCentre(tx, dataCentre);
    await lockDepartmentQuota(tx, d.id, dc.id);
    const before = await departmentQuotaView(tx, d.id, dc);
    if (version !== undefined && before.version !== null && version !== before.version) throw staleVersion("Quota", `${department}/${dataCentre}`);
    const given = checkSystemQuotasWithinDepartment(wanted, [before.allocated]);
    if (given.length)
      throw domainError(
        "department_quota_below_given",
        { department, dataCentre, overcommits: given.map((x) => x.message).join("; ") },
        Object.fromEntries(given.map((x) => [QUOTA_FIELD[x.resource], x.fault])),
      );
    await tx.departmentQuota.upsert({
      where: { departmentId_dataCentreId: { departmentId: d.id, dataCentreId: dc.id } },
      create: { departmentId: d.id, dataCentreId: dc.id, ...wanted },
      update: { ...wanted, version: { increment: 1 } },
    });
    const after = await departmentQuotaView(tx, d.id, dc);
    await audit({
      action: "quota.department.set",
      targetType: "departmentQuota",
      targetId: `${department}/${dataCentre}`,
      targetName: `${department} in ${dataCentre}`,
      departmentId: d.id,
      before: before.set ? before.quota : null,
      after: after.quota,
    });
    return { department: d.name, ...after };
  });
}
