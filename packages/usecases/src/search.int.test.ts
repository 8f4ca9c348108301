// Every list that takes `q` matches '%', '_' and '\' literally (PostgreSQL, through Prisma and raw SQL).
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import {
  listApplications,
  listAuditEvents,
  listClusters,
  listDataCentres,
  listDepartmentMembers,
  listDepartments,
  listGroups,
  listNodes,
  listQuotaRequests,
  listSystemMembers,
  listSystems,
  listUsers,
} from "./index";
import { buildWorld, type World } from "./testing/fixtures";

// Each list gets one row per text, in the field its search reads; names are written to the database
// directly, since a real name could not hold these characters, but the search must not care.
const TEXTS = ["100% ready", "1000 items", "a_b", "ab", "back\\slash"];
const SEARCHES: [q: string, finds: string[]][] = [
  ["_", ["a_b"]],
  ["%", ["100% ready"]],
  ["100%", ["100% ready"]],
  ["\\", ["back\\slash"]],
  ["A_B", ["a_b"]],
];

let world: World;
beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  const { db } = world;
  const retail = await db.department.findUniqueOrThrow({ where: { name: "retail" } });
  const shop = await db.system.findUniqueOrThrow({ where: { name: "shop" } });
  const app = await db.application.findFirstOrThrow({ where: { name: "storefront" } });
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@capstan.test" } });
  const dc = await db.dataCentre.create({
    data: { name: "dc-search", displayName: "Search", region: "r", harborUrl: "http://h.test", harborUsername: "u", harborPasswordEnc: Buffer.from("x") },
  });
  for (const [i, text] of TEXTS.entries()) {
    await db.department.create({ data: { name: `d${i}`, displayName: text } });
    const system = await db.system.create({ data: { name: text, displayName: text, departmentId: retail.id } });
    await db.application.create({ data: { systemId: shop.id, name: `a${i}`, displayName: text } });
    await db.dataCentre.create({
      data: { name: `dc${i}`, displayName: text, region: "r", harborUrl: "http://h.test", harborUsername: "u", harborPasswordEnc: Buffer.from("x") },
    });
    const cluster = await db.cluster.create({ data: { name: text, dataCentreId: dc.id, apiEndpoint: "https://k.test", kubeconfigEnc: Buffer.from("x") } });
    await db.node.create({ data: { name: text, clusterId: cluster.id } });
    await db.group.create({
      data: { name: text, applicationId: app.id, dataCentreId: dc.id, clusterId: cluster.id, imageTag: "1", replicas: 1, cpuMillis: 100, memoryMiB: 64 },
    });
    const user = await db.user.create({ data: { email: `u${i}@capstan.test`, name: text } });
    await db.departmentMember.create({ data: { departmentId: retail.id, userId: user.id, role: "VIEWER" } });
    await db.systemMember.create({ data: { systemId: shop.id, userId: user.id } });
    await db.auditEvent.create({ data: { actorEmail: "x@capstan.test", action: "search.test", targetType: "t", targetId: `t${i}`, targetName: text } });
    await db.quotaRequest.create({
      data: { systemId: system.id, dataCentreId: dc.id, requesterId: admin.id, cpuMillis: 1, memoryMiB: 0, gpu: 0, instances: 0, reason: "r" },
    });
  }
});

type Lister = (q: string) => Promise<string[]>;
const values = <T>(page: Promise<{ items: T[] }>, field: (item: T) => string) => page.then((p) => p.items.map(field));
const LISTS: [string, Lister][] = [
  ["departments", (q) => values(listDepartments(world.as.platformAdmin, { q }), (d) => d.displayName)],
  ["systems", (q) => values(listSystems(world.as.platformAdmin, { q }), (s) => s.displayName)],
  ["applications", (q) => values(listApplications(world.as.platformAdmin, { q }), (a) => a.displayName)],
  ["data centres", (q) => values(listDataCentres(world.as.platformAdmin, { q }), (d) => d.displayName)],
  ["clusters", (q) => values(listClusters(world.as.platformAdmin, { q }), (c) => c.name)],
  ["nodes", (q) => values(listNodes(world.as.platformAdmin, { q, pageSize: "100" }), (n) => n.name)],
  ["groups", (q) => values(listGroups(world.as.platformAdmin, { q }), (g) => g.name)],
  ["users", (q) => values(listUsers(world.as.platformAdmin, { q }), (u) => u.name)],
  ["audit events", (q) => values(listAuditEvents(world.as.platformAdmin, { q }), (e) => e.targetName)],
  ["quota requests", (q) => values(listQuotaRequests(world.as.platformAdmin, { q }), (r) => r.system)],
  ["a department's members", (q) => listDepartmentMembers(world.as.platformAdmin, "retail", { q }).then((m) => m.map((u) => u.name))],
  ["a system's members", (q) => listSystemMembers(world.as.platformAdmin, "shop", { q }).then((m) => m.map((u) => u.name))],
];

describe.each(LISTS)("searching %s", (_, list) => {
  it.each(SEARCHES)("q=%j finds only what holds it", async (q, finds) => {
    expect([...new Set(await list(q))].sort()).toEqual(finds);
  });
});

it("the audit log's action filter is a literal prefix", async () => {
  await world.db.auditEvent.createMany({
    data: ["a_b.create", "axb.create"].map((action) => ({ actorEmail: "x@capstan.test", action, targetType: "t", targetId: action, targetName: "n" })),
  });
  expect((await listAuditEvents(world.as.platformAdmin, { action: "a_b" })).items.map((e) => e.action)).toEqual(["a_b.create"]);
});

it("member lists refuse a query parameter they do not know, as every list does", async () => {
  await expect(listSystemMembers(world.as.platformAdmin, "shop", { page: "2" })).rejects.toMatchObject({ status: 400 });
  await expect(listDepartmentMembers(world.as.platformAdmin, "retail", { sort: "email" })).rejects.toMatchObject({ status: 400 });
});
