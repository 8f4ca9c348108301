import { reconcile } from "@capstan/db/kinds";
import { canOperateFleet, checkNodeLabels, domainError, fieldError, isKubernetesLabel, NodeLabelsUpdate, parseInput, violationFault } from "@capstan/domain";
import type { Context } from "../context";
import { readLabelPolicy } from "../label-policy/read-label-policy";
import { bumpVersion, mutation } from "../mutation";
import { findNode } from "./find-node";
import { NODE_NAMES, toNodeDto } from "./node-dto";

/**
 * Sets the labels operators own on a node (every key outside kubernetes.io and k8s.io; keys left out
 * are removed), checked with Kubernetes' own labels against the label policy. The worker applies them.
 */
export async function setNodeLabels(ctx: Context, cluster: string, name: string, input: unknown) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_change_node_labels");
  const { labels, version } = parseInput(NodeLabelsUpdate, input);
  const reserved = Object.keys(labels).filter(isKubernetesLabel);
  if (reserved.length)
    throw domainError(
      "node_labels_kubernetes_owned",
      { labels: reserved.join(", ") },
      Object.fromEntries(reserved.map((k) => [`labels.${k}`, fieldError("managed_by_kubernetes")])),
    );
  return mutation(ctx, async (tx, audit) => {
    const node = await findNode(tx, cluster, name);
    const observed = node.labels as Record<string, string>;
    const next = { ...Object.fromEntries(Object.entries(observed).filter(([k]) => isKubernetesLabel(k))), ...labels };
    const violations = checkNodeLabels(await readLabelPolicy(tx), next);
    if (violations.length)
      throw domainError(
        "node_labels_break_policy",
        { violations: violations.map((v) => v.message).join(" ") },
        Object.fromEntries(violations.flatMap((v) => v.labels.map((l) => [`labels.${l}`, violationFault(v)]))),
      );
    await bumpVersion(
      // `labels` shows the change at once; the inventory overwrites it with what the Node reports.
      (v) =>
        tx.node.updateMany({
          where: { id: node.id, ...v },
          data: { desiredLabels: labels, labels: next, zone: next.zone ?? "default", version: { increment: 1 } },
        }),
      version,
      "Node",
      `${cluster}/${name}`,
    );
    await reconcile.node(tx, node);
    await audit({ action: "node.labels", targetType: "node", targetId: `${cluster}/${name}`, targetName: name, before: observed, after: next });
    return toNodeDto(await tx.node.findUniqueOrThrow({ where: { id: node.id }, include: NODE_NAMES }));
  });
}
