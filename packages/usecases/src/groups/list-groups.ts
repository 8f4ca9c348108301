import { dnsLabel, ListQuery, parseInput, QueryFlag, visibleDepartments } from "@capstan/domain";
import type { Context } from "../context";
import { findApplication } from "../lookups";
import { type Page, pageArgs } from "../page";
import { GROUP_NAMES, type GroupDto, toGroupDto } from "./group-dto";
import { containsText } from "../search";

const GroupListQuery = ListQuery.extend({
  system: dnsLabel.optional(),
  application: dnsLabel.optional(),
  dataCentre: dnsLabel.optional(),
  /** Only groups of systems the actor is a member of: a developer's dashboard. */
  mine: QueryFlag.optional(),
});

/** Groups of one application, or of everything the actor can see, with filters. */
export async function listGroups(ctx: Context, query: unknown): Promise<Page<GroupDto>> {
  const q = parseInput(GroupListQuery, query, "query");
  const visible = visibleDepartments(ctx.actor);
  const scope =
    q.system && q.application
      ? { applicationId: (await findApplication(ctx.db, ctx.actor, q.system, q.application)).application.id }
      : { application: { system: { ...(q.system ? { name: q.system } : {}), ...(visible === "all" ? {} : { departmentId: { in: visible } }) } } };
  const where = {
    AND: [scope, q.mine ? { application: { system: { members: { some: { userId: ctx.actor.userId } } } } } : {}],
    ...(q.dataCentre ? { dataCentre: { name: q.dataCentre } } : {}),
    ...(q.q ? { name: containsText(q.q) } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.group.findMany({ where, orderBy: [{ application: { name: "asc" } }, { name: "asc" }], ...pageArgs(q), include: GROUP_NAMES }),
    ctx.db.group.count({ where }),
  ]);
  return { items: rows.map((g) => toGroupDto(g)), total, page: q.page, pageSize: q.pageSize };
}
