// The steps every change of an existing balancer shares: find it, authorise, refuse a balancer being
// deleted, apply the change, move its version and generation (checking the caller's `version` where the
// change takes one), request its reconcile (and DNS's when its names or replicas change), audit, and answer
// the balancer's detail, all in one transaction.
import type { Tx } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { canWriteInSystem, domainError, staleVersion } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { loadBalancerDetail } from "./load-balancer-detail";
import { findLoadBalancer, LB_NAMES } from "./load-balancer-rows";

type Found = Awaited<ReturnType<typeof findLoadBalancer>>;

/** What a change did: its audit's `before` and `after`, and whether DNS must follow. null: nothing changed. */
export interface ChangeOutcome {
  before: unknown;
  after: unknown;
  dns?: boolean;
}

/**
 * Runs `work` as the change `change.action` (the audit action, e.g. "load-balancer.update") of balancer
 * `name`. `change.version`: the caller's, checked (409 when stale); undefined for changes that take none (in, out).
 * @throws DomainError 404 (unknown or unreadable), 403 forbidden_change_load_balancer, 409
 * load_balancer_being_deleted or stale_version, and whatever `work` throws.
 */
export async function changeLoadBalancer(
  ctx: Context,
  path: { system: string; application: string; name: string },
  change: { action: string; version: number | undefined },
  work: (tx: Tx, found: Found) => Promise<ChangeOutcome | null>,
) {
  const { system, application, name } = path;
  const { action, version } = change;
  return mutation(ctx, async (tx, audit) => {
    const found = await findLoadBalancer(tx, ctx.actor, system, application, name);
    const { system: s, loadBalancer: lb } = found;
    if (!canWriteInSystem(ctx.actor, s)) throw domainError("forbidden_change_load_balancer", { system });
    if (lb.deletionRequestedAt) throw domainError("load_balancer_being_deleted", { loadBalancer: name });
    if (version !== undefined && version !== lb.version) throw staleVersion("Load balancer", name);
    const outcome = await work(tx, found);
    if (!outcome) return loadBalancerDetail(tx, ctx.actor, s, lb);
    // The version compared again in the write: a change committed since the read above makes this one stale.
    const { count } = await tx.loadBalancer.updateMany({
      where: { id: lb.id, version: lb.version, deletionRequestedAt: null },
      data: { version: { increment: 1 }, generation: { increment: 1 } },
    });
    if (count === 0) throw staleVersion("Load balancer", name);
    const after = await tx.loadBalancer.findUniqueOrThrow({ where: { id: lb.id }, include: LB_NAMES });
    await reconcile.loadBalancer(tx, after);
    if (outcome.dns) await reconcile.dns(tx, after);
    await audit({
      action,
      targetType: "load-balancer",
      targetId: `${system}/${application}/${name}`,
      targetName: name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: outcome.before,
      after: outcome.after,
    });
    return loadBalancerDetail(tx, ctx.actor, s, after);
  });
}
