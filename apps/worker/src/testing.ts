// A simulated data centre registered in a fresh Capstan database, with images pushed, for the
// orchestrator's integration tests.
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import { type SimOptions, startSim } from "@capstan/sim";
import { registerCluster, registerDataCentre } from "@capstan/usecases";
import { AppsV1Api, CoreV1Api, NetworkingV1Api } from "@kubernetes/client-node";
import { testDatabase } from "../../../tests/database";
import { buildWorld, grantQuota } from "../../../packages/usecases/src/testing/fixtures";
import { clientFor } from "./clients";

export async function simulatedWorld(opts: SimOptions = {}) {
  const sim = await startSim({ dataCentres: 1, clustersPerDc: 1, nodes: 6, admin: false, ...opts });
  const { db, url } = await testDatabase();
  const world = await buildWorld(db);
  const dc = sim.dataCentres[0]!;
  await registerDataCentre(world.as.platformAdmin, {
    name: "dc1",
    displayName: "DC 1",
    region: "r1",
    harborUrl: dc.registryInfo.url,
    harborUsername: dc.registryInfo.username,
    harborPassword: dc.registryInfo.password,
  });
  await registerCluster(world.as.platformAdmin, { name: "dc1-c1", dataCentre: "dc1", kubeconfig: dc.clusters[0]!.kubeconfig() });
  await grantQuota(world, "dc1");
  // A CI build would have pushed these before anyone deploys them.
  await new HarborClient(dc.registryInfo.url, dc.registryInfo.username, dc.registryInfo.password).ensureProject("shop");
  for (const tag of ["1.0", "1.1"]) await pushMinimalImage(dc.registryInfo.url, dc.registryInfo, "shop/storefront", tag);
  const config = clientFor(await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } })).config;
  const k8s = { core: config.makeApiClient(CoreV1Api), apps: config.makeApiClient(AppsV1Api), net: config.makeApiClient(NetworkingV1Api) };
  return { sim, db, url, world, k8s };
}

export { admitNodes, waitFor } from "./admit-nodes";
