// Every use case × every role, in the actor's own department (retail) and in another (finance):
// the expected allow ("ok") or deny (403 forbidden, 404 when the other department is invisible).
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import {
  addSystemMember,
  type Context,
  createApiToken,
  createApplication,
  createDepartment,
  createGroup,
  listGroupRevisions,
  restartGroup,
  rollbackGroup,
  rolloutGroup,
  createSystem,
  deleteApplication,
  deleteDepartment,
  deleteSystem,
  getApplication,
  getDepartment,
  getSystem,
  checkCluster,
  deleteCluster,
  listClusters,
  listDataCentres,
  registerCluster,
  registerDataCentre,
  addDepartmentMember,
  createUser,
  listDepartmentMembers,
  listUsers,
  removeDepartmentMember,
  setDepartmentMemberRole,
  updateUser,
  listApiTokens,
  revokeApiToken,
  changeOwnPassword,
  hashPassword,
  loadActor,
  listApplications,
  listAuditEvents,
  listSystemMembers,
  removeSystemMember,
  updateApplication,
  updateDepartment,
  updateSystem,
  getSystemQuotas,
  getDepartmentQuotas,
  scaleGroup,
  updateGroup,
  deleteGroup,
  getGroup,
  previewPlacement,
  setDepartmentQuota,
  setSystemQuota,
  createQuotaRequest,
  listQuotaRequests,
  approveQuotaRequest,
  rejectQuotaRequest,
  listNodes,
  getFleetOverview,
  getNode,
  transitionNode,
  bulkTransitionNodes,
  setNodeLabels,
  getLabelPolicy,
  setLabelPolicy,
  getNodeInitChecks,
  setNodeInitChecks,
} from "./index";
import { buildWorld, grantQuota, kubeconfigFor, outcome, type Role, ROLES, type World } from "./testing/fixtures";

type Expect = Record<Role, "ok" | number>;
const only = (allowed: Role[], denied: number | Partial<Record<Role, number>> = 403): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? "ok" : typeof denied === "number" ? denied : (denied[r] ?? 403)])) as Expect;
const everyone = only([...ROLES]);
/** Department roles cannot see finance at all, so they get 404; ops can see it but not change it. */
const invisible = { departmentAdmin: 404, developer: 404, viewer: 404 };

let world: World;
let n = 0;
const unique = (p: string) => `${p}-${++n}`;
const admin = () => world.as.platformAdmin;

