import { GroupRevisionListQuery, isUuid, parseChangeCause, parseInput, personName, specChanges } from "@capstan/domain";
import type { Context } from "../context";
import { decodeCursor, type KeysetPage, keysetPage, keysetSkip } from "../keyset";
import { findGroup } from "./find-group";
import { type RevisionSpec, revisionSpec, toSpecDto } from "./group-dto";

/**
 * A group's release history, newest first: who changed what, and when. Keyset pages by revision number
 * (`cursor` from the previous page's `nextCursor`), so revisions made meanwhile never repeat a row.
 */
export async function listGroupRevisions(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(GroupRevisionListQuery, query, "query");
  const { group: g } = await findGroup(ctx.db, ctx.actor, system, application, name);
  const after = q.cursor ? decodeCursor(q.cursor, (c) => /^\d{1,10}$/.test(c.key) && Number(c.key) <= 2_147_483_647 && isUuid(c.id)) : undefined;
  const take = q.pageSize;
  // One row past the page: it tells whether there is a next page, and the oldest revision on this page
  // is diffed against it, its predecessor.
  const [rows, total] = await Promise.all([
    ctx.db.groupRevision.findMany({
      where: { groupId: g.id, ...(after ? { revision: { lt: Number(after.key) } } : {}) },
      orderBy: { revision: "desc" },
      skip: keysetSkip(q),
      take: take + 1,
    }),
    ctx.db.groupRevision.count({ where: { groupId: g.id } }),
  ]);
  const { nextCursor } = keysetPage(rows, take, (r) => ({ key: String(r.revision), id: r.id }));
  const authors = rows.flatMap((r) => (r.createdById ? [r.createdById] : []));
  const names = new Map(
    (await ctx.db.user.findMany({ where: { id: { in: authors } }, select: { id: true, email: true, name: true } })).map((u) => [u.id, personName(u)]),
  );
  const specs = rows.map((r) => toSpecDto(r.spec as RevisionSpec));
  const current = toSpecDto(revisionSpec(g));
  const items = rows.slice(0, take).map((r, i) => ({
    revision: r.revision,
    createdAt: r.createdAt.toISOString(),
    createdBy: (r.createdById && names.get(r.createdById)) ?? null,
    changeCause: r.changeCause,
    /** The cause in parts, for pages to put in their own language; null for text Capstan did not write. */
    cause: parseChangeCause(r.changeCause) ?? null,
    changes: specs[i + 1] ? specChanges(specs[i + 1]!, specs[i]!) : [],
    /** Rolling back to this revision would change nothing. */
    sameAsCurrent: specChanges(current, specs[i]!).length === 0,
    spec: specs[i]!,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize, nextCursor } satisfies KeysetPage<unknown>;
}
export type GroupRevisionDto = Awaited<ReturnType<typeof listGroupRevisions>>["items"][number];
