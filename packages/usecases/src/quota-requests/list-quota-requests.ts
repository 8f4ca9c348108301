import type { Prisma } from "@capstan/db";
import { canSetDepartmentQuota, isUuid, parseInput, QuotaRequestListQuery, readsEverything } from "@capstan/domain";
import type { Context } from "../context";
import { decodeCursor, isIsoInstant, type KeysetPage, keysetPage, keysetSkip } from "../keyset";
import { QUOTA_REQUEST_NAMES, type QuotaRequestDto, toQuotaRequestDto } from "./quota-request-dto";
import { containsText } from "../search";

/**
 * Quota requests the actor may see, newest first: platform roles see all; department admins their
 * departments'; everyone else the requests they made or that concern systems they belong to.
 * `toReview=true` keeps those waiting for the actor's decision. Keyset pages (`cursor` from the previous
 * page's `nextCursor`): requests made or decided meanwhile never repeat or skip a row. 400 for a bad cursor.
 */
export async function listQuotaRequests(ctx: Context, query: unknown): Promise<KeysetPage<QuotaRequestDto>> {
  const q = parseInput(QuotaRequestListQuery, query);
  const a = ctx.actor;
  const adminOf = [...a.departments].filter(([, role]) => role === "DEPARTMENT_ADMIN").map(([id]) => id);
  const visible: Prisma.QuotaRequestWhereInput = readsEverything(a)
    ? {}
    : { OR: [{ requesterId: a.userId }, { systemId: { in: [...a.systems] } }, { system: { departmentId: { in: adminOf } } }] };
  const toReview: Prisma.QuotaRequestWhereInput = q.toReview
    ? { status: "PENDING", ...(canSetDepartmentQuota(a) ? { escalated: true } : { escalated: false, system: { departmentId: { in: adminOf } } }) }
    : {};
  const where: Prisma.QuotaRequestWhereInput = {
    AND: [visible, toReview, q.status ? { status: q.status } : {}, q.mine ? { requesterId: a.userId } : {}, q.q ? { system: { name: containsText(q.q) } } : {}],
  };
  const after = q.cursor ? decodeCursor(q.cursor, (c) => isIsoInstant(c.key) && isUuid(c.id)) : undefined;
  const seek: Prisma.QuotaRequestWhereInput = after
    ? { OR: [{ createdAt: { lt: new Date(after.key) } }, { createdAt: new Date(after.key), id: { lt: after.id } }] }
    : {};
  const [rows, total] = await Promise.all([
    ctx.db.quotaRequest.findMany({
      where: { AND: [where, seek] },
      include: QUOTA_REQUEST_NAMES,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: keysetSkip(q),
      take: q.pageSize + 1,
    }),
    ctx.db.quotaRequest.count({ where }),
  ]);
  const { items, nextCursor } = keysetPage(rows, q.pageSize, (r) => ({ key: r.createdAt.toISOString(), id: r.id }));
  return { items: items.map((r) => toQuotaRequestDto(r, a)), total, page: q.page, pageSize: q.pageSize, nextCursor };
}
