// The dashboards per role: each shows what needs that person, within their own scope only.
import { changeCauseText, OpsDashboardSchema } from "@capstan/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { getDepartmentAdminDashboard, getDeveloperDashboard, getOpsDashboard, getPlatformDashboard } from "../index";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
const now = new Date();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  // shop and ledger each get 64 CPUs, 128 GiB, 8 GPUs and 500 instances in dc1.
  await withDataCentre(world);
  const db = world.db;
  const cluster = await db.cluster.findFirstOrThrow();
  const app = async (system: string) => db.application.findFirstOrThrow({ where: { system: { name: system } } });
  const [storefront, billing] = [await app("shop"), await app("ledger")];
  const group = (applicationId: string, name: string, data: object) =>
    db.group.create({
      data: {
        applicationId,
        name,
        dataCentreId: cluster.dataCentreId,
        clusterId: cluster.id,
        imageTag: "v1",
        replicas: 2,
        cpuMillis: 500,
        memoryMiB: 256,
        ...data,
      },
    });
  const web = await group(storefront.id, "web", { phase: "AVAILABLE" });
  await group(storefront.id, "api", { phase: "DEGRADED" });
  await group(storefront.id, "rolling", { phase: "PROGRESSING", revision: 2 });
  await group(storefront.id, "stuck-apply", { phase: "AVAILABLE", failedAttempts: 3, lastErrorReason: "Forbidden", lastErrorAt: hoursAgo(1) });
  // shop's four groups above use 4 of its 64 CPUs in dc1; this takes it to 58 (91 %), near its limit.
  await group(storefront.id, "batch", { phase: "AVAILABLE", replicas: 60, cpuMillis: 900 });
  await group(billing.id, "ledger-bad", { phase: "FAILED" }); // finance: not the retail developer's
  await db.groupRevision.createMany({
    data: [
      { groupId: web.id, revision: 1, spec: {}, changeCause: "first", createdAt: hoursAgo(3) },
      { groupId: (await db.group.findFirstOrThrow({ where: { name: "rolling" } })).id, revision: 1, spec: {}, changeCause: "old", createdAt: hoursAgo(2) },
      {
        groupId: (await db.group.findFirstOrThrow({ where: { name: "rolling" } })).id,
        revision: 2,
        spec: {},
        changeCause: changeCauseText({ kind: "rolledOut", image: "2.0.0" }),
        createdAt: hoursAgo(1),
      },
    ],
  });
  const requester = world.as.developer.actor.userId;
  const shop = await db.system.findUniqueOrThrow({ where: { name: "shop" } });
  const ledger = await db.system.findUniqueOrThrow({ where: { name: "ledger" } });
  const request = (systemId: string, escalated: boolean, createdAt: Date) =>
    db.quotaRequest.create({
      data: {
        systemId,
        dataCentreId: cluster.dataCentreId,
        requesterId: requester,
        cpuMillis: 1,
        memoryMiB: 1,
        gpu: 0,
        instances: 1,
        reason: "more",
        escalated,
        createdAt,
      },
    });
  const oldest = await request(shop.id, false, hoursAgo(5));
  await request(shop.id, false, hoursAgo(1));
  await request(ledger.id, false, hoursAgo(6)); // finance's: not the retail lead's to review
  await request(shop.id, true, hoursAgo(2)); // escalated: the platform admins'
  await db.quotaRequest.update({ where: { id: oldest.id }, data: { reason: "oldest" } });
  await db.node.createMany({
    data: [
      { clusterId: cluster.id, name: "n-ok", status: "ONLINE", ready: true, statusChangedAt: hoursAgo(100) },
      { clusterId: cluster.id, name: "n-notready", status: "ONLINE", ready: false, statusChangedAt: hoursAgo(100) },
      { clusterId: cluster.id, name: "n-stuck", status: "INIT", ready: true, statusChangedAt: hoursAgo(1) }, // past INIT's 30 minutes
      { clusterId: cluster.id, name: "n-failing", status: "ONLINE", ready: true, failedAttempts: 2, lastErrorReason: "Timeout", lastErrorAt: hoursAgo(1) },
    ],
  });
  const drained = await db.node.findFirstOrThrow({ where: { name: "n-ok" } });
  await db.nodeTransition.createMany({
    data: [
      { nodeId: drained.id, from: "ONLINE", to: "OFFLINE", reason: "kernel update", result: "SUCCEEDED", createdAt: hoursAgo(4) },
      { nodeId: drained.id, from: "OFFLINE", to: "ONLINE", reason: "back", result: "SUCCEEDED", createdAt: hoursAgo(3) },
    ],
  });
  await db.cluster.update({
    where: { id: cluster.id },
    data: {
      status: "UNREACHABLE",
      lastError: "connect ECONNREFUSED 127.0.0.1:9",
      lastErrorReason: "probe_failed",
      lastErrorParams: { detail: "connect ECONNREFUSED 127.0.0.1:9" },
    },
  });
  await db.systemProjectStatus.create({
    data: {
      systemId: shop.id,
      dataCentreId: cluster.dataCentreId,
      failedAttempts: 1,
      lastError: "harbor: 503",
      lastErrorReason: "ServiceUnavailable",
      lastErrorAt: hoursAgo(1),
    },
  });
});

