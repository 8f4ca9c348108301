import { dnsLabel, ListQuery, parseInput, visibleDepartments } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { nameSearch, type Page, pageArgs } from "../page";
import { type ApplicationDto, toApplicationDto } from "./application-dto";

const ApplicationListQuery = ListQuery.extend({ system: dnsLabel.optional() });

/** Applications of one system (`system` given) or of every system the actor can see. */
export async function listApplications(ctx: Context, query: unknown): Promise<Page<ApplicationDto>> {
  const q = parseInput(ApplicationListQuery, query, "query");
  const visible = visibleDepartments(ctx.actor);
  const systemFilter = q.system
    ? { systemId: (await findSystem(ctx.db, ctx.actor, q.system)).id }
    : visible === "all"
      ? {}
      : { system: { departmentId: { in: visible } } };
  const where = { ...nameSearch(q.q), ...systemFilter };
  const [rows, total] = await Promise.all([
    ctx.db.application.findMany({
      where,
      orderBy: [{ system: { name: "asc" } }, { name: "asc" }],
      ...pageArgs(q),
      include: { system: { select: { name: true } }, _count: { select: { groups: true } } },
    }),
    ctx.db.application.count({ where }),
  ]);
  return { items: rows.map((a) => toApplicationDto(a, a.system.name, a._count.groups)), total, page: q.page, pageSize: q.pageSize };
}
