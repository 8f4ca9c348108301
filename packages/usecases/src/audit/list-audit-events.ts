import { AuditQuery, auditScope, domainError, parseInput, PERSONAL_AUDIT_ACTIONS } from "@capstan/domain";
import type { Context } from "../context";
import { decodeCursor, isIsoInstant, type KeysetPage, keysetPage, keysetSkip } from "../keyset";
import { findDepartment } from "../lookups";
import { containsText, startsWithText } from "../search";

const INT8_MAX = 9_223_372_036_854_775_807n;
const eventId = (id: string) => /^\d{1,19}$/.test(id) && BigInt(id) <= INT8_MAX;

/**
 * The audit log, newest first (time, then id), in keyset pages: `cursor` from the previous page's
 * `nextCursor`, so events recorded meanwhile never repeat a row on the next page. Department admins see
 * their departments' events only. Throws 403 for roles that do not read the log, 400 for a bad cursor.
 */
export async function listAuditEvents(ctx: Context, query: unknown): Promise<KeysetPage<AuditEventDto>> {
  const q = parseInput(AuditQuery, query, "query");
  const scope = auditScope(ctx.actor);
  if (scope === "none") throw domainError("forbidden_read_audit_log");
  const department = q.department ? (await findDepartment(ctx.db, ctx.actor, q.department)).id : undefined;
  if (department && scope !== "all" && !scope.includes(department)) throw domainError("forbidden_read_other_audit_log");
  const where = {
    ...(department ? { departmentId: department } : scope === "all" ? {} : { departmentId: { in: scope } }),
    ...(q.action ? { action: startsWithText(q.action) } : {}),
    ...(q.q ? { OR: [{ targetName: containsText(q.q) }, { actorEmail: containsText(q.q) }] } : {}),
    ...(q.changes ? { NOT: { action: { in: [...PERSONAL_AUDIT_ACTIONS] } } } : {}),
  };
  const after = q.cursor ? decodeCursor(q.cursor, (c) => isIsoInstant(c.key) && eventId(c.id)) : undefined;
  const seek = after ? { OR: [{ at: { lt: new Date(after.key) } }, { at: new Date(after.key), id: { lt: BigInt(after.id) } }] } : {};
  const [rows, total] = await Promise.all([
    ctx.db.auditEvent.findMany({ where: { AND: [where, seek] }, orderBy: [{ at: "desc" }, { id: "desc" }], skip: keysetSkip(q), take: q.pageSize + 1 }),
    ctx.db.auditEvent.count({ where }),
  ]);
  const { items, nextCursor } = keysetPage(rows, q.pageSize, (e) => ({ key: e.at.toISOString(), id: e.id.toString() }));
  const names = await actorNames(ctx.db, items);
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

export interface AuditEventDto {
  id: string;
  at: string;
  actor: string;
  /** The actor's display name (null: no account, e.g. the worker or the CLI, or one since removed). */
  actorName: string | null;
  action: string;
  targetType: string;
  targetName: string;
  targetId: string;
  before: unknown;
  after: unknown;
}
