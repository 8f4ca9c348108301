// Server-side sort and filters of the large lists (groups, systems, applications, people): each sort
// field in both directions, the group filters (phase, data centre, mine), and a sort outside the
// whitelist refused with a 400 naming `sort`.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { canWriteInSystem } from "@capstan/domain";
import { listApplications, listGroups, listSystems, listUsers, registerCluster, registerDataCentre } from "./index";
import { buildWorld, kubeconfigFor, ROLES, withDataCentre, type World } from "./testing/fixtures";

let world: World;
const names = (page: { items: { name: string }[] }) => page.items.map((i) => i.name);

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const admin = world.as.platformAdmin;
  await registerDataCentre(admin, {
    name: "dc2",
    displayName: "DC 2",
    region: "r2",
    harborUrl: "http://harbor.dc2.test",
    harborUsername: "admin",
    harborPassword: "pw",
  });
  await registerCluster(admin, { name: "dc2-a", dataCentre: "dc2", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  const db = world.db;
  const shop = await db.system.findUniqueOrThrow({ where: { name: "shop" } });
  await db.application.create({ data: { systemId: shop.id, name: "api", displayName: "API", runtime: "GO" } });
  const app = async (system: string, name: string) => db.application.findFirstOrThrow({ where: { name, system: { name: system } } });
  const at = async (dc: string) => ({
    dataCentreId: (await db.dataCentre.findUniqueOrThrow({ where: { name: dc } })).id,
    clusterId: (await db.cluster.findFirstOrThrow({ where: { dataCentre: { name: dc } } })).id,
  });
  const group = async (system: string, application: string, name: string, dc: string, replicas: number, phase: "AVAILABLE" | "FAILED" | "PENDING") =>
    db.group.create({
      data: { applicationId: (await app(system, application)).id, name, ...(await at(dc)), imageTag: "1", replicas, cpuMillis: 100, memoryMiB: 64, phase },
    });
  await group("shop", "storefront", "web", "dc1", 3, "AVAILABLE");
  await group("shop", "storefront", "cache", "dc2", 1, "FAILED");
  await group("shop", "api", "edge", "dc2", 5, "AVAILABLE");
  await group("ledger", "billing", "batch", "dc1", 2, "PENDING");
});

