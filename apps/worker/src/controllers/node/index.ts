// The node controller: a Kubernetes Node's cordon, taints, labels and drain, and an INIT node's init
// checks (./reconcile.ts). Requested on each transition and label change, and for new nodes by the
// inventory; not re-requested by the resync.
import { kinds } from "@capstan/db/kinds";
import type { InitCheckConfig } from "@capstan/domain";
import { defineController } from "../controller";
import { reconcileNode } from "./reconcile";

/** The node controller, reading the init checks with `checks` when a node needs them. */
export const nodeController = (checks: () => Promise<InitCheckConfig>) =>
  defineController({
    kind: kinds.node,
    lease: (p) => p.clusterId,
    reconcile: (db, p) => reconcileNode(db, p, checks),
    status: { table: "Node", row: (p) => ({ id: p.nodeId }) },
  });
