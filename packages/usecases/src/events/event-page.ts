// One page of a timeline of ClusterEvent rows (the inventory's copy of core/v1 Events), newest first.
import type { Db } from "@capstan/db";
import type { ClusterEventDto, EventListQuery } from "@capstan/domain";
import { Prisma } from "@capstan/db";
import type { Page } from "../page";

type Row = { type: string; reason: string; message: string; count: number; firstAt: Date; lastAt: Date; involvedKind: string; involvedName: string };

/** The rows `where` (SQL over "ClusterEvent", aliased e) selects, filtered by `q.type`, newest first, paged. */
export async function eventPage(db: Db, where: Prisma.Sql, q: EventListQuery): Promise<Page<ClusterEventDto>> {
  const filter = q.type ? Prisma.sql`AND e.type = ${q.type}` : Prisma.empty;
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT e.type, e.reason, e.message, e.count, e."firstAt", e."lastAt", e."involvedKind", e."involvedName" FROM "ClusterEvent" e
      WHERE ${where} ${filter} ORDER BY e."lastAt" DESC, e.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "ClusterEvent" e WHERE ${where} ${filter}`,
  ]);
  return {
    items: rows.map((e) => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      count: e.count,
      firstAt: e.firstAt.toISOString(),
      lastAt: e.lastAt.toISOString(),
      involved: { kind: e.involvedKind, name: e.involvedName },
    })),
    total: counted?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
