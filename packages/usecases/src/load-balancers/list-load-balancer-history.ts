import { LoadBalancerHistoryQuery, parseInput } from "@capstan/domain";
import { actorNames } from "../audit/list-audit-events";
import type { Context } from "../context";
import { decodeCursor, isIsoInstant, type KeysetPage, keysetPage, keysetSkip } from "../keyset";
import { findLoadBalancer } from "./load-balancer-rows";

const INT8_MAX = 9_223_372_036_854_775_807n;
const eventId = (id: string) => /^\d{1,19}$/.test(id) && BigInt(id) <= INT8_MAX;

/**
 * A balancer's history: its audited changes (created, settings, members, taken out and put back), newest
 * first, in keyset pages like the audit log's (`cursor` from the previous page's `nextCursor`). Anyone who
 * may read the balancer may read its history. Events of an earlier balancer of the same name are left out.
 * @throws DomainError 404 for a balancer the actor cannot read; 400 for a bad cursor.
 */
export async function listLoadBalancerHistory(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(LoadBalancerHistoryQuery, query, "query");
  const { loadBalancer: lb } = await ctx.db.$transaction((tx) => findLoadBalancer(tx, ctx.actor, system, application, name));
  const where = { targetType: "load-balancer", targetId: `${system}/${application}/${name}`, at: { gte: lb.createdAt } };
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
  } satisfies KeysetPage<unknown>;
}
