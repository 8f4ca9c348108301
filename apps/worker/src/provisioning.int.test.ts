// A system is provisioned from what it is entitled to, not from its first group (issue 12, finding 1):
// once it has a quota in a data centre, its Harbor project and pull robot exist in that data centre's
// Harbor (so CI can push its first image) and its namespace, with quota, limits, policy and pull Secret,
// exists in every cluster there, including clusters registered later and a data centre with no cluster.
// Against the simulator (Harbor + API servers) and a real PostgreSQL, with the worker in-process.
import { CoreV1Api, NetworkingV1Api } from "@kubernetes/client-node";
import { pushMinimalImage } from "@capstan/orchestrator";
import { type Sim, startSim } from "@capstan/sim";
import {
  createApplication,
  createGroup,
  createSystem,
  getGroup,
  getSystem,
  listImageTags,
  registerCluster,
  registerDataCentre,
  setDepartmentQuota,
  setSystemQuota,
  updateSystem,
} from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { buildWorld, type World } from "../../../packages/usecases/src/testing/fixtures";
import { clientFor } from "./clients";
import { deleteSystemEverywhere } from "./controllers/system/finalize";
import { reconcileProject } from "./controllers/project/reconcile";
import { reconcileSystem } from "./controllers/system/reconcile";
import { admitNodes, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
const quota = { cpu: "4", memory: "8Gi", gpu: 0, instances: 10 };

beforeAll(async () => {
  sim = await startSim({ dataCentres: 2, clustersPerDc: 3, nodes: 2, admin: false, timings: { startMs: 0, probeScale: 0 } });
  const { db, url } = await testDatabase();
  world = await buildWorld(db);
  for (const dc of sim.dataCentres) {
    const { url: harborUrl, username: harborUsername, password: harborPassword } = dc.registryInfo;
    await registerDataCentre(world.as.platformAdmin, { name: dc.name, displayName: dc.name, region: "r1", harborUrl, harborUsername, harborPassword });
    await setDepartmentQuota(world.as.platformAdmin, "retail", dc.name, { cpu: "64", memory: "128Gi", gpu: 0, instances: 100 });
  }
  // dc1 has two clusters to begin with (its third is registered by a test below); dc2 has none.
  for (const c of sim.dataCentres[0]!.clusters.slice(0, 2))
    await registerCluster(world.as.platformAdmin, { name: c.name, dataCentre: "dc1", kubeconfig: c.kubeconfig() });
  // No periodic resync: the tests queue it when they mean it, so nothing converges by accident.
  worker = await startWorker(db, url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 4);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

const registry = (dc = 0) => sim.dataCentres[dc]!.registry;
const core = async (cluster: string) => clientFor(await world.db.cluster.findUniqueOrThrow({ where: { name: cluster } })).api(CoreV1Api);
const net = async (cluster: string) => clientFor(await world.db.cluster.findUniqueOrThrow({ where: { name: cluster } })).api(NetworkingV1Api);
const pullUser = async (cluster: string, ns: string) => {
  const s = await (await core(cluster)).readNamespacedSecret({ name: "capstan-registry", namespace: ns });
  return Object.values(
    JSON.parse(Buffer.from(s.data![".dockerconfigjson"]!, "base64").toString()).auths as Record<string, { username: string; password: string }>,
  )[0]!;
};
/** The namespace with what a group needs before its first pod, or null while the namespace or pull Secret is missing (the quota, limits and policy are applied in turn: wait for them too). */
const namespaceInPlace = async (cluster: string, ns: string) => {
  const [c, n] = [await core(cluster), await net(cluster)];
  try {
    const [quotas, limits, policies, pull] = await Promise.all([
      c.listNamespacedResourceQuota({ namespace: ns }),
      c.listNamespacedLimitRange({ namespace: ns }),
      n.listNamespacedNetworkPolicy({ namespace: ns }),
      pullUser(cluster, ns),
    ]);
    return { hard: quotas.items[0]?.spec?.hard, limits: limits.items.length, policies: policies.items.length, pull: pull.username };
  } catch {
    return null;
  }
};

/** What a department admin does for a new system, as in the issue: the system, an application, a quota in a data centre. */
async function newSystem(name: string, dataCentre: string) {
  await createSystem(world.as.departmentAdmin, { name, displayName: name, department: "retail" });
  await createApplication(world.as.departmentAdmin, name, { name: "web", displayName: "Web" });
  await setSystemQuota(world.as.departmentAdmin, name, dataCentre, quota);
}

describe("a system with a quota in a data centre", () => {
  it(
    "gets its Harbor project, so its first image can be pushed, and its namespace in every cluster; then its first group deploys",
    { timeout: 120_000 },
    async () => {
      await newSystem("s1", "dc1");
      const dc1 = sim.dataCentres[0]!.registryInfo;
      // The images list says where to push while there is nothing to list.
      const listed = await listImageTags(world.as.departmentAdmin, "s1", "web", "dc1");
      expect(listed).toEqual({ dataCentre: "dc1", registry: registry().host, repository: "s1/web", pushTo: `${registry().host}/s1/web`, items: [] });
      // (a) CI can push: the project is there without any group.
      await waitFor(
        "the project s1 in dc1's Harbor",
        async () => registry().projects.has("s1"),
        (has) => has,
      );
      await pushMinimalImage(dc1.url, dc1, "s1/web", "1.0");
      expect(registry().projects.get("s1")!.public).toBe(false);
      expect([...registry().robots.values()].map((r) => r.name)).toContain("robot$s1+capstan-pull");
      // (b) the namespace, its ResourceQuota (the system's quota), limits, isolation and pull Secret, in both clusters.
      for (const cluster of ["dc1-c1", "dc1-c2"]) {
        const ns = await waitFor(
          `the namespace s1 in ${cluster}`,
          () => namespaceInPlace(cluster, "s1"),
          (n) => n !== null && n.limits > 0 && n.policies > 0,
        );
        expect(ns).toEqual({
          hard: expect.objectContaining({ "requests.cpu": "4", "requests.memory": "8Gi", pods: "10" }),
          limits: 1,
          policies: 1,
          pull: "robot$s1+capstan-pull",
        });
      }
      // (c) the pushed tag deploys, and its pods pull it with the system's robot.
      expect((await listImageTags(world.as.departmentAdmin, "s1", "web", "dc1")).items.map((i) => i.tag)).toEqual(["1.0"]);
      await createGroup(world.as.departmentAdmin, "s1", "web", { name: "main", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "128Mi" });
      const g = await waitFor(
        "the group to be available",
        () => getGroup(world.as.departmentAdmin, "s1", "web", "main"),
        (g) => g.phase === "AVAILABLE" && g.readyReplicas === 1,
        60_000,
      );
      expect(g.pods.every((p) => p.phase === "Running")).toBe(true);
    },
  );

  it("gets its namespace in a cluster registered later in that data centre, on the next resync", { timeout: 60_000 }, async () => {
    const c3 = sim.dataCentres[0]!.clusters[2]!;
    await registerCluster(world.as.platformAdmin, { name: c3.name, dataCentre: "dc1", kubeconfig: c3.kubeconfig() });
    await worker.addJob("resync", {}, { jobKey: "resync" });
    const ns = await waitFor(
      "the namespace s1 in dc1-c3",
      () => namespaceInPlace("dc1-c3", "s1"),
      (n) => n !== null && n.limits > 0 && n.policies > 0,
    );
    expect(ns).toMatchObject({ hard: expect.objectContaining({ "requests.cpu": "4" }), pull: "robot$s1+capstan-pull" });
  });

  it("gets a change of its isolation in every cluster where it has a namespace, without waiting for a resync", { timeout: 60_000 }, async () => {
    const { version } = await getSystem(world.as.departmentAdmin, "s1");
    await updateSystem(world.as.departmentAdmin, "s1", { isolation: "OPEN", version });
    for (const cluster of ["dc1-c1", "dc1-c2", "dc1-c3"])
      await waitFor(
        `the open policy in ${cluster}`,
        async () => (await (await net(cluster)).readNamespacedNetworkPolicy({ name: "capstan-isolation", namespace: "s1" })).spec?.ingress,
        (i) => JSON.stringify(i) === "[{}]",
      );
  });

  it("gets its project in a data centre with no cluster yet", { timeout: 60_000 }, async () => {
    await setSystemQuota(world.as.departmentAdmin, "s1", "dc2", quota);
    await waitFor(
      "the project s1 in dc2's Harbor",
      async () => registry(1).projects.has("s1"),
      (has) => has,
    );
    const dc2 = sim.dataCentres[1]!.registryInfo;
    await pushMinimalImage(dc2.url, dc2, "s1/web", "1.0");
  });

  it("gets its pull robot back when Harbor lost it, and the new secret in every cluster's pull Secret, on the next resync", { timeout: 60_000 }, async () => {
    const lost = [...registry().robots.values()].find((r) => r.name === "robot$s1+capstan-pull")!;
    registry().robots.delete(lost.id);
    await worker.addJob("resync", {}, { jobKey: "resync" });
    const robot = await waitFor(
      "a new robot",
      async () => [...registry().robots.values()].find((r) => r.name === "robot$s1+capstan-pull"),
      (r) => r !== undefined && r.id !== lost.id,
    );
    for (const cluster of ["dc1-c1", "dc1-c2", "dc1-c3"])
      await waitFor(
        `the new secret in ${cluster}`,
        () => pullUser(cluster, "s1"),
        (u) => u.password === robot!.secret,
      );
    // A new pod pulls its image with the new secret (the simulated kubelet checks it against Harbor).
    const before = await getGroup(world.as.departmentAdmin, "s1", "web", "main");
    await (await core(before.cluster)).deleteNamespacedPod({ name: before.pods[0]!.name, namespace: "s1" });
    const after = await waitFor(
      "a new pod",
      () => getGroup(world.as.departmentAdmin, "s1", "web", "main"),
      (g) => g.readyReplicas === 1 && g.pods.length === 1 && g.pods[0]!.name !== before.pods[0]!.name && g.pods[0]!.phase === "Running",
      30_000,
    );
    expect(after.pods[0]!.reason ?? null).toBeNull();
  });

  it(
    "checks its stored pull robot before its pull Secret reaches a cluster once the data centre's Harbor changed (no 401 after a restart)",
    { timeout: 60_000 },
    async () => {
      // What `npm start` after a restart does: the simulated Harbor starts empty (the robot is gone) and the data
      // centre is updated with its new credentials (a new version); the groups' first reconciles then put the
      // system in place. The project reconcile that would renew the robot is not run here: the cluster's own
      // reconcile must not apply a robot Harbor does not know (every new pod's pull would fail with 401).
      const lost = [...registry().robots.values()].find((r) => r.name === "robot$s1+capstan-pull")!;
      registry().robots.delete(lost.id);
      const dc = await world.db.dataCentre.update({ where: { name: "dc1" }, data: { version: { increment: 1 } } });
      const [system, cluster] = await Promise.all([
        world.db.system.findUniqueOrThrow({ where: { name: "s1" } }),
        world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } }),
      ]);
      expect(cluster.dataCentreId).toBe(dc.id);
      await reconcileSystem(world.db, { systemId: system.id, clusterId: cluster.id });
      const user = await pullUser("dc1-c1", "s1");
      expect(user.password).not.toBe(lost.secret);
      expect(registry().checkImage(`${registry().host}/s1/web:1.0`, { [registry().host]: user })).not.toBe("unauthorized");
    },
  );
});

