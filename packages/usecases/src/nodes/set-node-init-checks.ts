import { reconcile } from "@capstan/db/kinds";
import { canSetNodePolicy, domainError, NodeInitChecksSet, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { loadNodeInitChecks, type NodeInitChecksDto } from "./node-init-checks";

/**
 * Sets the INIT → WAIT checks (version 0 replaces the environment's defaults) and asks the worker to
 * check every node still in INIT again, so nodes the new checks let through move on without waiting.
 */
export async function setNodeInitChecks(ctx: Context, input: unknown): Promise<NodeInitChecksDto> {
  if (!canSetNodePolicy(ctx.actor)) throw domainError("forbidden_change_node_init_checks");
  const { version, ...checks } = parseInput(NodeInitChecksSet, input);
  return mutation(ctx, async (tx, audit) => {
    const before = await loadNodeInitChecks(tx);
    await bumpVersion(
      async (v) =>
        v.version === 0
          ? // A concurrent first save wins the insert; this one is then stale.
            tx.nodeInitChecks.createMany({ data: [{ id: 1, ...checks }], skipDuplicates: true })
          : tx.nodeInitChecks.updateMany({ where: { id: 1, ...v }, data: { ...checks, version: { increment: 1 } } }),
      version,
      "Node init checks",
      "node init checks",
    );
    await reconcile.initNodes(tx);
    const after = { ...checks, version: version + 1 };
    await audit({
      action: "node-init-checks.set",
      targetType: "node-init-checks",
      targetId: "node-init-checks",
      targetName: "node init checks",
      before,
      after,
    });
    return after;
  });
}
