// Quotas from department to system to groups: set within bounds, enforced in the transaction that
// changes a group (also under 100 concurrent requests), and raised through requests and approvals.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import {
  approveQuotaRequest,
  createGroup,
  createQuotaRequest,
  getDepartmentQuota,
  getSystemQuota,
  listQuotaRequests,
  registerCluster,
  registerDataCentre,
  rejectQuotaRequest,
  scaleGroup,
  setDepartmentQuota,
  setSystemQuota,
  updateGroup,
} from "../index";
import { buildWorld, kubeconfigFor, outcome, type World } from "../testing/fixtures";

let world: World;
const as = () => world.as;
const group = (name: string, replicas: number, dataCentre = "q1") => ({ name, dataCentre, imageTag: "1.0", replicas, cpu: "500m", memory: "256Mi" });
const error = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: { status: number; message: string; fields: Record<string, string>; fieldReasons: Record<string, unknown> }) => e,
  );

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  for (const dc of ["q1", "q2", "q3"]) {
    await registerDataCentre(as().platformAdmin, {
      name: dc,
      displayName: dc,
      region: "r",
      harborUrl: `http://harbor.${dc}.test`,
      harborUsername: "admin",
      harborPassword: "pw",
    });
    await registerCluster(as().platformAdmin, { name: `${dc}-a`, dataCentre: dc, kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  }
  await setDepartmentQuota(as().platformAdmin, "retail", "q1", { cpu: "10", memory: "20Gi", gpu: 0, instances: 40 });
});

describe("quotas", () => {
  it("a system gets a share of its department's quota, never more than is left", async () => {
    const q = await setSystemQuota(as().departmentAdmin, "shop", "q1", { cpu: "4", memory: "8Gi", gpu: 0, instances: 10 });
    expect(q).toMatchObject({ set: true, quota: { cpuMillis: 4000, memoryMiB: 8192, gpu: 0, instances: 10 }, used: { instances: 0 } });
    const tooMuch = await error(setSystemQuota(as().departmentAdmin, "shop", "q1", { cpu: "12", memory: "8Gi", gpu: 1, instances: 10 }));
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.fields).toEqual({
      cpu: "CPU: systems add up to 12 cores, the department has 10 cores",
      gpu: "GPU: systems add up to 1, the department has 0",
    });
    expect(tooMuch.fieldReasons.cpu).toEqual({ reason: "quota_overcommitted", params: { resource: "CPU", unit: "millicores", total: 12_000, limit: 10_000 } });
    // the department's quota cannot drop below what it handed out
    const lower = await error(setDepartmentQuota(as().platformAdmin, "retail", "q1", { cpu: "2", memory: "20Gi", gpu: 0, instances: 40 }));
    expect(lower).toMatchObject({ status: 409, fields: { cpu: "CPU: systems add up to 4 cores, the department has 2 cores" } });
    expect(await getDepartmentQuota(as().departmentAdmin, "retail", "q1")).toMatchObject({
      quota: { cpuMillis: 10_000 },
      allocated: { cpuMillis: 4000 },
      unallocated: { cpuMillis: 6000 },
      systems: [{ system: "shop" }],
    });
  });

  it("refuses a group that does not fit, naming the resource, what was asked and what is free", async () => {
    await createGroup(as().developer, "shop", "storefront", group("web", 4)); // 2 cores, 1Gi, 4 instances
    const big = await error(createGroup(as().developer, "shop", "storefront", group("big", 6))); // 3 cores more: 2 free
    expect(big.status).toBe(409);
    expect(big.fields).toEqual({ cpu: "CPU: asked 3 cores, 2 cores free" });
    expect(await world.db.group.count({ where: { name: "big" } })).toBe(0);
    const nowhere = await error(createGroup(as().developer, "shop", "storefront", group("far", 1, "q2")));
    expect(nowhere.message).toMatch(/has no quota in q2 yet/);
    // resizing is checked too; shrinking always passes
    const { version } = await getGroupVersion("web");
    expect((await error(updateGroup(as().developer, "shop", "storefront", "web", { cpu: "2", version }))).fields).toEqual({
      cpu: "CPU: asked 8 cores in all, 6 cores more, 2 cores free",
    });
    // a scale names what was asked in all, not only the pods it adds
    const scaled = await error(scaleGroup(as().developer, "shop", "storefront", "web", { replicas: 40 }));
    expect(scaled.fields).toEqual({
      cpu: "CPU: asked 20 cores in all, 18 cores more, 2 cores free",
      memory: "Memory: asked 10 GiB in all, 9 GiB more, 7 GiB free",
      replicas: "Instances: asked 40 in all, 36 more, 6 free",
    });
    expect(await scaleGroup(as().developer, "shop", "storefront", "web", { replicas: 1 })).toMatchObject({ replicas: 1 });
  });

  it("lets a quota go below use only by refusing it, and scaling down is always allowed", async () => {
    await scaleGroup(as().developer, "shop", "storefront", "web", { replicas: 8 }); // 4 cores: all of it
    const below = await error(setSystemQuota(as().departmentAdmin, "shop", "q1", { cpu: "2", memory: "8Gi", gpu: 0, instances: 10 }));
    expect(below).toMatchObject({ status: 409, fields: { cpu: "CPU: 4 cores in use, more than 2 cores" } });
    expect((await getSystemQuota(as().developer, "shop", "q1")).free).toMatchObject({ cpuMillis: 0, instances: 2 });
    expect(await scaleGroup(as().developer, "shop", "storefront", "web", { replicas: 2 })).toMatchObject({ replicas: 2 });
  });

  it("never overcommits under 100 concurrent scale-ups: every refusal is a 409, or a 503 that changed nothing", async () => {
    await setDepartmentQuota(as().platformAdmin, "retail", "q3", { cpu: "100", memory: "100Gi", gpu: 0, instances: 30 });
    await setSystemQuota(as().departmentAdmin, "shop", "q3", { cpu: "100", memory: "100Gi", gpu: 0, instances: 30 });
    const names = Array.from({ length: 5 }, (_, i) => `race-${i}`);
    for (const n of names) await createGroup(as().developer, "shop", "storefront", group(n, 1, "q3"));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => outcome(() => scaleGroup(as().developer, "shop", "storefront", names[i % 5]!, { replicas: 2 + ((i * 7) % 11) }))),
    );
    const total = (await world.db.group.findMany({ where: { name: { in: names } } })).reduce((n, g) => n + g.replicas, 0);
    expect(total).toBeLessThanOrEqual(30);
    // The scale-ups queue on the system's quota lock; on a loaded machine some wait longer than a change may
    // wait to start, and are told to try again (503, database_busy) without anything written.
    expect(results).toContain("ok");
    expect(results).toContain(409);
    expect(results.filter((r) => r !== "ok" && r !== 409 && r !== 503)).toEqual([]);
  });
});

