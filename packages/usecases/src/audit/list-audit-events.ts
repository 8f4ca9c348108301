import { type AuditEventDto, AuditQuery, auditScope, domainError, parseInput, PERSONAL_AUDIT_ACTIONS } from "@capstan/domain";
import type { Context } from "../context";
import type { KeysetPage } from "../keyset";
import { auditEventPage } from "./audit-page";
import { findDepartment } from "../lookups";
import { containsText, startsWithText } from "../search";

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
  return auditEventPage(ctx.db, where, q);
}