describe("the developer dashboard", () => {
  it("shows the unhealthy groups, latest revisions and quota headroom of the developer's own systems", async () => {
    const d = await getDeveloperDashboard(world.as.developer);
    expect(d.unhealthyGroups.total).toBe(2);
    expect(d.unhealthyGroups.items.map((g) => g.group).sort()).toEqual(["api", "stuck-apply"]);
    expect(d.recentRollouts.map((r) => [r.group, r.revision, r.state])).toEqual([
      ["rolling", 2, "PROGRESSING"],
      ["rolling", 1, "SUPERSEDED"],
      ["web", 1, "AVAILABLE"],
    ]);
    // The cause travels parsed, so the dashboard words it in the reader's language; text Capstan did not write stays as stored.
    expect(d.recentRollouts.map((r) => r.cause)).toEqual([{ kind: "rolledOut", image: "2.0.0" }, null, null]);
    expect(d.quotas).toEqual([
      expect.objectContaining({
        system: "shop",
        dataCentre: "dc1",
        used: { cpuMillis: 58_000, memoryMiB: 68 * 256, gpu: 0, instances: 68 },
        free: { cpuMillis: 6_000, memoryMiB: 128 * 1024 - 68 * 256, gpu: 8, instances: 432 },
        nearLimit: ["cpuMillis"],
      }),
    ]);
  });

  it("is empty for someone in no system", async () => {
    const d = await getDeveloperDashboard(world.as.departmentAdmin);
    expect(d).toEqual({ unhealthyGroups: { total: 0, items: [] }, recentRollouts: [], quotas: [] });
  });
});

describe("the department admin dashboard", () => {
  it("shows the requests waiting for the admin, oldest first, and systems near their limits, in their departments only", async () => {
    const d = await getDepartmentAdminDashboard(world.as.departmentAdmin);
    expect(d.requestsToReview.total).toBe(2);
    expect(d.requestsToReview.oldest.map((r) => [r.system, r.requester])).toEqual([
      ["shop", "dev"],
      ["shop", "dev"],
    ]);
    expect(Date.parse(d.requestsToReview.oldest[0]!.at)).toBeLessThan(Date.parse(d.requestsToReview.oldest[1]!.at));
    expect(d.nearLimit).toMatchObject({ total: 1, items: [{ system: "shop", dataCentre: "dc1", nearLimit: ["cpuMillis"] }] });
  });

  it("is empty for those who administer no department", async () => {
    for (const role of ["developer", "ops", "viewer"] as const) {
      expect(await getDepartmentAdminDashboard(world.as[role])).toEqual({ requestsToReview: { total: 0, oldest: [] }, nearLimit: { total: 0, items: [] } });
    }
  });
});

describe("the ops dashboard", () => {
  it("counts nodes NotReady or stuck, lists the latest drains and the unreachable clusters", async () => {
    const d = await getOpsDashboard(world.as.ops, now);
    expect(d.nodes).toMatchObject({ notReady: 1, stuck: 1, total: 2 });
    expect(d.nodes.items.map((n) => [n.name, n.stuckForMs !== null]).sort()).toEqual([
      ["n-notready", false],
      ["n-stuck", true],
    ]);
    expect(d.recentDrains).toEqual([expect.objectContaining({ cluster: "dc1-a", node: "n-ok", reason: "kernel update", result: "SUCCEEDED" })]);
    // The failure travels with its reason, so the dashboard words it in the reader's language.
    expect(d.unhealthyClusters).toEqual([
      expect.objectContaining({
        name: "dc1-a",
        status: "UNREACHABLE",
        lastError: "connect ECONNREFUSED 127.0.0.1:9",
        lastErrorReason: "probe_failed",
        lastErrorParams: { detail: "connect ECONNREFUSED 127.0.0.1:9" },
      }),
    ]);
    // What GET /api/v1/nodes/dashboard answers (the section's live refresh) is what its declaration says.
    expect(OpsDashboardSchema.parse(d)).toEqual(d);
  });
});

describe("the platform dashboard", () => {
  it("shows clusters, registries, failing reconciles and escalations", async () => {
    const d = await getPlatformDashboard(world.as.platformAdmin);
    expect(d.clusters).toEqual([expect.objectContaining({ name: "dc1-a", dataCentre: "dc1", status: "UNREACHABLE", lastErrorReason: "probe_failed" })]);
    expect(d.registries).toEqual([
      { dataCentre: "dc1", harborUrl: "http://harbor.dc1.test", failingProjects: 1, lastError: "harbor: 503", lastErrorReason: "ServiceUnavailable" },
    ]);
    expect(d.failingReconciles).toMatchObject({ total: 3, groups: 1, nodes: 1, namespaces: 0, projects: 1 });
    expect(d.failingReconciles.latestGroups).toEqual([expect.objectContaining({ system: "shop", group: "stuck-apply", reason: "Forbidden", attempts: 3 })]);
    expect(d.failingReconciles.latestNodes).toEqual([expect.objectContaining({ cluster: "dc1-a", node: "n-failing", reason: "Timeout" })]);
    expect(d.escalations.total).toBe(1);
  });
});