/** A throw-away system (with its version) made by the platform admin. */
async function tmpSystem(department: string) {
  return createSystem(admin(), { name: unique("tmp"), displayName: "Tmp", department });
}
const SMALL = { cpu: "1", memory: "1Gi", gpu: 0, instances: 2 };
/** A new data centre where the department has room to hand out. */
async function dcWithQuota(department = "retail") {
  const dc = (await tmpDataCentre()).name;
  await setDepartmentQuota(admin(), department, dc, { cpu: "8", memory: "8Gi", gpu: 0, instances: 20 });
  return dc;
}
const askForQuota = (dataCentre: string) => createQuotaRequest(world.as.developer, { system: "shop", dataCentre, ...SMALL, reason: "launch" });
async function tmpDataCentre() {
  return registerDataCentre(admin(), { name: unique("dc"), displayName: "DC", region: "r", harborUrl: "http://h.test", harborUsername: "a", harborPassword: "p" });
}
async function tmpApp(system: string) {
  return createApplication(admin(), system, { name: unique("app"), displayName: "Tmp" });
}
/** A throw-away group at revision 2 (image 2.0.0), so there is a revision to roll back to. */
async function tmpGroup(system: string, application: string) {
  const g = await createGroup(admin(), system, application, { name: unique("grp"), dataCentre: "groups-dc", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" });
  return rolloutGroup(admin(), system, application, g.name, { image: "2.0.0" });
}

/** The finance developer, whom no role under test is. */
async function finDeveloper(): Promise<Context> {
  return { db: world.db, actor: await loadActor(world.db, (await world.db.user.findUniqueOrThrow({ where: { email: "fin@capstan.test" } })).id) };
}

/** A node row in a cluster nobody can reach: these use cases only touch PostgreSQL and the queue. */
async function tmpNode() {
  const cluster = await registerCluster(admin(), { name: unique("cl"), dataCentre: (await tmpDataCentre()).name, kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  const { id } = await world.db.cluster.findUniqueOrThrow({ where: { name: cluster.name } });
  const node = await world.db.node.create({ data: { clusterId: id, name: unique("node"), labels: { zone: "default" } } });
  return { cluster: cluster.name, name: node.name, version: node.version };
}

const cases: [string, (ctx: Context) => Promise<unknown>, Expect][] = [
  ["create department", (c) => createDepartment(c, { name: unique("dept"), displayName: "D" }), only(["platformAdmin"])],
  ["read own department", (c) => getDepartment(c, "retail"), everyone],
  ["read other department", (c) => getDepartment(c, "finance"), only(["platformAdmin", "ops"], invisible)],
  ["edit own department", async (c) => updateDepartment(c, "retail", { displayName: "Retail", version: (await getDepartment(admin(), "retail")).version }), only(["platformAdmin"])],
  ["delete a department", async (c) => deleteDepartment(c, (await createDepartment(admin(), { name: unique("gone"), displayName: "G" })).name), only(["platformAdmin"], { departmentAdmin: 404, developer: 404, viewer: 404 })],
  ["read own system", (c) => getSystem(c, "shop"), everyone],
  ["read other system", (c) => getSystem(c, "ledger"), only(["platformAdmin", "ops"], invisible)],
  ["create system in own department", (c) => createSystem(c, { name: unique("sys"), displayName: "S", department: "retail" }), only(["platformAdmin", "departmentAdmin"])],
  ["create system in other department", (c) => createSystem(c, { name: unique("sys"), displayName: "S", department: "finance" }), only(["platformAdmin"], invisible)],
  ["edit own system", async (c) => { const s = await tmpSystem("retail"); return updateSystem(c, s.name, { isolation: "OPEN", version: s.version }); }, only(["platformAdmin", "departmentAdmin"])],
  ["edit other system", async (c) => { const s = await tmpSystem("finance"); return updateSystem(c, s.name, { isolation: "OPEN", version: s.version }); }, only(["platformAdmin"], invisible)],
  ["delete own system", async (c) => deleteSystem(c, (await tmpSystem("retail")).name), only(["platformAdmin", "departmentAdmin"])],
  ["delete other system", async (c) => deleteSystem(c, (await tmpSystem("finance")).name), only(["platformAdmin"], invisible)],
  ["list own system members", (c) => listSystemMembers(c, "shop"), everyone],
  ["add member to own system", async (c) => addSystemMember(c, (await tmpSystem("retail")).name, { email: "dev@capstan.test" }), only(["platformAdmin", "departmentAdmin"])],
  ["remove member from own system", async (c) => { const s = await tmpSystem("retail"); await addSystemMember(admin(), s.name, { email: "viewer@capstan.test" }); return removeSystemMember(c, s.name, "viewer@capstan.test"); }, only(["platformAdmin", "departmentAdmin"])],
  ["add member to other system", async (c) => addSystemMember(c, (await tmpSystem("finance")).name, { email: "fin@capstan.test" }), only(["platformAdmin"], invisible)],
  ["read application in own system", (c) => getApplication(c, "shop", "storefront"), everyone],
  ["list applications everywhere", (c) => listApplications(c, {}), everyone],
  ["create application in own system", (c) => createApplication(c, "shop", { name: unique("app"), displayName: "A" }), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["create application in a system one is not member of", async (c) => createApplication(c, (await tmpSystem("retail")).name, { name: unique("app"), displayName: "A" }), only(["platformAdmin", "departmentAdmin"])],
  ["create application in other department", (c) => createApplication(c, "ledger", { name: unique("app"), displayName: "A" }), only(["platformAdmin"], invisible)],
  ["edit application in own system", async (c) => { const a = await tmpApp("shop"); return updateApplication(c, "shop", a.name, { port: 9090, version: a.version }); }, only(["platformAdmin", "departmentAdmin", "developer"])],
  ["edit application in other department", async (c) => { const a = await tmpApp("ledger"); return updateApplication(c, "ledger", a.name, { port: 9090, version: a.version }); }, only(["platformAdmin"], invisible)],
  ["delete application in own system", async (c) => deleteApplication(c, "shop", (await tmpApp("shop")).name), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["delete application in other department", async (c) => deleteApplication(c, "ledger", (await tmpApp("ledger")).name), only(["platformAdmin"], invisible)],
  ["read the audit log", (c) => listAuditEvents(c, {}), only(["platformAdmin", "ops", "departmentAdmin"])],
  ["read own department's audit log", (c) => listAuditEvents(c, { department: "retail" }), only(["platformAdmin", "ops", "departmentAdmin"])],
  ["read other department's audit log", (c) => listAuditEvents(c, { department: "finance" }), only(["platformAdmin", "ops"], { departmentAdmin: 404, developer: 403, viewer: 403 })],
  ["list people", (c) => listUsers(c, {}), only(["platformAdmin", "ops"])],
  ["create an account", (c) => createUser(c, { email: `${unique("new")}@capstan.test`, name: "New", password: "correct horse battery" }), only(["platformAdmin"])],
  ["disable an account", async (c) => { const u = await createUser(admin(), { email: `${unique("off")}@capstan.test`, name: "Off", password: "correct horse battery" }); return updateUser(c, u.email, { disabled: true, version: u.version }); }, only(["platformAdmin"])],
  ["list own department's members", (c) => listDepartmentMembers(c, "retail"), everyone],
  ["list other department's members", (c) => listDepartmentMembers(c, "finance"), only(["platformAdmin", "ops"], invisible)],
  ["add a member to own department", async (c) => addDepartmentMember(c, "retail", { email: (await createUser(admin(), { email: `${unique("m")}@capstan.test`, name: "M", password: "correct horse battery" })).email, role: "DEVELOPER" }), only(["platformAdmin", "departmentAdmin"])],
  ["add a member to other department", async (c) => addDepartmentMember(c, "finance", { email: (await createUser(admin(), { email: `${unique("m")}@capstan.test`, name: "M", password: "correct horse battery" })).email, role: "VIEWER" }), only(["platformAdmin"], invisible)],
  ["change a member's role in own department", async (c) => { const u = await createUser(admin(), { email: `${unique("r")}@capstan.test`, name: "R", password: "correct horse battery" }); await addDepartmentMember(admin(), "retail", { email: u.email, role: "VIEWER" }); return setDepartmentMemberRole(c, "retail", u.email, { role: "DEVELOPER" }); }, only(["platformAdmin", "departmentAdmin"])],
  ["remove a member from own department", async (c) => { const u = await createUser(admin(), { email: `${unique("x")}@capstan.test`, name: "X", password: "correct horse battery" }); await addDepartmentMember(admin(), "retail", { email: u.email, role: "VIEWER" }); return removeDepartmentMember(c, "retail", u.email); }, only(["platformAdmin", "departmentAdmin"])],
  ["list data centres", (c) => listDataCentres(c, {}), everyone],
  ["list clusters", (c) => listClusters(c, {}), everyone],
  ["register a data centre", (c) => registerDataCentre(c, { name: unique("dc"), displayName: "DC", region: "r", harborUrl: "http://h.test", harborUsername: "a", harborPassword: "p" }), only(["platformAdmin"])],
  ["register a cluster", async (c) => registerCluster(c, { name: unique("cl"), dataCentre: (await tmpDataCentre()).name, kubeconfig: kubeconfigFor("http://127.0.0.1:9") }), only(["platformAdmin"])],
  ["remove a cluster", async (c) => { const dc = await tmpDataCentre(); const cl = await registerCluster(admin(), { name: unique("cl"), dataCentre: dc.name, kubeconfig: kubeconfigFor("http://127.0.0.1:9") }); return deleteCluster(c, cl.name); }, only(["platformAdmin"])],
  ["check a cluster", async (c) => { const dc = await tmpDataCentre(); const cl = await registerCluster(admin(), { name: unique("cl"), dataCentre: dc.name, kubeconfig: kubeconfigFor("http://127.0.0.1:9") }); return checkCluster(c, cl.name); }, only(["platformAdmin", "ops"])],
  ["roll out a group in own system", async (c) => rolloutGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, { image: "3.0.0" }), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["roll out a group in other department", async (c) => rolloutGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, { image: "3.0.0" }), only(["platformAdmin"], invisible)],
  ["roll back a group in own system", async (c) => rollbackGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, { revision: 1 }), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["roll back a group in other department", async (c) => rollbackGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, { revision: 1 }), only(["platformAdmin"], invisible)],
  ["restart a group in own system", async (c) => restartGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["restart a group in other department", async (c) => restartGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name), only(["platformAdmin"], invisible)],
  ["read a group's release history in own system", async (c) => listGroupRevisions(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, {}), everyone],
  ["read a group's release history in other department", async (c) => listGroupRevisions(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, {}), only(["platformAdmin", "ops"], invisible)],
  ["create a group in own system", (c) => createGroup(c, "shop", "storefront", { name: unique("g"), dataCentre: "groups-dc", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" }), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["create a group in other department", (c) => createGroup(c, "ledger", "billing", { name: unique("g"), dataCentre: "groups-dc", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" }), only(["platformAdmin"], invisible)],
  ["scale a group in own system", async (c) => scaleGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, { replicas: 2 }), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["change a group in own system", async (c) => { const g = await tmpGroup("shop", "storefront"); return updateGroup(c, "shop", "storefront", g.name, { memory: "256Mi", version: g.version }); }, only(["platformAdmin", "departmentAdmin", "developer"])],
  ["delete a group in own system", async (c) => deleteGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["read a group in other department", async (c) => getGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name), only(["platformAdmin", "ops"], invisible)],
  ["preview placement in own system", (c) => previewPlacement(c, "shop", { dataCentre: "groups-dc", replicas: 1, cpu: "100m", memory: "128Mi" }), everyone],
  ["preview placement in other department", (c) => previewPlacement(c, "ledger", { dataCentre: "groups-dc", replicas: 1, cpu: "100m", memory: "128Mi" }), only(["platformAdmin", "ops"], invisible)],
  ["read own system's quotas", (c) => getSystemQuotas(c, "shop"), everyone],
  ["read other department's system quotas", (c) => getSystemQuotas(c, "ledger"), only(["platformAdmin", "ops"], invisible)],
  ["read own department's quotas", (c) => getDepartmentQuotas(c, "retail"), everyone],
  ["set a department's quota", async (c) => setDepartmentQuota(c, "retail", (await tmpDataCentre()).name, SMALL), only(["platformAdmin"])],
  ["set own system's quota", async (c) => setSystemQuota(c, "shop", await dcWithQuota(), SMALL), only(["platformAdmin", "departmentAdmin"])],
  ["set other department's system quota", async (c) => setSystemQuota(c, "ledger", await dcWithQuota("finance"), SMALL), only(["platformAdmin"], invisible)],
  ["ask for quota for own system", async (c) => createQuotaRequest(c, { system: "shop", dataCentre: (await tmpDataCentre()).name, ...SMALL, reason: "launch" }), only(["platformAdmin", "departmentAdmin", "developer"])],
  ["ask for quota for other department's system", async (c) => createQuotaRequest(c, { system: "ledger", dataCentre: (await tmpDataCentre()).name, ...SMALL, reason: "x" }), only(["platformAdmin"], invisible)],
  ["list quota requests", (c) => listQuotaRequests(c, {}), everyone],
  ["approve a quota request in own department", async (c) => { const r = await askForQuota(await dcWithQuota()); return approveQuotaRequest(c, r.id, { version: r.version }); }, only(["platformAdmin", "departmentAdmin"])],
  ["reject a quota request in own department", async (c) => { const r = await askForQuota(await dcWithQuota()); return rejectQuotaRequest(c, r.id, { comment: "not now", version: r.version }); }, only(["platformAdmin", "departmentAdmin"])],
  ["list nodes", (c) => listNodes(c, {}), only(["platformAdmin", "ops"])],
  ["read the fleet overview", (c) => getFleetOverview(c), only(["platformAdmin", "ops"])],
  ["read a node", async (c) => { const n = await tmpNode(); return getNode(c, n.cluster, n.name); }, only(["platformAdmin", "ops"])],
  ["transition a node", async (c) => { const n = await tmpNode(); return transitionNode(c, n.cluster, n.name, { to: "WAIT", reason: "prepared" }); }, only(["platformAdmin", "ops"])],
  ["transition nodes in bulk", async (c) => { const n = await tmpNode(); return bulkTransitionNodes(c, { to: "WAIT", reason: "prepared", nodes: [{ cluster: n.cluster, name: n.name }] }); }, only(["platformAdmin", "ops"])],
  ["edit a node's labels", async (c) => { const n = await tmpNode(); return setNodeLabels(c, n.cluster, n.name, { labels: { zone: "default", rack: "r1" }, version: n.version }); }, only(["platformAdmin", "ops"])],
  ["read the label policy", (c) => getLabelPolicy(c), everyone],
  ["set the label policy", async (c) => setLabelPolicy(c, { zones: ["default", unique("z")], version: (await getLabelPolicy(admin())).version }), only(["platformAdmin"])],
  ["read the node init checks", (c) => getNodeInitChecks(c), only(["platformAdmin", "ops"])],
  ["set the node init checks", async (c) => setNodeInitChecks(c, { requireReady: true, requiredLabels: ["zone"], version: (await getNodeInitChecks(admin())).version }), only(["platformAdmin"])],
  ["create own API token", (c) => createApiToken(c, { name: "t", expiresInDays: 1 }), everyone],
  ["list own API tokens", (c) => listApiTokens(c), everyone],
  ["list another person's API tokens", (c) => listApiTokens(c, { user: "fin@capstan.test" }), only(["platformAdmin"])],
  ["revoke another person's API token", async (c) => revokeApiToken(c, (await createApiToken(await finDeveloper(), { name: unique("t"), expiresInDays: 1 })).id), only(["platformAdmin"], 404)],
  ["change own password", async (c) => { const current = unique("cobalt-heron-lattice"); await c.db.user.update({ where: { id: c.actor.userId }, data: { passwordHash: await hashPassword(current) } }); return changeOwnPassword(c, { currentPassword: current, newPassword: unique("saffron-delta-quiver") }); }, everyone],
];

beforeAll(async () => {
  const { db } = await testDatabase();
  world = await buildWorld(db);
  await registerDataCentre(admin(), { name: "groups-dc", displayName: "DC", region: "r", harborUrl: "http://h.test", harborUsername: "a", harborPassword: "p" });
  await registerCluster(admin(), { name: "groups-cl", dataCentre: "groups-dc", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await grantQuota(world, "groups-dc");
  await db.labelDefinition.create({ data: { key: "zone", kind: "ZONE", values: ["default"] } });
});

describe("authorisation", () => {
  for (const [name, op, expected] of cases) {
    it(name, async () => {
      const got = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await outcome(() => op(world.as[r]))] as const)));
      expect(got).toEqual(expected);
    });
  }
});
