// The orchestrator's moving parts, started together by main.ts (and by tests, in-process).
import type { Db } from "@capstan/db";
import { Logger, run } from "graphile-worker";
import { manageInventory } from "./inventory-manager";
import { reconcileGroup } from "./reconcile-group";
import { reconcileSystem } from "./reconcile-system";
import { resync } from "./resync";

export interface WorkerOptions {
  concurrency?: number;
  log?: (msg: string) => void;
  /** How often the inventory manager looks for new or changed clusters. */
  inventoryEveryMs?: number;
}

export async function startWorker(db: Db, url: string, opts: WorkerOptions = {}) {
  const log = opts.log ?? ((msg: string) => console.log(`[worker] ${msg}`));
  const runner = await run({
    connectionString: url,
    concurrency: opts.concurrency ?? 4,
    pollInterval: 1_000,
    noHandleSignals: true,
    logger: new Logger((scope) => (level, message) => {
      if (level === "error" || level === "warning") log(`${scope.taskIdentifier ?? "queue"}: ${message}`);
    }),
    taskList: {
      "reconcile-group": (payload) => reconcileGroup(db, payload as { groupId: string }),
      "reconcile-system": (payload) => reconcileSystem(db, payload as { systemId: string; clusterId: string }),
      resync: () => resync(db),
    },
    crontab: "* * * * * resync",
  });
  const inventory = manageInventory(db, url, log, opts.inventoryEveryMs);
  return {
    addJob: runner.addJob,
    async stop() {
      await inventory.stop();
      await runner.stop();
    },
  };
}
