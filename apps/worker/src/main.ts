// The orchestrator process: reconcile jobs from the durable queue (graphile-worker), a periodic resync,
// and inventory sync from every cluster back into PostgreSQL. Run several for availability.
import { createDb } from "@capstan/db";
import { startWorker } from "./worker";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const concurrency = Number(process.env.CAPSTAN_WORKER_CONCURRENCY ?? 4);
// A connection per concurrent job, and a few for the inventory's writes.
const db = createDb(url, concurrency + 4);
const worker = await startWorker(db, url, { concurrency });
await worker.addJob("resync", {}, { jobKey: "resync" });
console.log("[worker] running");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
