import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { departmentQuotaView } from "./department-quota-view";
import { findDataCentre } from "./quota-view";

/** A department's quota, allocation and use in every data centre. */
export async function getDepartmentQuotas(ctx: Context, department: string) {
  const d = await findDepartment(ctx.db, ctx.actor, department);
  const dcs = await ctx.db.dataCentre.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { department: d.name, items: await Promise.all(dcs.map((dc) => departmentQuotaView(ctx.db, d.id, dc))) };
}

/** A department's quota, allocation and use in one data centre. */
export async function getDepartmentQuota(ctx: Context, department: string, dataCentre: string) {
  const d = await findDepartment(ctx.db, ctx.actor, department);
  return { department: d.name, ...(await departmentQuotaView(ctx.db, d.id, await findDataCentre(ctx.db, dataCentre))) };
}
