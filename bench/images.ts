// The image centre's build figures (issue 15), one function per figure, measured against the simulator
// in this process (its kubelet really runs git and buildah) with the worker in-process and a throw-away
// PostgreSQL: the build of the demo repository to a pushed image, and a push webhook to its build start.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@capstan/db";
import { startSim } from "@capstan/sim";
import { createBuild, getBuild, registerCluster, registerDataCentre, rotateWebhookSecret } from "@capstan/usecases";
import { receiveGitPush } from "@capstan/usecases/internal";
import { admitNodes, waitFor } from "../apps/worker/src/admit-nodes";
import { startWorker } from "../apps/worker/src/worker";
import { buildWorld, grantQuota, type World } from "../packages/usecases/src/testing/fixtures";
import { DEMO_BUILD_APP, ensureDemoRepository } from "../scripts/lib/demo-repository";

/** One simulated data centre with the worker running and the demo application pointed at the demo repository. */
export async function buildBench(db: Db, url: string) {
  const sim = await startSim({ dataCentres: 1, clustersPerDc: 1, nodes: 10, admin: false, timings: { startMs: 0, probeScale: 0 } });
  const world = await buildWorld(db);
  const dc = sim.dataCentres[0]!;
  const { url: harborUrl, username: harborUsername, password: harborPassword } = dc.registryInfo;
  await registerDataCentre(world.as.platformAdmin, { name: "dc1", displayName: "DC 1", region: "r1", harborUrl, harborUsername, harborPassword });
  await registerCluster(world.as.platformAdmin, { name: "dc1-c1", dataCentre: "dc1", kubeconfig: dc.clusters[0]!.kubeconfig() });
  await grantQuota(world, "dc1");
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-bench-home-"));
  await ensureDemoRepository(db, home);
  const worker = await startWorker(db, url, { concurrency: 4, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 10);
  return {
    world,
    registry: dc.registry,
    async stop() {
      await worker.stop();
      await sim.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Seconds from asking for a build of the demo repository to its image pushed (SUCCEEDED, digest recorded). Target ≤ 10 s. */
export async function demoBuildSeconds(world: World): Promise<{ seconds: number; digest: string }> {
  const { system, application } = DEMO_BUILD_APP;
  const t = performance.now();
  const queued = await createBuild(world.as.developer, system, application, { tag: `bench-${Date.now()}` });
  const b = await waitFor(
    "the demo build",
    () => getBuild(world.as.developer, system, application, queued.id),
    (x) => ["SUCCEEDED", "FAILED", "CANCELLED"].includes(x.status),
    60_000,
  );
  if (b.status !== "SUCCEEDED") throw new Error(`the demo build ended ${b.status}: ${b.reason} ${b.message}`);
  return { seconds: (performance.now() - t) / 1000, digest: b.digest! };
}

/** Seconds from a signed GitHub push delivery to its build RUNNING (its Job applied). Target ≤ 1 s. */
export async function webhookToStartSeconds(world: World): Promise<number> {
  const { system, application } = DEMO_BUILD_APP;
  const { secret } = await rotateWebhookSecret(world.as.developer, system, application);
  const commit = createHmac("sha1", "bench").update(String(Date.now())).digest("hex"); // any 40-hex commit: the build need not succeed
  const body = new TextEncoder().encode(JSON.stringify({ ref: "refs/heads/main", after: commit }));
  const headers = new Headers({
    "x-github-event": "push",
    "x-github-delivery": `bench-${Date.now()}`,
    "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  });
  const t = performance.now();
  const { build } = await receiveGitPush(world.db, system, application, headers, body);
  await waitFor(
    "the webhook's build to start",
    () => world.db.build.findUniqueOrThrow({ where: { id: build!.id } }),
    (b) => b.jobName !== null || b.status !== "QUEUED",
    30_000,
  );
  return (performance.now() - t) / 1000;
}
