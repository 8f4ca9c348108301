import { MemberListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import { containsText } from "../search";

/**
 * A department's members, by e-mail, with their roles; `query.q` searches e-mail and name (literally).
 * Throws 404 for a department the caller may not see, 400 for an unknown query parameter.
 */
export async function listDepartmentMembers(ctx: Context, department: string, query: unknown = {}) {
  const q = parseInput(MemberListQuery, query, "query");
  const d = await findDepartment(ctx.db, ctx.actor, department);
  const rows = await ctx.db.departmentMember.findMany({
    where: { departmentId: d.id, ...(q.q ? { user: { OR: [{ email: containsText(q.q) }, { name: containsText(q.q) }] } } : {}) },
    include: { user: { select: { email: true, name: true, disabled: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return rows.map((m) => ({ email: m.user.email, name: m.user.name, role: m.role, disabled: m.user.disabled, addedAt: m.createdAt.toISOString() }));
}
