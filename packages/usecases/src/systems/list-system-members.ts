import type { Context } from "../context";
import { findSystem } from "../lookups";

export async function listSystemMembers(ctx: Context, system: string) {
  const s = await findSystem(ctx.db, ctx.actor, system);
  const rows = await ctx.db.systemMember.findMany({
    where: { systemId: s.id },
    include: { user: { select: { email: true, name: true, departmentMemberships: { where: { departmentId: s.departmentId }, select: { role: true } } } } },
    orderBy: { user: { email: "asc" } },
  });
  return rows.map((m) => ({
    email: m.user.email,
    name: m.user.name,
    departmentRole: m.user.departmentMemberships[0]?.role ?? null,
    addedAt: m.createdAt.toISOString(),
  }));
}