describe("list sort and filters", () => {
  it("sort groups by each field, '-' for descending, by application by default", async () => {
    const admin = world.as.platformAdmin;
    expect(names(await listGroups(admin, {}))).toEqual(["batch", "edge", "cache", "web"]);
    expect(names(await listGroups(admin, { sort: "name" }))).toEqual(["batch", "cache", "edge", "web"]);
    expect(names(await listGroups(admin, { sort: "-name" }))).toEqual(["web", "edge", "cache", "batch"]);
    expect(names(await listGroups(admin, { sort: "-replicas" }))).toEqual(["edge", "web", "batch", "cache"]);
    expect(names(await listGroups(admin, { sort: "dataCentre" }))).toEqual(["batch", "web", "cache", "edge"]);
    // Phases sort in their lifecycle order (PENDING … AVAILABLE … FAILED), as the enum declares them.
    expect(names(await listGroups(admin, { sort: "phase" }))).toEqual(["batch", "edge", "web", "cache"]);
    // Paging follows the sort.
    expect(names(await listGroups(admin, { sort: "-name", page: "2", pageSize: "3" }))).toEqual(["batch"]);
  });

  it("filter groups by phase, data centre and membership, together with search and sort", async () => {
    const admin = world.as.platformAdmin;
    expect(names(await listGroups(admin, { phase: "AVAILABLE", sort: "name" }))).toEqual(["edge", "web"]);
    expect(names(await listGroups(admin, { dataCentre: "dc2", sort: "name" }))).toEqual(["cache", "edge"]);
    expect(names(await listGroups(admin, { dataCentre: "dc2", phase: "AVAILABLE" }))).toEqual(["edge"]);
    expect((await listGroups(admin, { dataCentre: "dc1", phase: "FAILED" })).total).toBe(0);
    // The developer is a member of shop only; the platform admin of no system.
    expect(names(await listGroups(world.as.developer, { mine: "true", sort: "-name" }))).toEqual(["web", "edge", "cache"]);
    expect((await listGroups(admin, { mine: "true" })).total).toBe(0);
    // An application's own groups take the same filters.
    expect(names(await listGroups(admin, { system: "shop", application: "storefront", phase: "FAILED" }))).toEqual(["cache"]);
  });

  it("sort systems, applications and people", async () => {
    const admin = world.as.platformAdmin;
    expect(names(await listSystems(admin, { sort: "-name" }))).toEqual(["shop", "ledger"]);
    expect(names(await listSystems(admin, { sort: "department" }))).toEqual(["ledger", "shop"]);
    expect(names(await listApplications(admin, {}))).toEqual(["billing", "api", "storefront"]);
    expect(names(await listApplications(admin, { sort: "name" }))).toEqual(["api", "billing", "storefront"]);
    expect(names(await listApplications(admin, { sort: "-runtime" }))).toEqual(["api", "billing", "storefront"]);
    expect((await listUsers(admin, { sort: "-email" })).items.map((u) => u.email)).toEqual([
      "viewer@capstan.test",
      "ops@capstan.test",
      "lead@capstan.test",
      "fin@capstan.test",
      "dev@capstan.test",
      "admin@capstan.test",
    ]);
  });

  it("refuse a sort outside each list's whitelist, or a bad filter, with a 400 naming the parameter", async () => {
    const admin = world.as.platformAdmin;
    const refused = (work: Promise<unknown>, field: string) => expect(work).rejects.toMatchObject({ status: 400, fields: { [field]: expect.any(String) } });
    await refused(listGroups(admin, { sort: "imageTag" }), "sort");
    await refused(listGroups(admin, { sort: "--name" }), "sort");
    await refused(listGroups(admin, { phase: "BROKEN" }), "phase");
    await refused(listSystems(admin, { sort: "description" }), "sort");
    await refused(listApplications(admin, { sort: "-gitRepository" }), "sort");
    await refused(listUsers(admin, { sort: "passwordHash" }), "sort");
  });

  it("writable=true lists exactly the systems, and their applications, canWriteInSystem allows each role", async () => {
    // A second retail system the developer is not a member of: the department's admin may write there, the developer may not.
    const retail = await world.db.department.findUniqueOrThrow({ where: { name: "retail" } });
    const depot = await world.db.system.create({ data: { name: "depot", displayName: "Depot", departmentId: retail.id } });
    await world.db.application.create({ data: { systemId: depot.id, name: "stock", displayName: "Stock" } });
    try {
      const all = await world.db.system.findMany({ include: { applications: true }, orderBy: { name: "asc" } });
      const allowed: Record<string, string[]> = {};
      for (const role of ROLES) {
        const ctx = world.as[role];
        const mayWrite = all.filter((s) => canWriteInSystem(ctx.actor, s));
        allowed[role] = names(await listSystems(ctx, { writable: "true" }));
        expect(allowed[role]).toEqual(mayWrite.map((s) => s.name));
        const apps = mayWrite.flatMap((s) => s.applications.map((a) => `${s.name}/${a.name}`)).sort();
        expect((await listApplications(ctx, { writable: "true" })).items.map((a) => `${a.system}/${a.name}`).sort()).toEqual(apps);
      }
      // The rule's cases, so the comparison above is not vacuous.
      expect(allowed).toEqual({ platformAdmin: ["depot", "ledger", "shop"], ops: [], departmentAdmin: ["depot", "shop"], developer: ["shop"], viewer: [] });
      // Without the flag, the developer still reads every system of the department.
      expect(names(await listSystems(world.as.developer, {}))).toEqual(["depot", "shop"]);
    } finally {
      await world.db.application.deleteMany({ where: { systemId: depot.id } });
      await world.db.system.delete({ where: { id: depot.id } });
    }
  });
});
