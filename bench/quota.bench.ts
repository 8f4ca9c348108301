// What the quota check costs on the create path: 50 concurrent group creates through the use case
// (authorised, validated, placement, quota checked under its lock, revision, reconcile requests, audit)
// against 50 concurrent bare inserts of the same Group rows, with the quota checked and without.
// Two cases: all 50 in one system (they queue on its quota lock) and spread over 50 systems. The data
// centre's Harbor, which the use case asks whether the image tag exists, is a simulated one in its own process.
import type { Db } from "@capstan/db";
import { lockInTransaction } from "@capstan/db/advisory-lock";
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import { createApplication, createGroup, createSystem, registerCluster, registerDataCentre, setDepartmentQuota, setSystemQuota } from "@capstan/usecases";
import { buildWorld, kubeconfigFor } from "../packages/usecases/src/testing/fixtures";
import { benchDatabase } from "./database";
import { startSimProcess } from "./sim-process";

const CONCURRENT = 50,
  ROUNDS = 6;
process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";

const { db, stop } = await benchDatabase();
const sim = await startSimProcess({ dataCentres: 1, nodes: 1, timings: {} });
const registry = sim.dataCentres[0]!.registry;
try {
  const world = await buildWorld(db);
  const admin = world.as.platformAdmin;
  await registerDataCentre(admin, {
    name: "dc1",
    displayName: "DC 1",
    region: "r",
    harborUrl: registry.url,
    harborUsername: registry.username,
    harborPassword: registry.password,
  });
  await registerCluster(admin, { name: "dc1-a", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await setDepartmentQuota(admin, "retail", "dc1", { cpu: "100000", memory: "1000Ti", gpu: 0, instances: 1_000_000 });
  const systems = Array.from({ length: CONCURRENT }, (_, i) => `q-${i}`);
  for (const s of systems) {
    await createSystem(admin, { name: s, displayName: s, department: "retail" });
    await createApplication(admin, s, { name: "app", displayName: "App" });
    await setSystemQuota(admin, s, "dc1", { cpu: "1000", memory: "10Ti", gpu: 0, instances: 10_000 });
    await new HarborClient(registry.url, registry.username, registry.password).ensureProject(s);
    await pushMinimalImage(registry.url, registry, `${s}/app`, "1.0");
  }
  const ids = await refs(db);
  let n = 0;
  const spec = () => ({ name: `g-${++n}`, dataCentre: "dc1", imageTag: "1.0", replicas: 2, cpu: "100m", memory: "128Mi" });

  const throughUseCase = (system: (i: number) => string) => (i: number) => createGroup(admin, system(i), "app", spec());
  // The same row as the use case writes, and nothing else; optionally with the quota check's lock and sum.
  const bare = (system: (i: number) => string, quota: boolean) => (i: number) =>
    db.$transaction(async (tx) => {
      const { applicationId, systemId } = ids.get(system(i))!;
      if (quota) {
        await lockInTransaction(tx, "system-quota", systemId, ids.dc);
        await tx.$queryRaw`SELECT sum(g.replicas * g."cpuMillis") FROM "Group" g JOIN "Application" a ON a.id = g."applicationId" WHERE a."systemId" = ${systemId}::uuid AND g."dataCentreId" = ${ids.dc}::uuid`;
      }
      await tx.group.create({
        data: { applicationId, dataCentreId: ids.dc, clusterId: ids.cluster, name: spec().name, imageTag: "1.0", replicas: 2, cpuMillis: 100, memoryMiB: 128 },
      });
    });

  const one = () => systems[0]!,
    spread = (i: number) => systems[i % systems.length]!;
  for (const [label, system] of [
    ["one system", one],
    ["50 systems", spread],
  ] as const) {
    const full = await measure(throughUseCase(system));
    const checked = await measure(bare(system, true));
    const plain = await measure(bare(system, false));
    console.log(
      `${label}: ${CONCURRENT} concurrent creates, per batch p50 — use case ${full.toFixed(0)} ms, bare insert with the quota lock and sum ${checked.toFixed(0)} ms, bare insert ${plain.toFixed(0)} ms; quota check ×${(checked / plain).toFixed(2)} on the bare insert, whole use case ×${(full / plain).toFixed(2)}`,
    );
  }
  await db.$disconnect();
} finally {
  await sim.stop();
  await stop();
}

/** p50 over ROUNDS of how long a batch of CONCURRENT calls takes (after one warm-up batch). */
async function measure(call: (i: number) => Promise<unknown>): Promise<number> {
  const batches: number[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const t = performance.now();
    await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => call(i)));
    if (r > 0) batches.push(performance.now() - t);
  }
  return batches.sort((a, b) => a - b)[Math.floor(batches.length / 2)]!;
}

async function refs(db: Db) {
  const dc = await db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
  const cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-a" } });
  const apps = await db.application.findMany({ where: { name: "app" }, include: { system: true } });
  return Object.assign(new Map(apps.map((a) => [a.system.name, { applicationId: a.id, systemId: a.systemId }])), { dc: dc.id, cluster: cluster.id });
}
