import { Prisma } from "@capstan/db";
import { canOperateFleet, domainError, isUuid, NodeListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { decodeCursor, type KeysetPage, keysetPage } from "../keyset";
import { NODE_FROM, nodeWhere } from "./node-filter";
import { NODE_NAMES, type NodeDto, toNodeDto } from "./node-dto";

// Sort expressions with the type their cursor value is cast back to; the id breaks ties, so
// (key, id) is a total order and keyset pagination neither skips nor repeats nodes.
const SORTS = {
  name: [Prisma.sql`n.name`, Prisma.sql`text`],
  status: [Prisma.sql`n.status`, Prisma.sql`"NodeStatus"`],
  statusChangedAt: [Prisma.sql`n."statusChangedAt"`, Prisma.sql`timestamp(3)`],
  freeCpu: [Prisma.sql`(n."allocCpuMillis" - n."requestedCpuMillis")`, Prisma.sql`int`],
  freeMemory: [Prisma.sql`(n."allocMemoryMiB" - n."requestedMemoryMiB")`, Prisma.sql`int`],
  podCount: [Prisma.sql`n."podCount"`, Prisma.sql`int`],
} as const;

/** A page of nodes; pass `nextCursor` as `cursor` for the next page. */
export type NodePage = KeysetPage<NodeDto>;

/** Nodes from PostgreSQL (never the clusters): filters, a sort, search by name and keyset pages. */
export async function listNodes(ctx: Context, query: unknown): Promise<NodePage> {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const q = parseInput(NodeListQuery, query, "query");
  const [expr, type] = SORTS[q.sort];
  const desc = q.order === "desc";
  const where = nodeWhere(q);
  // The key's type is checked by its cast in SQL: a wrong one is a database value error, hence a 400.
  const after = q.cursor ? decodeCursor(q.cursor, (c) => isUuid(c.id)) : undefined;
  const keyset = after
    ? desc
      ? Prisma.sql`AND (${expr}, n.id) < (${after.key}::${type}, ${after.id}::uuid)`
      : Prisma.sql`AND (${expr}, n.id) > (${after.key}::${type}, ${after.id}::uuid)`
    : Prisma.empty;
  const direction = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const [rows, [count]] = await Promise.all([
    ctx.db.$queryRaw<{ id: string; key: string }[]>`
      SELECT n.id, (${expr})::text AS key FROM ${NODE_FROM} WHERE ${where} ${keyset}
      ORDER BY ${expr} ${direction}, n.id ${direction} LIMIT ${q.pageSize + 1}`,
    ctx.db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM ${NODE_FROM} WHERE ${where}`,
  ]);
  const { items: page, nextCursor } = keysetPage(rows, q.pageSize, (r) => r);
  const nodes = new Map((await ctx.db.node.findMany({ where: { id: { in: page.map((r) => r.id) } }, include: NODE_NAMES })).map((n) => [n.id, n]));
  return {
    items: page.flatMap((r) => (nodes.has(r.id) ? [toNodeDto(nodes.get(r.id)!)] : [])),
    total: count?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    nextCursor,
  };
}
