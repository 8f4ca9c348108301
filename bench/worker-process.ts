// The orchestrator in a process of its own, as `npm start` runs it beside the portal: the bench process
// then plays the portal, and the reconcilers and inventory do not share its event loop.
import path from "node:path";
import { quickAddJob } from "graphile-worker";
import { startChild } from "../scripts/lib/processes";

export async function startWorkerProcess(url: string, concurrency: number) {
  const main = path.resolve(import.meta.dirname, "../apps/worker/src/main.ts");
  // No periodic resync: the bench queues the one it measures.
  const env = { ...process.env, DATABASE_URL: url, CAPSTAN_WORKER_CONCURRENCY: String(concurrency), CAPSTAN_RESYNC_MINUTES: "0" };
  const child = await startChild("worker", process.execPath, ["--import", "tsx", main], env, "[worker] running");
  return {
    resync: () => quickAddJob({ connectionString: url }, "resync", {}, { jobKey: "resync" }),
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}
