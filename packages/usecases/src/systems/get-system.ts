import { canManageSystemsOf, canWriteInSystem } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { toSystemDto } from "./system-dto";

export async function getSystem(ctx: Context, name: string) {
  const s = await findSystem(ctx.db, ctx.actor, name);
  const [applications, members] = await Promise.all([
    ctx.db.application.count({ where: { systemId: s.id } }),
    ctx.db.systemMember.count({ where: { systemId: s.id } }),
  ]);
  return {
    ...toSystemDto(s, { applications, members }),
    // What the actor may do here, so pages offer only actions the server will accept.
    can: { manage: canManageSystemsOf(ctx.actor, s.departmentId), write: canWriteInSystem(ctx.actor, s) },
  };
}
