import { AuditQuery, auditScope, forbidden, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findDepartment } from "../lookups";
import type { Page } from "../page";
import { pageArgs } from "../page";
import { containsText, startsWithText } from "../search";

/** The audit log, newest first; department admins see their departments' events only. */
export async function listAuditEvents(ctx: Context, query: unknown): Promise<Page<AuditEventDto>> {
  const q = parseInput(AuditQuery, query, "query");
  const scope = auditScope(ctx.actor);
  if (scope === "none") throw forbidden("Only admins and ops read the audit log.");
  const department = q.department ? (await findDepartment(ctx.db, ctx.actor, q.department)).id : undefined;
  if (department && scope !== "all" && !scope.includes(department)) throw forbidden("You can read only your own departments' audit log.");
  const where = {
    ...(department ? { departmentId: department } : scope === "all" ? {} : { departmentId: { in: scope } }),
    ...(q.action ? { action: startsWithText(q.action) } : {}),
    ...(q.q
      ? { OR: [{ targetName: containsText(q.q) }, { actorEmail: containsText(q.q) }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.auditEvent.findMany({ where, orderBy: { at: "desc" }, ...pageArgs(q) }),
    ctx.db.auditEvent.count({ where }),
  ]);
  return {
    items: rows.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      actor: e.actorEmail,
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
  };
}
export interface AuditEventDto {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetName: string;
  targetId: string;
  before: unknown;
  after: unknown;
}
