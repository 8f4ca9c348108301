import { dnsLabel, GroupListQuery, type GROUP_SORTS, parseInput, visibleDepartments } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { type Page, pageArgs } from "../page";
import { GROUP_NAMES, type GroupDto, toGroupDto } from "./group-dto";
import { containsText } from "../search";

const Query = GroupListQuery.extend({ application: dnsLabel.optional() });
type Dir = "asc" | "desc";

/** Each sort field as Prisma orderBy terms; the group's name and id then keep pages stable. */
const ORDER = {
  name: (d: Dir) => [{ name: d }],
  application: (d: Dir) => [{ application: { system: { name: d } } }, { application: { name: d } }],
  dataCentre: (d: Dir) => [{ dataCentre: { name: d } }, { cluster: { name: d } }],
  phase: (d: Dir) => [{ phase: d }],
  replicas: (d: Dir) => [{ replicas: d }],
  createdAt: (d: Dir) => [{ createdAt: d }],
} satisfies Record<(typeof GROUP_SORTS)[number], (d: Dir) => object[]>;

/**
 * Groups of one application (`system` and `application`), or of everything the actor can see, with the
 * filters and sort of GroupListQuery (`dataCentre`, `phase`, `mine`, `q`; `sort` "field" or "-field").
 * @throws DomainError 400 naming each bad query parameter (a sort field outside GROUP_SORTS included);
 *   404 for an application the actor cannot read.
 */
export async function listGroups(ctx: Context, query: unknown): Promise<Page<GroupDto>> {
  const q = parseInput(Query, query, "query");
  const visible = visibleDepartments(ctx.actor);
  const scope =
    q.system && q.application
      ? { applicationId: (await findApplication(ctx.db, ctx.actor, q.system, q.application)).application.id }
      : { application: { system: { ...(q.system ? { name: q.system } : {}), ...(visible === "all" ? {} : { departmentId: { in: visible } }) } } };
  const where = {
    AND: [scope, q.mine ? { application: { system: { members: { some: { userId: ctx.actor.userId } } } } } : {}],
    ...(q.dataCentre ? { dataCentre: { name: q.dataCentre } } : {}),
    ...(q.phase ? { phase: q.phase } : {}),
    ...(q.q ? { name: containsText(q.q) } : {}),
  };
  const orderBy = [...ORDER[q.sort.field](q.sort.desc ? "desc" : "asc"), { name: "asc" as const }, { id: "asc" as const }];
  const [rows, total] = await Promise.all([ctx.db.group.findMany({ where, orderBy, ...pageArgs(q), include: GROUP_NAMES }), ctx.db.group.count({ where })]);
  return { items: rows.map((g) => toGroupDto(g)), total, page: q.page, pageSize: q.pageSize };
}
