// Global search finds only what the caller may read, ranks exact and prefix matches first, and refuses
// bad input with a 400 naming the field.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { globalSearch } from "./global-search";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  const { db } = world;
  await withDataCentre(world);
  const retail = await db.department.findUniqueOrThrow({ where: { name: "retail" } });
  const finance = await db.department.findUniqueOrThrow({ where: { name: "finance" } });
  const cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-a" } });
  const storefront = await db.application.findFirstOrThrow({ where: { name: "storefront" } });
  const billing = await db.application.findFirstOrThrow({ where: { name: "billing" } });
  await db.system.create({ data: { name: "orbit-retail", displayName: "Orbit (retail)", departmentId: retail.id } });
  await db.system.create({ data: { name: "orbit-finance", displayName: "Orbit (finance)", departmentId: finance.id } });
  await db.system.create({ data: { name: "orbit-gone", displayName: "Orbit gone", departmentId: retail.id, deletionRequestedAt: new Date() } });
  const group = { dataCentreId: cluster.dataCentreId, clusterId: cluster.id, imageTag: "1", replicas: 1, cpuMillis: 100, memoryMiB: 64 };
  await db.group.create({ data: { ...group, name: "orbit-web", applicationId: storefront.id } });
  await db.group.create({ data: { ...group, name: "orbit-ledger", applicationId: billing.id } });
  for (const name of ["rack7-orbit-03", "orbit", "orbit-01", "rack9-x"]) await db.node.create({ data: { name, clusterId: cluster.id } });
  const outsider = await db.user.create({ data: { email: "orbit.finance@capstan.test", name: "Finance Orbit" } });
  await db.departmentMember.create({ data: { departmentId: finance.id, userId: outsider.id, role: "VIEWER" } });
  const insider = await db.user.create({ data: { email: "orbit.retail@capstan.test", name: "Retail Orbit" } });
  await db.departmentMember.create({ data: { departmentId: retail.id, userId: insider.id, role: "VIEWER" } });
});

const found = async (role: keyof World["as"], q: string, kind?: string) =>
  (await globalSearch(world.as[role], { q, limit: "20" })).items.filter((h) => !kind || h.kind === kind).map((h) => h.name);

describe("global search", () => {
  it("finds a node by part of its name, exact match first, then prefix, then the shortest", async () => {
    expect(await found("ops", "ORBIT", "node")).toEqual(["orbit", "orbit-01", "rack7-orbit-03"]);
    const [hit] = (await globalSearch(world.as.ops, { q: "rack7" })).items;
    expect(hit).toEqual({
      kind: "node",
      name: "rack7-orbit-03",
      displayName: "rack7-orbit-03",
      department: null,
      system: null,
      application: null,
      cluster: "dc1-a",
    });
  });

  it("does not show a developer another department's systems, groups or people, nor any node", async () => {
    expect(await found("developer", "orbit", "system")).toEqual(["orbit-retail"]);
    expect(await found("developer", "orbit", "group")).toEqual(["orbit-web"]);
    expect(await found("developer", "orbit", "node")).toEqual([]);
    expect(await found("developer", "orbit", "person")).toEqual(["orbit.retail@capstan.test"]);
    expect(await found("developer", "billing")).toEqual([]);
    const person = (await globalSearch(world.as.developer, { q: "orbit.retail" })).items[0];
    expect(person).toMatchObject({ kind: "person", displayName: "Retail Orbit", department: "retail" });
  });

  it("shows platform roles every department, but never a system being deleted", async () => {
    expect(await found("ops", "orbit", "system")).toEqual(["orbit-retail", "orbit-finance"]);
    expect(await found("platformAdmin", "orbit", "group")).toEqual(["orbit-web", "orbit-ledger"]);
    expect(await found("platformAdmin", "orbit", "person")).toEqual(["orbit.retail@capstan.test", "orbit.finance@capstan.test"]);
    expect(await found("platformAdmin", "gone")).toEqual([]);
  });

  it("finds applications with their system, by display name too", async () => {
    const hits = (await globalSearch(world.as.viewer, { q: "Storefr" })).items;
    expect(hits).toEqual([
      { kind: "application", name: "storefront", displayName: "Storefront", department: null, system: "shop", application: null, cluster: null },
    ]);
  });

  it("matches one or two characters as the start of a name (served by the trigram index), longer text anywhere", async () => {
    expect(await found("ops", "o", "node")).toEqual(["orbit", "orbit-01"]);
    expect(await found("ops", "R", "node")).toEqual(["rack9-x", "rack7-orbit-03"]);
    expect(await found("ops", "-0", "node")).toEqual([]);
    expect(await found("ops", "-01", "node")).toEqual(["orbit-01"]);
    expect(await found("ops", "re", "person")).toEqual(["orbit.retail@capstan.test"]); // by the name "Retail Orbit"
  });

  it("takes the text literally and caps each kind at the limit", async () => {
    expect(await found("platformAdmin", "%")).toEqual([]);
    expect(await found("platformAdmin", "_")).toEqual([]);
    expect((await globalSearch(world.as.ops, { q: "orbit", limit: "1" })).items.map((h) => h.kind)).toEqual(["system", "group", "node", "person"]);
  });

  it("refuses an empty or over-long text, or a bad limit, with a 400 naming the field (a query, as every list)", async () => {
    await expect(globalSearch(world.as.ops, { q: "  " })).rejects.toMatchObject({ status: 400, fields: { q: expect.anything() } });
    await expect(globalSearch(world.as.ops, { q: "x".repeat(101) })).rejects.toMatchObject({ status: 400, fields: { q: expect.anything() } });
    await expect(globalSearch(world.as.ops, { q: "x", limit: "0" })).rejects.toMatchObject({ status: 400, fields: { limit: expect.anything() } });
  });
});