// What a system's name reaches may already exist there: a project made before the system, or a name a
// later layer keeps for itself (kube-system, default, library). Capstan's desired state holds for the
// first, and it never takes over, nor deletes, the second.
describe("names that already exist in a later layer", () => {
  it("a public project made before its system is made private once the system has a quota", { timeout: 60_000 }, async () => {
    registry().createProject("early", true, -1);
    await newSystem("early", "dc1");
    await waitFor(
      "the project early to be private",
      async () => registry().projects.get("early")!.public,
      (isPublic) => isPublic === false,
    );
  });

  it(
    "a system with a reserved name (made before such names were refused) never touches kube-system or library, nor deletes them",
    { timeout: 60_000 },
    async () => {
      const retail = await world.db.department.findUniqueOrThrow({ where: { name: "retail" } });
      const dc1 = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
      const c1 = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
      for (const name of ["kube-system", "library"]) {
        const system = await world.db.system.create({ data: { name, displayName: name, departmentId: retail.id } });
        await world.db.systemQuota.create({ data: { systemId: system.id, dataCentreId: dc1.id, cpuMillis: 1000, memoryMiB: 1024, gpu: 0, instances: 1 } });
        await expect(reconcileSystem(world.db, { systemId: system.id, clusterId: c1.id })).rejects.toThrow(`system name ${name} is reserved`);
        await reconcileProject(world.db, { systemId: system.id, dataCentreId: dc1.id });
        await world.db.system.update({ where: { id: system.id }, data: { deletionRequestedAt: new Date() } });
        await deleteSystemEverywhere(world.db, { systemId: system.id });
        expect(await world.db.system.count({ where: { id: system.id } })).toBe(0);
      }
      const c = await core("dc1-c1");
      expect((await c.readNamespace({ name: "kube-system" })).status?.phase).toBe("Active");
      expect((await c.listNamespacedResourceQuota({ namespace: "kube-system" })).items).toEqual([]);
      expect(registry().projects.get("library")?.public).toBe(true);
      expect([...registry().robots.values()].map((r) => r.name)).not.toContain("robot$library+capstan-pull");
    },
  );
});
