import { notFound } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { systemQuotaView } from "./quota-view";

/** A system's quota and use in every data centre (those without a quota read as not set). */
export async function getSystemQuotas(ctx: Context, system: string) {
  const s = await findSystem(ctx.db, ctx.actor, system);
  const dcs = await ctx.db.dataCentre.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { system: s.name, items: await Promise.all(dcs.map((dc) => systemQuotaView(ctx.db, s.id, dc))) };
}

/** A system's quota and use in one data centre. */
export async function getSystemQuota(ctx: Context, system: string, dataCentre: string) {
  const s = await findSystem(ctx.db, ctx.actor, system);
  const dc = await ctx.db.dataCentre.findUnique({ where: { name: dataCentre }, select: { id: true, name: true } });
  if (!dc) throw notFound("Data centre", dataCentre);
  return { system: s.name, ...(await systemQuotaView(ctx.db, s.id, dc)) };
}
