import { ListQuery, parseChangeCause, parseInput, specChanges } from "@capstan/domain";
import type { Context } from "../context";
import { type Page, pageArgs } from "../page";
import { findGroup } from "./find-group";
import { type RevisionSpec, revisionSpec, toSpecDto } from "./group-dto";

const RevisionListQuery = ListQuery.omit({ q: true });

/** A group's release history, newest first: who changed what, and when. */
export async function listGroupRevisions(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(RevisionListQuery, query, "query");
  const { group: g } = await findGroup(ctx.db, ctx.actor, system, application, name);
  const { skip, take } = pageArgs(q);
  // One row past the page: the oldest revision on it is diffed against its predecessor.
  const [rows, total] = await Promise.all([
    ctx.db.groupRevision.findMany({ where: { groupId: g.id }, orderBy: { revision: "desc" }, skip, take: take + 1 }),
    ctx.db.groupRevision.count({ where: { groupId: g.id } }),
  ]);
  const authors = rows.flatMap((r) => (r.createdById ? [r.createdById] : []));
  const emails = new Map((await ctx.db.user.findMany({ where: { id: { in: authors } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  const specs = rows.map((r) => toSpecDto(r.spec as RevisionSpec));
  const current = toSpecDto(revisionSpec(g));
  const items = rows.slice(0, take).map((r, i) => ({
    revision: r.revision,
    createdAt: r.createdAt.toISOString(),
    createdBy: (r.createdById && emails.get(r.createdById)) ?? null,
    changeCause: r.changeCause,
    /** The cause in parts, for pages to put in their own language; null for text Capstan did not write. */
    cause: parseChangeCause(r.changeCause) ?? null,
    changes: specs[i + 1] ? specChanges(specs[i + 1]!, specs[i]!) : [],
    /** Rolling back to this revision would change nothing. */
    sameAsCurrent: specChanges(current, specs[i]!).length === 0,
    spec: specs[i]!,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize } satisfies Page<unknown>;
}
export type GroupRevisionDto = Awaited<ReturnType<typeof listGroupRevisions>>["items"][number];
