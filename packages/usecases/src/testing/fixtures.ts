// A small world for integration tests: departments "retail" and "finance", one system and application
// in each, and one user per role. "Own" means retail for department roles.
import type { Db } from "@capstan/db";
import { type Context, loadActor } from "../context";
import { registerCluster } from "../clusters/register-cluster";
import { registerDataCentre } from "../data-centres/register-data-centre";
import { setDepartmentQuota } from "../quotas/set-department-quota";
import { setSystemQuota } from "../quotas/set-system-quota";

export const ROLES = ["platformAdmin", "ops", "departmentAdmin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface World {
  db: Db;
  as: Record<Role, Context>;
}

export async function buildWorld(db: Db): Promise<World> {
  const retail = await db.department.create({ data: { name: "retail", displayName: "Retail" } });
  const finance = await db.department.create({ data: { name: "finance", displayName: "Finance" } });
  const shop = await db.system.create({ data: { name: "shop", displayName: "Shop", departmentId: retail.id } });
  const ledger = await db.system.create({ data: { name: "ledger", displayName: "Ledger", departmentId: finance.id } });
  await db.application.create({ data: { systemId: shop.id, name: "storefront", displayName: "Storefront" } });
  await db.application.create({ data: { systemId: ledger.id, name: "billing", displayName: "Billing" } });
  const user = (email: string, platformRole: "PLATFORM_ADMIN" | "OPS" | null = null) =>
    db.user.create({ data: { email, name: email.split("@")[0]!, platformRole } });
  const ids: Record<Role, string> = {
    platformAdmin: (await user("admin@capstan.test", "PLATFORM_ADMIN")).id,
    ops: (await user("ops@capstan.test", "OPS")).id,
    departmentAdmin: (await user("lead@capstan.test")).id,
    developer: (await user("dev@capstan.test")).id,
    viewer: (await user("viewer@capstan.test")).id,
  };
  await db.departmentMember.createMany({
    data: [
      { departmentId: retail.id, userId: ids.departmentAdmin, role: "DEPARTMENT_ADMIN" },
      { departmentId: retail.id, userId: ids.developer, role: "DEVELOPER" },
      { departmentId: retail.id, userId: ids.viewer, role: "VIEWER" },
    ],
  });
  const financeDev = await user("fin@capstan.test");
  await db.departmentMember.create({ data: { departmentId: finance.id, userId: financeDev.id, role: "DEVELOPER" } });
  // The developer and the viewer both belong to the shop system; only the developer may write there.
  await db.systemMember.createMany({
    data: [
      { systemId: shop.id, userId: ids.developer },
      { systemId: shop.id, userId: ids.viewer },
    ],
  });
  const as = {} as Record<Role, Context>;
  for (const role of ROLES) as[role] = { db, actor: await loadActor(db, ids[role]) };
  return { db, as };
}

/** Room for tests to deploy: a quota for both departments and their systems (shop, ledger) in a data centre. */
export async function grantQuota(world: World, dataCentre: string, quota = { cpu: "64", memory: "128Gi", gpu: 8, instances: 500 }) {
  for (const [department, system] of [
    ["retail", "shop"],
    ["finance", "ledger"],
  ] as const) {
    await setDepartmentQuota(world.as.platformAdmin, department, dataCentre, quota);
    await setSystemQuota(world.as.platformAdmin, system, dataCentre, quota);
  }
}

/**
 * Data centre dc1 with one cluster (`cluster`, default "dc1-a"), and `grantQuota` there: room to create
 * groups. Neither its Harbor nor the cluster's API server answers (nothing listens at them), so only
 * PostgreSQL is exercised unless a test points them elsewhere.
 */
export async function withDataCentre(world: World, { cluster = "dc1-a", quota }: { cluster?: string; quota?: Parameters<typeof grantQuota>[2] } = {}) {
  const admin = world.as.platformAdmin;
  await registerDataCentre(admin, {
    name: "dc1",
    displayName: "DC 1",
    region: "r1",
    harborUrl: "http://harbor.dc1.test",
    harborUsername: "admin",
    harborPassword: "pw",
  });
  await registerCluster(admin, { name: cluster, dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await grantQuota(world, "dc1", quota);
}

/** Runs an operation and reports "ok" or the HTTP status of the error it threw. */
export async function outcome(work: () => Promise<unknown>): Promise<"ok" | number> {
  try {
    await work();
    return "ok";
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (typeof status === "number") return status;
    throw e;
  }
}

/** A kubeconfig for the API server at `server` (a bearer token user). */
export const kubeconfigFor = (server: string) => `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${server}" } }]
users: [{ name: u, user: { token: secret-token-123 } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`;
