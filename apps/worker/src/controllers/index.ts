// Every controller the worker runs, in the order the resync re-requests them: a system's project before
// its namespaces, namespaces before groups, deletions and pruning last. Adding a kind = one folder beside these.
// Their watches are what the inventory reads back from every cluster (INVENTORY_WATCHES).
import type { InitCheckConfig } from "@capstan/domain";
import type { InventoryWatch } from "../inventory/watch";
import { type DefinedController, watchesOf } from "./controller";
import { buildController } from "./build";
import { dnsController } from "./dns";
import { followController } from "./follow";
import { groupController } from "./group";
import { loadBalancerController } from "./load-balancer";
import { nodeController } from "./node";
import { projectController } from "./project";
import { namespacePruner, systemController, systemFinalizer } from "./system";

/**
 * The worker's controllers; `checks` reads the INIT → WAIT checks (see WorkerOptions.initChecks), by default
 * those platform admins stored, else the environment's.
 */
export const controllers = (checks?: () => Promise<InitCheckConfig>): DefinedController[] => [
  projectController,
  systemController,
  groupController,
  loadBalancerController,
  nodeController(checks),
  buildController,
  followController,
  dnsController,
  systemFinalizer,
  namespacePruner,
];

/** What the inventory reads back from every cluster: the watches of every controller, each once. */
export const INVENTORY_WATCHES: InventoryWatch<never>[] = watchesOf(controllers());
