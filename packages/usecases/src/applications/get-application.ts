import { canWriteInSystem } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { toApplicationDto } from "./application-dto";

export async function getApplication(ctx: Context, system: string, name: string) {
  const { system: s, application: a } = await findApplication(ctx.db, ctx.actor, system, name);
  const groupCount = await ctx.db.group.count({ where: { applicationId: a.id } });
  return { ...toApplicationDto(a, s.name, groupCount), can: { write: canWriteInSystem(ctx.actor, s) } };
}
