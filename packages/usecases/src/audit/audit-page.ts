// One keyset page of audit events, newest first (time, then id): the audit log and a load balancer's
// history read the same rows the same way, each with its own filter.
import type { Prisma } from "@capstan/db";
import type { AuditEventDto } from "@capstan/domain";
import type { Context } from "../context";
import { decodeCursor, isIsoInstant, type KeysetPage, keysetPage, keysetSkip } from "../keyset";

const INT8_MAX = 9_223_372_036_854_775_807n;
const eventId = (id: string) => /^\d{1,19}$/.test(id) && BigInt(id) <= INT8_MAX;

/**
 * The page of events matching `where` after `q.cursor` (the previous page's `nextCursor`), so events
 * recorded meanwhile never repeat a row on the next page; `total` counts every match.
 * @throws DomainError 400 for a cursor that is not one of ours.
 */
export async function auditEventPage(
  db: Context["db"],
  where: Prisma.AuditEventWhereInput,
  q: { cursor?: string; page: number; pageSize: number },
): Promise<KeysetPage<AuditEventDto>> {
  const after = q.cursor ? decodeCursor(q.cursor, (c) => isIsoInstant(c.key) && eventId(c.id)) : undefined;
  const seek = after ? { OR: [{ at: { lt: new Date(after.key) } }, { at: new Date(after.key), id: { lt: BigInt(after.id) } }] } : {};
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where: { AND: [where, seek] }, orderBy: [{ at: "desc" }, { id: "desc" }], skip: keysetSkip(q), take: q.pageSize + 1 }),
    db.auditEvent.count({ where }),
  ]);
  const { items, nextCursor } = keysetPage(rows, q.pageSize, (e) => ({ key: e.at.toISOString(), id: e.id.toString() }));
  const names = await actorNames(db, items);
  return {
    items: items.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      actor: e.actorEmail,
      actorName: (e.actorId && names.get(e.actorId)) ?? null,
      action: e.action,
      targetType: e.targetType,
      targetName: e.targetName,
      targetId: e.targetId,
      before: e.before,
      after: e.after,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    nextCursor,
  };
}

/** The display names of the events' actors, in one query (a page's worth of ids), by user id. */
export async function actorNames(db: Context["db"], events: { actorId: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}
