// The embedded default's data centres: simulated ones (packages/sim), registered in Capstan through
// the same use cases a platform admin uses, with demo images in their registries and demo groups.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@capstan/db";
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import {
  bulkTransitionNodes,
  type Context,
  createGroup,
  registerCluster,
  registerDataCentre,
  setDepartmentQuota,
  setSystemQuota,
  updateCluster,
  updateDataCentre,
} from "@capstan/usecases";
import { loadActor } from "@capstan/usecases/internal";
import { DEMO_GROUPS, DEMO_IMAGE_TAGS, DEMO_QUOTAS } from "./demo-data";

interface Registry {
  url: string;
  username: string;
  password: string;
}

/** Registers each simulated data centre and cluster, or updates them: a restarted simulator has new credentials. */
export async function registerSimulatedFleet(db: Db, dir: string): Promise<void> {
  const admin = await adminContext(db);
  const files = fs.readdirSync(dir);
  for (const file of files.filter((f) => f.endsWith(".registry.json")).sort()) {
    const name = file.replace(".registry.json", "");
    const reg = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Registry;
    const existing = await db.dataCentre.findUnique({ where: { name } });
    const harbor = { harborUrl: reg.url, harborUsername: reg.username, harborPassword: reg.password };
    // Balancers' names live under <dc>.capstan.internal, served by the built-in DNS server (docs/load-balancers.md).
    const dnsZone = `${name}.capstan.internal`;
    if (existing) await updateDataCentre(admin, name, { ...harbor, ...(existing.dnsZone ? {} : { dnsZone }), version: existing.version });
    else await registerDataCentre(admin, { name, displayName: `Simulated ${name.toUpperCase()}`, region: `sim-${name}`, ...harbor, dnsZone });
    await seedImages(reg);
  }
  for (const file of files.filter((f) => f.endsWith(".kubeconfig")).sort()) {
    const name = file.replace(".kubeconfig", "");
    const kubeconfig = fs.readFileSync(path.join(dir, file), "utf8");
    const existing = await db.cluster.findUnique({ where: { name } });
    if (existing) await updateCluster(admin, name, { kubeconfig, version: existing.version });
    else await registerCluster(admin, { name, dataCentre: name.split("-")[0]!, kubeconfig });
  }
}

/** Demo quotas and groups, once: the worker then deploys the groups into the simulated clusters. */
export async function seedDemoGroups(db: Db): Promise<void> {
  if ((await db.group.count()) > 0) return;
  const admin = await adminContext(db);
  for (const q of DEMO_QUOTAS.departments) await setDepartmentQuota(admin, q.department, q.dataCentre, q.quota);
  for (const q of DEMO_QUOTAS.systems) await setSystemQuota(admin, q.system, q.dataCentre, q.quota);
  for (const g of DEMO_GROUPS) await createGroup(admin, g.system, g.application, g.spec);
}

/**
 * New nodes wait in WAIT for an operator; the demo admits the simulated ones as the platform admin once
 * all `expected` have passed their init checks (the worker must be running), so demo groups can run.
 */
export async function admitSimulatedNodes(db: Db, expected: number, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [all, preparing, waiting] = await Promise.all([
      db.node.count(),
      db.node.count({ where: { status: "INIT" } }),
      db.node.count({ where: { status: "WAIT" } }),
    ]);
    if (all >= expected && preparing === 0) {
      if (waiting > 0)
        await bulkTransitionNodes(await adminContext(db), {
          to: "ONLINE",
          reason: "Simulated data centre: admitted by npm start.",
          filter: { status: "WAIT" },
        });
      return;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  console.warn("[start] simulated nodes did not all pass their init checks; admit them on the Nodes page");
}

/** A simulated registry starts empty: push the demo applications' images, as their CI builds would. */
async function seedImages(reg: Registry): Promise<void> {
  const harbor = new HarborClient(reg.url, reg.username, reg.password);
  for (const repository of new Set(DEMO_GROUPS.map((g) => `${g.system}/${g.application}`))) {
    await harbor.ensureProject(repository.split("/")[0]!);
    for (const tag of DEMO_IMAGE_TAGS) await pushMinimalImage(reg.url, reg, repository, tag);
  }
}

async function adminContext(db: Db): Promise<Context> {
  const admin = await db.user.findFirstOrThrow({ where: { platformRole: "PLATFORM_ADMIN", disabled: false }, orderBy: { createdAt: "asc" } });
  return { db, actor: await loadActor(db, admin.id) };
}
