// The node controller: a Kubernetes Node's cordon, taints, labels and drain, and an INIT node's init
// checks (./reconcile.ts). Requested on each transition and label change, and for new nodes by the
// inventory; not re-requested by the resync. Its watches read Nodes back, and the pods that count against
// their capacity.
import { kinds } from "@capstan/db/kinds";
import type { InitCheckConfig } from "@capstan/domain";
import { loadNodeInitChecks, toInitCheckConfig } from "@capstan/usecases/internal";
import { nodes } from "../../inventory/nodes";
import { pods } from "../../inventory/pods";
import type { InventoryWatch } from "../../inventory/watch";
import { defineController } from "../controller";
import { reconcileNode } from "./reconcile";

/**
 * The node controller, reading the init checks with `checks` when a node needs them; by default, at each
 * check, those platform admins stored (else the environment's), so a change of them is never read stale.
 */
export const nodeController = (checks?: () => Promise<InitCheckConfig>) =>
  defineController({
    kind: kinds.node,
    lease: (p) => p.clusterId,
    reconcile: (db, p) => reconcileNode(db, p, checks ?? (async () => toInitCheckConfig(await loadNodeInitChecks(db)))),
    status: { table: "Node", row: (p) => ({ id: p.nodeId }) },
    watches: [nodes, pods] as InventoryWatch<never>[],
  });
