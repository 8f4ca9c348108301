// Every controller the worker runs, in the order the resync re-requests them: a system's project before
// its namespaces, namespaces before groups, deletions and pruning last. Adding a kind = one folder beside these.
import type { InitCheckConfig } from "@capstan/domain";
import type { DefinedController } from "./controller";
import { groupController } from "./group";
import { nodeController } from "./node";
import { projectController } from "./project";
import { namespacePruner, systemController, systemFinalizer } from "./system";

/** The worker's controllers; `checks` reads the INIT → WAIT checks (see WorkerOptions.initChecks). */
export const controllers = (checks: () => Promise<InitCheckConfig>): DefinedController[] => [
  projectController,
  systemController,
  groupController,
  nodeController(checks),
  systemFinalizer,
  namespacePruner,
];
