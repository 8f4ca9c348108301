// The orchestrator process: reconcile jobs from the durable queue (graphile-worker), a periodic resync,
// and inventory sync from every cluster back into PostgreSQL. Run several for availability.
import { createDb } from "@capstan/db";
import { run } from "graphile-worker";
import { manageInventory } from "./inventory-manager";
import { reconcileGroup } from "./reconcile-group";
import { reconcileSystem } from "./reconcile-system";
import { resync } from "./resync";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const db = createDb(url, 5);
const log = (msg: string) => console.log(`[worker] ${msg}`);

const runner = await run({
  connectionString: url,
  concurrency: Number(process.env.CAPSTAN_WORKER_CONCURRENCY ?? 4),
  pollInterval: 1_000,
  noHandleSignals: true,
  taskList: {
    "reconcile-group": (payload) => reconcileGroup(db, payload as { groupId: string }),
    "reconcile-system": (payload) => reconcileSystem(db, payload as { systemId: string; clusterId: string }),
    resync: () => resync(db),
  },
  crontab: "* * * * * resync ?fill=0",
});
await runner.addJob("resync", {}, { jobKey: "resync" });
const inventory = manageInventory(db, url, log);
log("running");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await inventory.stop();
  await runner.stop();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