describe("quota requests", () => {
  it("a developer asks, the department admin approves less, and the quota grows by that", async () => {
    const r = await createQuotaRequest(as().developer, {
      system: "shop",
      dataCentre: "q1",
      cpu: "4",
      memory: "0",
      gpu: 0,
      instances: 10,
      reason: "sale next week",
    });
    expect(r).toMatchObject({ status: "PENDING", escalated: false, requester: "dev@capstan.test", requesterName: "dev", can: { review: false } });
    expect(await outcome(() => approveQuotaRequest(as().developer, r.id, { version: r.version }))).toBe(403);
    expect((await listQuotaRequests(as().departmentAdmin, { toReview: "true" })).items.map((x) => x.id)).toContain(r.id);
    const ok = await approveQuotaRequest(as().departmentAdmin, r.id, { cpu: "2", comment: "half for now", version: r.version });
    expect(ok).toMatchObject({
      status: "APPROVED",
      approved: { cpuMillis: 2000, instances: 10 },
      reviewer: "lead@capstan.test",
      reviewComment: "half for now",
    });
    expect((await getSystemQuota(as().developer, "shop", "q1")).quota).toMatchObject({ cpuMillis: 6000, instances: 20 });
    expect(await outcome(() => approveQuotaRequest(as().departmentAdmin, r.id, { version: ok.version }))).toBe(409);
    expect((await listQuotaRequests(as().developer, { mine: "true" })).items[0]).toMatchObject({ id: r.id, status: "APPROVED" });
    const audit = await world.db.auditEvent.findMany({ where: { targetId: r.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["quota-request.create", "quota-request.approve"]);
  });

  it("beyond the department's quota, a department admin's approval goes to the platform admins, who raise it", async () => {
    const r = await createQuotaRequest(as().developer, { system: "shop", dataCentre: "q1", cpu: "8", memory: "0", gpu: 0, instances: 0, reason: "new region" });
    const escalated = await approveQuotaRequest(as().departmentAdmin, r.id, { version: r.version });
    expect(escalated).toMatchObject({ status: "PENDING", escalated: true });
    expect(await outcome(() => approveQuotaRequest(as().departmentAdmin, r.id, { version: escalated.version }))).toBe(403);
    expect((await listQuotaRequests(as().platformAdmin, { toReview: "true" })).items.map((x) => x.id)).toEqual([r.id]);
    await approveQuotaRequest(as().platformAdmin, r.id, { version: escalated.version });
    expect((await getDepartmentQuota(as().departmentAdmin, "retail", "q1")).quota.cpuMillis).toBe(14_000); // 6 + 8 for shop
    expect((await getSystemQuota(as().developer, "shop", "q1")).quota.cpuMillis).toBe(14_000);
  });

  it("are rejected with a reason, and hidden from other departments", async () => {
    const r = await createQuotaRequest(as().developer, { system: "shop", dataCentre: "q1", cpu: "1", memory: "1Gi", gpu: 0, instances: 1, reason: "x" });
    expect(await outcome(() => rejectQuotaRequest(as().departmentAdmin, r.id, { comment: "", version: r.version }))).toBe(422);
    expect(await rejectQuotaRequest(as().departmentAdmin, r.id, { comment: "use the spare in q2", version: r.version })).toMatchObject({
      status: "REJECTED",
      reviewComment: "use the spare in q2",
    });
    const finance = {
      db: world.db,
      actor: { ...as().developer.actor, userId: "00000000-0000-0000-0000-000000000000", departments: new Map(), systems: new Set<string>() },
    };
    expect(await outcome(() => approveQuotaRequest(finance, r.id, { version: 1 }))).toBe(404);
    expect((await listQuotaRequests(finance, {})).total).toBe(0);
    expect(
      await outcome(() =>
        createQuotaRequest(as().developer, { system: "shop", dataCentre: "q1", cpu: "0", memory: "0", gpu: 0, instances: 0, reason: "nothing" }),
      ),
    ).toBe(422);
  });
});

describe("a system's quota in a data centre", () => {
  it("asks for its Harbor project there and its namespace in every cluster there, before any group (issue 12)", async () => {
    await registerDataCentre(as().platformAdmin, {
      name: "q4",
      displayName: "q4",
      region: "r",
      harborUrl: "http://harbor.q4.test",
      harborUsername: "admin",
      harborPassword: "pw",
    });
    for (const c of ["q4-a", "q4-b"]) await registerCluster(as().platformAdmin, { name: c, dataCentre: "q4", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
    await setDepartmentQuota(as().platformAdmin, "retail", "q4", { cpu: "10", memory: "20Gi", gpu: 0, instances: 40 });
    await world.db.$queryRaw`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs`;
    await setSystemQuota(as().departmentAdmin, "shop", "q4", { cpu: "1", memory: "1Gi", gpu: 0, instances: 1 });
    const [shop, q4] = await Promise.all([
      world.db.system.findUniqueOrThrow({ where: { name: "shop" } }),
      world.db.dataCentre.findUniqueOrThrow({ where: { name: "q4" }, include: { clusters: { orderBy: { name: "asc" } } } }),
    ]);
    const jobs = await world.db.$queryRaw<{ task_identifier: string; key: string; payload: object }[]>`
      SELECT t.identifier AS task_identifier, j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier LIKE 'reconcile-%' ORDER BY t.identifier, j.key`; // the reconciles (not earlier requests' notification deliveries)
    const [a, b] = q4.clusters.map((c) => c.id).sort();
    expect(jobs).toEqual([
      { task_identifier: "reconcile-project", key: `project:${shop.id}:${q4.id}`, payload: { systemId: shop.id, dataCentreId: q4.id } },
      { task_identifier: "reconcile-system", key: `system:${shop.id}:${a}`, payload: { systemId: shop.id, clusterId: a } },
      { task_identifier: "reconcile-system", key: `system:${shop.id}:${b}`, payload: { systemId: shop.id, clusterId: b } },
    ]);
  });
});

async function getGroupVersion(name: string) {
  return world.db.group.findFirstOrThrow({ where: { name }, select: { version: true } });
}
