// What the push-robot use cases share: the system and data centre named, checked.
import { canWriteInSystem, domainError, notFound } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";

/**
 * The system (read access, else 404) and the data centre, refused unless the actor is a developer of the
 * system (403) and the system has a quota there (409 no_registry_quota: no quota, no project).
 */
export async function pushRobotScope(ctx: Context, system: string, dataCentre: string) {
  const s = await findSystem(ctx.db, ctx.actor, system);
  if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_manage_push_robots", { system: s.name });
  const dc = await ctx.db.dataCentre.findUnique({ where: { name: dataCentre } });
  if (!dc) throw notFound("Data centre", dataCentre);
  const quota = await ctx.db.systemQuota.count({ where: { systemId: s.id, dataCentreId: dc.id } });
  if (!quota) throw domainError("no_registry_quota", { system: s.name, dataCentre: dc.name });
  return { system: s, dc };
}
