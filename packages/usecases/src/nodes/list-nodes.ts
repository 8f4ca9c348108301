import { Prisma } from "@capstan/db";
import { badRequest, canOperateFleet, forbidden, isUuid, NodeListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
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

interface Cursor {
  key: string;
  id: string;
}
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decode(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString()) as Cursor;
    if (typeof c.key === "string" && isUuid(c.id)) return c;
  } catch {
    // reported below
  }
  throw badRequest("Invalid query: cursor is not one this list returned", { cursor: "is not one this list returned" });
}

export interface NodePage {
  items: NodeDto[];
  total: number;
  page: number;
  pageSize: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Nodes from PostgreSQL (never the clusters): filters, a sort, search by name and keyset pages. */
export async function listNodes(ctx: Context, query: unknown): Promise<NodePage> {
  if (!canOperateFleet(ctx.actor)) throw forbidden("Only platform admins and ops see the node fleet.");
  const q = parseInput(NodeListQuery, query, "query");
  const [expr, type] = SORTS[q.sort];
  const desc = q.order === "desc";
  const where = nodeWhere(q);
  const after = q.cursor ? decode(q.cursor) : undefined;
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
  const page = rows.slice(0, q.pageSize);
  const nodes = new Map((await ctx.db.node.findMany({ where: { id: { in: page.map((r) => r.id) } }, include: NODE_NAMES })).map((n) => [n.id, n]));
  const last = page.at(-1);
  return {
    items: page.flatMap((r) => (nodes.has(r.id) ? [toNodeDto(nodes.get(r.id)!)] : [])),
    total: count?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    nextCursor: rows.length > q.pageSize && last ? encode({ key: last.key, id: last.id }) : null,
  };
}
