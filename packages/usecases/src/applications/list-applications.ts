import { type APPLICATION_SORTS, ApplicationListQuery, parseInput, visibleDepartments } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { nameSearch, type Page, pageArgs } from "../page";
import { writableSystems } from "../systems/writable-systems";
import { type ApplicationDto, toApplicationDto } from "./application-dto";

type Dir = "asc" | "desc";
/** Each sort field as Prisma orderBy terms; system and name (unique together) then keep pages stable. */
const ORDER = {
  system: (d: Dir) => [{ system: { name: d } }],
  name: (d: Dir) => [{ name: d }],
  displayName: (d: Dir) => [{ displayName: d }],
  runtime: (d: Dir) => [{ runtime: d }],
  createdAt: (d: Dir) => [{ createdAt: d }],
} satisfies Record<(typeof APPLICATION_SORTS)[number], (d: Dir) => object[]>;

/**
 * Applications of one system (`system` given) or of every system the actor can see, with `writable=true`
 * only those of systems the actor may write in (writableSystems); `sort` is "field" or
 * "-field" over APPLICATION_SORTS (default system, then name).
 * @throws DomainError 400 naming each bad query parameter; 404 for a system the actor cannot read.
 */
export async function listApplications(ctx: Context, query: unknown): Promise<Page<ApplicationDto>> {
  const q = parseInput(ApplicationListQuery, query, "query");
  const visible = visibleDepartments(ctx.actor);
  const systemFilter = q.system
    ? { systemId: (await findSystem(ctx.db, ctx.actor, q.system)).id }
    : visible === "all"
      ? {}
      : { system: { departmentId: { in: visible } } };
  const where = { ...nameSearch(q.q), ...systemFilter, ...(q.writable ? { AND: [{ system: writableSystems(ctx.actor) }] } : {}) };
  const [rows, total] = await Promise.all([
    ctx.db.application.findMany({
      where,
      orderBy: [...ORDER[q.sort.field](q.sort.desc ? "desc" : "asc"), { system: { name: "asc" as const } }, { name: "asc" as const }],
      ...pageArgs(q),
      include: { system: { select: { name: true } }, _count: { select: { groups: true } } },
    }),
    ctx.db.application.count({ where }),
  ]);
  return { items: rows.map((a) => toApplicationDto(a, a.system.name, a._count.groups)), total, page: q.page, pageSize: q.pageSize };
}
