import type { Prisma } from "@capstan/db";
import { canSetDepartmentQuota, parseInput, QuotaRequestListQuery, readsEverything } from "@capstan/domain";
import type { Context } from "../context";
import { type Page, pageArgs } from "../page";
import { QUOTA_REQUEST_NAMES, type QuotaRequestDto, toQuotaRequestDto } from "./quota-request-dto";
import { containsText } from "../search";

/**
 * Quota requests the actor may see, newest first: platform roles see all; department admins their
 * departments'; everyone else the requests they made or that concern systems they belong to.
 * `toReview=true` keeps those waiting for the actor's decision.
 */
export async function listQuotaRequests(ctx: Context, query: unknown): Promise<Page<QuotaRequestDto>> {
  const q = parseInput(QuotaRequestListQuery, query);
  const a = ctx.actor;
  const adminOf = [...a.departments].filter(([, role]) => role === "DEPARTMENT_ADMIN").map(([id]) => id);
  const visible: Prisma.QuotaRequestWhereInput = readsEverything(a)
    ? {}
    : { OR: [{ requesterId: a.userId }, { systemId: { in: [...a.systems] } }, { system: { departmentId: { in: adminOf } } }] };
  const toReview: Prisma.QuotaRequestWhereInput =
    q.toReview ? { status: "PENDING", ...(canSetDepartmentQuota(a) ? { escalated: true } : { escalated: false, system: { departmentId: { in: adminOf } } }) } : {};
  const where: Prisma.QuotaRequestWhereInput = {
    AND: [
      visible,
      toReview,
      q.status ? { status: q.status } : {},
      q.mine ? { requesterId: a.userId } : {},
      q.q ? { system: { name: containsText(q.q) } } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    ctx.db.quotaRequest.findMany({ where, include: QUOTA_REQUEST_NAMES, orderBy: { createdAt: "desc" }, ...pageArgs(q) }),
    ctx.db.quotaRequest.count({ where }),
  ]);
  return { items: rows.map((r) => toQuotaRequestDto(r, a)), total, page: q.page, pageSize: q.pageSize };
}
