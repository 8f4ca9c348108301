import { dnsLabel, ListQuery, parseInput, QueryFlag, visibleDepartments } from "@capstan/domain";
import type { Context } from "../context";
import { nameSearch, type Page, pageArgs } from "../page";
import { type SystemDto, toSystemDto } from "./system-dto";

const SystemListQuery = ListQuery.extend({
  department: dnsLabel.optional(),
  mine: QueryFlag.optional(),
});

/** Systems the actor can see; `mine=true` keeps only those the actor is a member of. */
export async function listSystems(ctx: Context, query: unknown): Promise<Page<SystemDto>> {
  const q = parseInput(SystemListQuery, query, "query");
  const visible = visibleDepartments(ctx.actor);
  const where = {
    deletionRequestedAt: null,
    ...nameSearch(q.q),
    ...(visible === "all" ? {} : { departmentId: { in: visible } }),
    ...(q.department ? { department: { name: q.department } } : {}),
    ...(q.mine ? { members: { some: { userId: ctx.actor.userId } } } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.system.findMany({
      where,
      orderBy: { name: "asc" },
      ...pageArgs(q),
      include: { department: { select: { name: true } }, _count: { select: { applications: true, members: true } } },
    }),
    ctx.db.system.count({ where }),
  ]);
  return { items: rows.map((s) => toSystemDto(s, s._count)), total, page: q.page, pageSize: q.pageSize };
}
