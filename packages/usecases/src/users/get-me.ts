import { headlineRole } from "@capstan/domain";
import type { Context } from "../context";

export async function getMe(ctx: Context) {
  const [departments, systems] = await Promise.all([
    ctx.db.department.findMany({ where: { id: { in: [...ctx.actor.departments.keys()] } }, select: { id: true, name: true, displayName: true } }),
    ctx.db.system.findMany({ where: { id: { in: [...ctx.actor.systems] } }, select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    email: ctx.actor.email,
    name: ctx.actor.name,
    role: headlineRole(ctx.actor),
    platformRole: ctx.actor.platformRole,
    departments: departments.map((d) => ({ name: d.name, displayName: d.displayName, role: ctx.actor.departments.get(d.id)! })),
    systems: systems.map((s) => s.name),
  };
}
export type Me = Awaited<ReturnType<typeof getMe>>;
