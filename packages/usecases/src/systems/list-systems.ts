import { parseInput, type SYSTEM_SORTS, SystemListQuery, visibleDepartments } from "@capstan/domain";
import type { Context } from "../context";
import { nameSearch, type Page, pageArgs } from "../page";
import { type SystemDto, toSystemDto } from "./system-dto";
import { writableSystems } from "./writable-systems";

type Dir = "asc" | "desc";
/** Each sort field as Prisma orderBy terms; the name then keeps pages stable (it is unique). */
const ORDER = {
  name: (d: Dir) => [{ name: d }],
  displayName: (d: Dir) => [{ displayName: d }],
  department: (d: Dir) => [{ department: { name: d } }],
  createdAt: (d: Dir) => [{ createdAt: d }],
} satisfies Record<(typeof SYSTEM_SORTS)[number], (d: Dir) => object[]>;

/**
 * Systems the actor can see; `mine=true` keeps only those the actor is a member of, `writable=true` those
 * the actor may write in (writableSystems), `department` one department's; `sort` is "field" or "-field" over SYSTEM_SORTS (default name).
 * @throws DomainError 400 naming each bad query parameter.
 */
export async function listSystems(ctx: Context, query: unknown): Promise<Page<SystemDto>> {
  const q = parseInput(SystemListQuery, query, "query");
  const visible = visibleDepartments(ctx.actor);
  const where = {
    deletionRequestedAt: null,
    ...nameSearch(q.q),
    ...(visible === "all" ? {} : { departmentId: { in: visible } }),
    ...(q.department ? { department: { name: q.department } } : {}),
    ...(q.mine ? { members: { some: { userId: ctx.actor.userId } } } : {}),
    ...(q.writable ? { AND: [writableSystems(ctx.actor)] } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.system.findMany({
      where,
      orderBy: [...ORDER[q.sort.field](q.sort.desc ? "desc" : "asc"), { name: "asc" as const }],
      ...pageArgs(q),
      include: { department: { select: { name: true } }, _count: { select: { applications: true, members: true } } },
    }),
    ctx.db.system.count({ where }),
  ]);
  return { items: rows.map((s) => toSystemDto(s, s._count)), total, page: q.page, pageSize: q.pageSize };
}
