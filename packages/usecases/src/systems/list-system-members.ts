import { MemberListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { containsText } from "../search";

/**
 * A system's members, by e-mail, with their role in its department; `query.q` searches e-mail and name
 * (literally). Throws 404 for a system the caller may not see, 400 for an unknown query parameter.
 */
export async function listSystemMembers(ctx: Context, system: string, query: unknown = {}) {
  const q = parseInput(MemberListQuery, query, "query");
  const s = await findSystem(ctx.db, ctx.actor, system);
  const rows = await ctx.db.systemMember.findMany({
    where: { systemId: s.id, ...(q.q ? { user: { OR: [{ email: containsText(q.q) }, { name: containsText(q.q) }] } } : {}) },
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
