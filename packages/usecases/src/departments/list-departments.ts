import { canManageSystemsOf, ListQuery, parseInput, visibleDepartments } from "@capstan/domain";
import type { Context } from "../context";
import { nameSearch, type Page, pageArgs } from "../page";
import { type DepartmentDto, toDepartmentDto } from "./department-dto";

export async function listDepartments(ctx: Context, query: unknown): Promise<Page<DepartmentDto & { canManageSystems: boolean }>> {
  const q = parseInput(ListQuery, query, "query");
  const visible = visibleDepartments(ctx.actor);
  const where = { ...nameSearch(q.q), ...(visible === "all" ? {} : { id: { in: visible } }) };
  const [rows, total] = await Promise.all([
    ctx.db.department.findMany({ where, orderBy: { name: "asc" }, ...pageArgs(q), include: { _count: { select: { systems: true } } } }),
    ctx.db.department.count({ where }),
  ]);
  return {
    items: rows.map((d) => ({ ...toDepartmentDto(d, d._count.systems), canManageSystems: canManageSystemsOf(ctx.actor, d.id) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
