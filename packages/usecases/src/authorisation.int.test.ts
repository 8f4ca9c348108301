// Every use case × every role, in the actor's own department (retail) and in another (finance):
// the expected allow ("ok") or deny (403 forbidden, 404 when the other department is invisible).
// Each row names the use case it exercises; a use case exported from index.ts without a row fails.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import * as useCases from "./index";
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
  getApplicationOverview,
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
  setOwnLocale,
  listApplications,
  listAuditEvents,
  listSystemMembers,
  removeSystemMember,
  updateApplication,
  createBuild,
  listBuilds,
  getBuild,
  cancelBuild,
  buildLog,
  rotateWebhookSecret,
  updateDepartment,
  updateSystem,
  getSystemQuotas,
  getDepartmentQuotas,
  scaleGroup,
  setGroupAutoscaling,
  stopGroupAutoscaling,
  updateGroup,
  deleteGroup,
  getGroup,
  groupLogs,
  getGroupManifests,
  getSystemManifests,
  listGroupEvents,
  listNodeEvents,
  getGroupMetrics,
  getNodeMetrics,
  getFleetDensity,
  previewPlacement,
  setDepartmentQuota,
  setSystemQuota,
  createQuotaRequest,
  listQuotaRequests,
  systemsToAskQuotaFor,
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
  deleteDataCentre,
  getCluster,
  getDataCentre,
  getDepartmentQuota,
  getMe,
  getNodeBulkTransition,
  getSystemQuota,
  listDepartments,
  listGroups,
  listImageTags,
  getSystemRegistry,
  createPushRobot,
  rotatePushRobot,
  deletePushRobot,
  listImages,
  deleteImageTag,
  promoteImage,
  listSystems,
  globalSearch,
  myGroupHealth,
  getDeveloperDashboard,
  getDepartmentAdminDashboard,
  getOpsDashboard,
  getPlatformDashboard,
  updateCluster,
  updateDataCentre,
  listNotifications,
  markNotificationRead,
  markAllNotificationsRead,
  getNotificationPreferences,
  setNotificationPreferences,
  getNotificationTarget,
  setNotificationTarget,
  listLoadBalancers,
  getLoadBalancer,
  createLoadBalancer,
  createTerminalTicket,
  updateLoadBalancer,
  deleteLoadBalancer,
  setLoadBalancerMembers,
  takeOutMember,
  putBackMember,
  takeOutPod,
  putBackPod,
  listLoadBalancerHistory,
  listLoadBalancerEvents,
  getLoadBalancerStats,
} from "./index";
import { hashPassword, loadActor } from "./internal";
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
  return registerDataCentre(admin(), {
    name: unique("dc"),
    displayName: "DC",
    region: "r",
    harborUrl: "http://h.test",
    harborUsername: "a",
    harborPassword: "p",
  });
}
async function tmpApp(system: string) {
  return createApplication(admin(), system, { name: unique("app"), displayName: "Tmp" });
}
/** A throw-away application with a git repository, and a build of it queued by the platform admin. */
async function tmpBuild(system: string) {
  const a = await createApplication(admin(), system, { name: unique("app"), displayName: "Tmp", gitRepository: "https://git.example.com/tmp.git" });
  return { app: a.name, build: await createBuild(admin(), system, a.name, {}) };
}
/** A throw-away group at revision 2 (image 2.0.0), so there is a revision to roll back to. */
async function tmpGroup(system: string, application: string) {
  const g = await createGroup(admin(), system, application, {
    name: unique("grp"),
    dataCentre: "groups-dc",
    imageTag: "1.0.0",
    replicas: 1,
    cpu: "100m",
    memory: "128Mi",
  });
  return rolloutGroup(admin(), system, application, g.name, { image: "2.0.0" });
}

/** A throw-away group with one running pod (as the inventory would record it): where terminals open. */
async function tmpPod(system: string, application: string) {
  const g = await tmpGroup(system, application);
  const { id: groupId, clusterId } = await world.db.group.findFirstOrThrow({ where: { name: g.name, application: { name: application } } });
  const pod = await world.db.pod.create({
    data: { clusterId, namespace: system, name: `${application}-${g.name}-${unique("p")}`, uid: unique("uid"), groupId, phase: "Running", ready: true },
  });
  return { group: g.name, pod: pod.name };
}

/** A throw-away load balancer in groups-dc in front of a throw-away group, with one pod of that group. */
async function tmpLoadBalancer(system: string, application: string) {
  const g = await tmpGroup(system, application);
  const lb = await createLoadBalancer(admin(), system, application, { name: unique("lb"), dataCentre: "groups-dc", replicas: 1, members: [{ group: g.name }] });
  const { id: groupId, clusterId } = await world.db.group.findFirstOrThrow({ where: { name: g.name, application: { name: application } } });
  const pod = await world.db.pod.create({
    data: {
      clusterId,
      namespace: system,
      name: `${application}-${g.name}-5d9f7c-${unique("p")}`,
      uid: unique("uid"),
      groupId,
      phase: "Running",
      ready: true,
      ip: "10.1.0.1",
    },
  });
  return { lb, group: g.name, pod: pod.name };
}

/** The finance developer, whom no role under test is. */
async function finDeveloper(): Promise<Context> {
  return { db: world.db, actor: await loadActor(world.db, (await world.db.user.findUniqueOrThrow({ where: { email: "fin@capstan.test" } })).id) };
}

/** A node row in a cluster nobody can reach: these use cases only touch PostgreSQL and the queue. */
async function tmpNode() {
  const cluster = await registerCluster(admin(), {
    name: unique("cl"),
    dataCentre: (await tmpDataCentre()).name,
    kubeconfig: kubeconfigFor("http://127.0.0.1:9"),
  });
  const { id } = await world.db.cluster.findUniqueOrThrow({ where: { name: cluster.name } });
  const node = await world.db.node.create({ data: { clusterId: id, name: unique("node"), labels: { zone: "default" } } });
  return { cluster: cluster.name, name: node.name, version: node.version };
}

/** [what the row does, the use case it exercises, how, the outcome per role] */
type Case = [string, (ctx: Context, ...args: never[]) => unknown, (ctx: Context) => Promise<unknown>, Expect];
const cases: Case[] = [
  ["create department", createDepartment, (c) => createDepartment(c, { name: unique("dept"), displayName: "D" }), only(["platformAdmin"])],
  ["read own department", getDepartment, (c) => getDepartment(c, "retail"), everyone],
  ["read other department", getDepartment, (c) => getDepartment(c, "finance"), only(["platformAdmin", "ops"], invisible)],
  [
    "edit own department",
    updateDepartment,
    async (c) => updateDepartment(c, "retail", { displayName: "Retail", version: (await getDepartment(admin(), "retail")).version }),
    only(["platformAdmin"]),
  ],
  [
    "delete a department",
    deleteDepartment,
    async (c) => deleteDepartment(c, (await createDepartment(admin(), { name: unique("gone"), displayName: "G" })).name),
    only(["platformAdmin"], { departmentAdmin: 404, developer: 404, viewer: 404 }),
  ],
  ["read own system", getSystem, (c) => getSystem(c, "shop"), everyone],
  ["read other system", getSystem, (c) => getSystem(c, "ledger"), only(["platformAdmin", "ops"], invisible)],
  [
    "create system in own department",
    createSystem,
    (c) => createSystem(c, { name: unique("sys"), displayName: "S", department: "retail" }),
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "create system in other department",
    createSystem,
    (c) => createSystem(c, { name: unique("sys"), displayName: "S", department: "finance" }),
    only(["platformAdmin"], invisible),
  ],
  [
    "edit own system",
    updateSystem,
    async (c) => {
      const s = await tmpSystem("retail");
      return updateSystem(c, s.name, { isolation: "OPEN", version: s.version });
    },
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "edit other system",
    updateSystem,
    async (c) => {
      const s = await tmpSystem("finance");
      return updateSystem(c, s.name, { isolation: "OPEN", version: s.version });
    },
    only(["platformAdmin"], invisible),
  ],
  ["delete own system", deleteSystem, async (c) => deleteSystem(c, (await tmpSystem("retail")).name), only(["platformAdmin", "departmentAdmin"])],
  ["delete other system", deleteSystem, async (c) => deleteSystem(c, (await tmpSystem("finance")).name), only(["platformAdmin"], invisible)],
  ["list own system members", listSystemMembers, (c) => listSystemMembers(c, "shop"), everyone],
  [
    "add member to own system",
    addSystemMember,
    async (c) => addSystemMember(c, (await tmpSystem("retail")).name, { email: "dev@capstan.test" }),
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "remove member from own system",
    removeSystemMember,
    async (c) => {
      const s = await tmpSystem("retail");
      await addSystemMember(admin(), s.name, { email: "viewer@capstan.test" });
      return removeSystemMember(c, s.name, "viewer@capstan.test");
    },
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "add member to other system",
    addSystemMember,
    async (c) => addSystemMember(c, (await tmpSystem("finance")).name, { email: "fin@capstan.test" }),
    only(["platformAdmin"], invisible),
  ],
  ["read application in own system", getApplication, (c) => getApplication(c, "shop", "storefront"), everyone],
  ["read what runs where of an application in own system", getApplicationOverview, (c) => getApplicationOverview(c, "shop", "storefront"), everyone],
  [
    "read what runs where of an application in other department",
    getApplicationOverview,
    (c) => getApplicationOverview(c, "ledger", "billing"),
    only(["platformAdmin", "ops"], invisible),
  ],
  ["list applications everywhere", listApplications, (c) => listApplications(c, {}), everyone],
  [
    "create application in own system",
    createApplication,
    (c) => createApplication(c, "shop", { name: unique("app"), displayName: "A" }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "create application in a system one is not member of",
    createApplication,
    async (c) => createApplication(c, (await tmpSystem("retail")).name, { name: unique("app"), displayName: "A" }),
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "create application in other department",
    createApplication,
    (c) => createApplication(c, "ledger", { name: unique("app"), displayName: "A" }),
    only(["platformAdmin"], invisible),
  ],
  [
    "edit application in own system",
    updateApplication,
    async (c) => {
      const a = await tmpApp("shop");
      return updateApplication(c, "shop", a.name, { port: 9090, version: a.version });
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "edit application in other department",
    updateApplication,
    async (c) => {
      const a = await tmpApp("ledger");
      return updateApplication(c, "ledger", a.name, { port: 9090, version: a.version });
    },
    only(["platformAdmin"], invisible),
  ],
  [
    "delete application in own system",
    deleteApplication,
    async (c) => deleteApplication(c, "shop", (await tmpApp("shop")).name),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "delete application in other department",
    deleteApplication,
    async (c) => deleteApplication(c, "ledger", (await tmpApp("ledger")).name),
    only(["platformAdmin"], invisible),
  ],
  ["read the audit log", listAuditEvents, (c) => listAuditEvents(c, {}), only(["platformAdmin", "ops", "departmentAdmin"])],
  ["read own department's audit log", listAuditEvents, (c) => listAuditEvents(c, { department: "retail" }), only(["platformAdmin", "ops", "departmentAdmin"])],
  [
    "read other department's audit log",
    listAuditEvents,
    (c) => listAuditEvents(c, { department: "finance" }),
    only(["platformAdmin", "ops"], { departmentAdmin: 404, developer: 403, viewer: 403 }),
  ],
  ["list people", listUsers, (c) => listUsers(c, {}), only(["platformAdmin", "ops"])],
  [
    "create an account",
    createUser,
    (c) => createUser(c, { email: `${unique("new")}@capstan.test`, name: "New", password: "correct horse battery" }),
    only(["platformAdmin"]),
  ],
  [
    "disable an account",
    updateUser,
    async (c) => {
      const u = await createUser(admin(), { email: `${unique("off")}@capstan.test`, name: "Off", password: "correct horse battery" });
      return updateUser(c, u.email, { disabled: true, version: u.version });
    },
    only(["platformAdmin"]),
  ],
  ["list own department's members", listDepartmentMembers, (c) => listDepartmentMembers(c, "retail"), everyone],
  ["list other department's members", listDepartmentMembers, (c) => listDepartmentMembers(c, "finance"), only(["platformAdmin", "ops"], invisible)],
  [
    "add a member to own department",
    addDepartmentMember,
    async (c) =>
      addDepartmentMember(c, "retail", {
        email: (await createUser(admin(), { email: `${unique("m")}@capstan.test`, name: "M", password: "correct horse battery" })).email,
        role: "DEVELOPER",
      }),
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "add a member to other department",
    addDepartmentMember,
    async (c) =>
      addDepartmentMember(c, "finance", {
        email: (await createUser(admin(), { email: `${unique("m")}@capstan.test`, name: "M", password: "correct horse battery" })).email,
        role: "VIEWER",
      }),
    only(["platformAdmin"], invisible),
  ],
  [
    "change a member's role in own department",
    setDepartmentMemberRole,
    async (c) => {
      const u = await createUser(admin(), { email: `${unique("r")}@capstan.test`, name: "R", password: "correct horse battery" });
      await addDepartmentMember(admin(), "retail", { email: u.email, role: "VIEWER" });
      return setDepartmentMemberRole(c, "retail", u.email, { role: "DEVELOPER" });
    },
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "remove a member from own department",
    removeDepartmentMember,
    async (c) => {
      const u = await createUser(admin(), { email: `${unique("x")}@capstan.test`, name: "X", password: "correct horse battery" });
      await addDepartmentMember(admin(), "retail", { email: u.email, role: "VIEWER" });
      return removeDepartmentMember(c, "retail", u.email);
    },
    only(["platformAdmin", "departmentAdmin"]),
  ],
  ["list data centres", listDataCentres, (c) => listDataCentres(c, {}), everyone],
  ["list clusters", listClusters, (c) => listClusters(c, {}), everyone],
  [
    "register a data centre",
    registerDataCentre,
    (c) => registerDataCentre(c, { name: unique("dc"), displayName: "DC", region: "r", harborUrl: "http://h.test", harborUsername: "a", harborPassword: "p" }),
    only(["platformAdmin"]),
  ],
  [
    "register a cluster",
    registerCluster,
    async (c) => registerCluster(c, { name: unique("cl"), dataCentre: (await tmpDataCentre()).name, kubeconfig: kubeconfigFor("http://127.0.0.1:9") }),
    only(["platformAdmin"]),
  ],
  [
    "remove a cluster",
    deleteCluster,
    async (c) => {
      const dc = await tmpDataCentre();
      const cl = await registerCluster(admin(), { name: unique("cl"), dataCentre: dc.name, kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
      return deleteCluster(c, cl.name);
    },
    only(["platformAdmin"]),
  ],
  [
    "check a cluster",
    checkCluster,
    async (c) => {
      const dc = await tmpDataCentre();
      const cl = await registerCluster(admin(), { name: unique("cl"), dataCentre: dc.name, kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
      return checkCluster(c, cl.name);
    },
    only(["platformAdmin", "ops"]),
  ],
  [
    "roll out a group in own system",
    rolloutGroup,
    async (c) => rolloutGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, { image: "3.0.0" }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "roll out a group in other department",
    rolloutGroup,
    async (c) => rolloutGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, { image: "3.0.0" }),
    only(["platformAdmin"], invisible),
  ],
  [
    "roll back a group in own system",
    rollbackGroup,
    async (c) => rollbackGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, { revision: 1 }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "roll back a group in other department",
    rollbackGroup,
    async (c) => rollbackGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, { revision: 1 }),
    only(["platformAdmin"], invisible),
  ],
  [
    "restart a group in own system",
    restartGroup,
    async (c) => restartGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "open a terminal in a pod of own system",
    createTerminalTicket,
    async (c) => {
      const { group, pod } = await tmpPod("shop", "storefront");
      return createTerminalTicket(c, "shop", "storefront", group, pod, {});
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "open a terminal in a pod of other department",
    createTerminalTicket,
    async (c) => {
      const { group, pod } = await tmpPod("ledger", "billing");
      return createTerminalTicket(c, "ledger", "billing", group, pod, {});
    },
    only(["platformAdmin"], invisible),
  ],
  [
    "restart a group in other department",
    restartGroup,
    async (c) => restartGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name),
    only(["platformAdmin"], invisible),
  ],
  [
    "read a group's release history in own system",
    listGroupRevisions,
    async (c) => listGroupRevisions(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, {}),
    everyone,
  ],
  [
    "read a group's release history in other department",
    listGroupRevisions,
    async (c) => listGroupRevisions(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, {}),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "create a group in own system",
    createGroup,
    (c) => createGroup(c, "shop", "storefront", { name: unique("g"), dataCentre: "groups-dc", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "create a group in other department",
    createGroup,
    (c) => createGroup(c, "ledger", "billing", { name: unique("g"), dataCentre: "groups-dc", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" }),
    only(["platformAdmin"], invisible),
  ],
  [
    "scale a group in own system",
    scaleGroup,
    async (c) => scaleGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, { replicas: 2 }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "autoscale a group in own system",
    setGroupAutoscaling,
    async (c) => {
      const g = await tmpGroup("shop", "storefront");
      return setGroupAutoscaling(c, "shop", "storefront", g.name, { minReplicas: 1, maxReplicas: 2, cpuUtilisation: 70, version: g.version });
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "autoscale a group in other department",
    setGroupAutoscaling,
    async (c) => {
      const g = await tmpGroup("ledger", "billing");
      return setGroupAutoscaling(c, "ledger", "billing", g.name, { minReplicas: 1, maxReplicas: 2, cpuUtilisation: 70, version: g.version });
    },
    only(["platformAdmin"], invisible),
  ],
  [
    "turn off a group's autoscaling in own system",
    stopGroupAutoscaling,
    async (c) => stopGroupAutoscaling(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, {}),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "change a group in own system",
    updateGroup,
    async (c) => {
      const g = await tmpGroup("shop", "storefront");
      return updateGroup(c, "shop", "storefront", g.name, { memory: "256Mi", version: g.version });
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "delete a group in own system",
    deleteGroup,
    async (c) => deleteGroup(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "read a group in other department",
    getGroup,
    async (c) => getGroup(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name),
    only(["platformAdmin", "ops"], invisible),
  ],
  ["read a group's logs in own system", groupLogs, async (c) => groupLogs(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, {}), everyone],
  [
    "read a group's logs in other department",
    groupLogs,
    async (c) => groupLogs(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, {}),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read what Capstan applied for a group in own system",
    getGroupManifests,
    async (c) => getGroupManifests(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name),
    everyone,
  ],
  [
    "read what Capstan applied for a group in other department",
    getGroupManifests,
    async (c) => getGroupManifests(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read a group's events in own system",
    listGroupEvents,
    async (c) => listGroupEvents(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, { type: "Normal" }),
    everyone,
  ],
  [
    "read a group's events in other department",
    listGroupEvents,
    async (c) => listGroupEvents(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, {}),
    only(["platformAdmin", "ops"], invisible),
  ],
  ["read what Capstan applied for own system", getSystemManifests, (c) => getSystemManifests(c, "shop"), everyone],
  ["read what Capstan applied for other system", getSystemManifests, (c) => getSystemManifests(c, "ledger"), only(["platformAdmin", "ops"], invisible)],
  ["list load balancers in own system", listLoadBalancers, async (c) => listLoadBalancers(c, "shop", "storefront", {}), everyone],
  [
    "list load balancers in other department",
    listLoadBalancers,
    async (c) => listLoadBalancers(c, "ledger", "billing", {}),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read a load balancer in own system",
    getLoadBalancer,
    async (c) => getLoadBalancer(c, "shop", "storefront", (await tmpLoadBalancer("shop", "storefront")).lb.name),
    everyone,
  ],
  [
    "read a load balancer in other department",
    getLoadBalancer,
    async (c) => getLoadBalancer(c, "ledger", "billing", (await tmpLoadBalancer("ledger", "billing")).lb.name),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read a load balancer's history in own system",
    listLoadBalancerHistory,
    async (c) => listLoadBalancerHistory(c, "shop", "storefront", (await tmpLoadBalancer("shop", "storefront")).lb.name, {}),
    everyone,
  ],
  [
    "read a load balancer's history in other department",
    listLoadBalancerHistory,
    async (c) => listLoadBalancerHistory(c, "ledger", "billing", (await tmpLoadBalancer("ledger", "billing")).lb.name, {}),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read a load balancer's events in own system",
    listLoadBalancerEvents,
    async (c) => listLoadBalancerEvents(c, "shop", "storefront", (await tmpLoadBalancer("shop", "storefront")).lb.name, { type: "Warning" }),
    everyone,
  ],
  [
    "read a load balancer's events in other department",
    listLoadBalancerEvents,
    async (c) => listLoadBalancerEvents(c, "ledger", "billing", (await tmpLoadBalancer("ledger", "billing")).lb.name, {}),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read a load balancer's stats in own system",
    getLoadBalancerStats,
    async (c) => getLoadBalancerStats(c, "shop", "storefront", (await tmpLoadBalancer("shop", "storefront")).lb.name),
    everyone,
  ],
  [
    "read a load balancer's stats in other department",
    getLoadBalancerStats,
    async (c) => getLoadBalancerStats(c, "ledger", "billing", (await tmpLoadBalancer("ledger", "billing")).lb.name),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "create a load balancer in own system",
    createLoadBalancer,
    (c) => createLoadBalancer(c, "shop", "storefront", { name: unique("lb"), dataCentre: "groups-dc", replicas: 1 }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "create a load balancer in other department",
    createLoadBalancer,
    (c) => createLoadBalancer(c, "ledger", "billing", { name: unique("lb"), dataCentre: "groups-dc", replicas: 1 }),
    only(["platformAdmin"], invisible),
  ],
  [
    "change a load balancer in own system",
    updateLoadBalancer,
    async (c) => {
      const { lb } = await tmpLoadBalancer("shop", "storefront");
      return updateLoadBalancer(c, "shop", "storefront", lb.name, { algorithm: "leastconn", version: lb.version });
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "delete a load balancer in own system",
    deleteLoadBalancer,
    async (c) => deleteLoadBalancer(c, "shop", "storefront", (await tmpLoadBalancer("shop", "storefront")).lb.name),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "set a load balancer's members in own system",
    setLoadBalancerMembers,
    async (c) => {
      const { lb, group } = await tmpLoadBalancer("shop", "storefront");
      return setLoadBalancerMembers(c, "shop", "storefront", lb.name, { members: [{ group, weight: 50 }], version: lb.version });
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "set a load balancer's members in other department",
    setLoadBalancerMembers,
    async (c) => {
      const { lb, group } = await tmpLoadBalancer("ledger", "billing");
      return setLoadBalancerMembers(c, "ledger", "billing", lb.name, { members: [{ group, weight: 50 }], version: lb.version });
    },
    only(["platformAdmin"], invisible),
  ],
  [
    "take a member group out of a load balancer in own system",
    takeOutMember,
    async (c) => {
      const { lb, group } = await tmpLoadBalancer("shop", "storefront");
      return takeOutMember(c, "shop", "storefront", lb.name, group, {});
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "put a member group back in a load balancer in own system",
    putBackMember,
    async (c) => {
      const { lb, group } = await tmpLoadBalancer("shop", "storefront");
      await takeOutMember(admin(), "shop", "storefront", lb.name, group, { drainSeconds: 0 });
      return putBackMember(c, "shop", "storefront", lb.name, group);
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "take a pod out of a load balancer in own system",
    takeOutPod,
    async (c) => {
      const { lb, pod } = await tmpLoadBalancer("shop", "storefront");
      return takeOutPod(c, "shop", "storefront", lb.name, pod, {});
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "put a pod back in a load balancer in own system",
    putBackPod,
    async (c) => {
      const { lb, pod } = await tmpLoadBalancer("shop", "storefront");
      await takeOutPod(admin(), "shop", "storefront", lb.name, pod, {});
      return putBackPod(c, "shop", "storefront", lb.name, pod);
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "preview placement in own system",
    previewPlacement,
    (c) => previewPlacement(c, "shop", { dataCentre: "groups-dc", replicas: 1, cpu: "100m", memory: "128Mi" }),
    everyone,
  ],
  [
    "preview placement in other department",
    previewPlacement,
    (c) => previewPlacement(c, "ledger", { dataCentre: "groups-dc", replicas: 1, cpu: "100m", memory: "128Mi" }),
    only(["platformAdmin", "ops"], invisible),
  ],
  ["read own system's quotas", getSystemQuotas, (c) => getSystemQuotas(c, "shop"), everyone],
  ["read other department's system quotas", getSystemQuotas, (c) => getSystemQuotas(c, "ledger"), only(["platformAdmin", "ops"], invisible)],
  ["read own department's quotas", getDepartmentQuotas, (c) => getDepartmentQuotas(c, "retail"), everyone],
  ["set a department's quota", setDepartmentQuota, async (c) => setDepartmentQuota(c, "retail", (await tmpDataCentre()).name, SMALL), only(["platformAdmin"])],
  ["set own system's quota", setSystemQuota, async (c) => setSystemQuota(c, "shop", await dcWithQuota(), SMALL), only(["platformAdmin", "departmentAdmin"])],
  [
    "set other department's system quota",
    setSystemQuota,
    async (c) => setSystemQuota(c, "ledger", await dcWithQuota("finance"), SMALL),
    only(["platformAdmin"], invisible),
  ],
  [
    "ask for quota for own system",
    createQuotaRequest,
    async (c) => createQuotaRequest(c, { system: "shop", dataCentre: (await tmpDataCentre()).name, ...SMALL, reason: "launch" }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "ask for quota for other department's system",
    createQuotaRequest,
    async (c) => createQuotaRequest(c, { system: "ledger", dataCentre: (await tmpDataCentre()).name, ...SMALL, reason: "x" }),
    only(["platformAdmin"], invisible),
  ],
  ["list quota requests", listQuotaRequests, (c) => listQuotaRequests(c, {}), everyone],
  ["list systems to ask quota for", systemsToAskQuotaFor, (c) => systemsToAskQuotaFor(c), everyone],
  [
    "approve a quota request in own department",
    approveQuotaRequest,
    async (c) => {
      const r = await askForQuota(await dcWithQuota());
      return approveQuotaRequest(c, r.id, { version: r.version });
    },
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "reject a quota request in own department",
    rejectQuotaRequest,
    async (c) => {
      const r = await askForQuota(await dcWithQuota());
      return rejectQuotaRequest(c, r.id, { comment: "not now", version: r.version });
    },
    only(["platformAdmin", "departmentAdmin"]),
  ],
  ["list nodes", listNodes, (c) => listNodes(c, {}), only(["platformAdmin", "ops"])],
  ["read the fleet overview", getFleetOverview, (c) => getFleetOverview(c), only(["platformAdmin", "ops"])],
  ["read the fleet's density", getFleetDensity, (c) => getFleetDensity(c), only(["platformAdmin", "ops"])],
  [
    "read a node",
    getNode,
    async (c) => {
      const n = await tmpNode();
      return getNode(c, n.cluster, n.name);
    },
    only(["platformAdmin", "ops"]),
  ],
  [
    "read a group's usage history in own system",
    getGroupMetrics,
    async (c) => getGroupMetrics(c, "shop", "storefront", (await tmpGroup("shop", "storefront")).name, {}),
    everyone,
  ],
  [
    "read a group's usage history in other department",
    getGroupMetrics,
    async (c) => getGroupMetrics(c, "ledger", "billing", (await tmpGroup("ledger", "billing")).name, {}),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read a node's usage history",
    getNodeMetrics,
    async (c) => {
      const n = await tmpNode();
      return getNodeMetrics(c, n.cluster, n.name, {});
    },
    only(["platformAdmin", "ops"]),
  ],
  [
    "read a node's events",
    listNodeEvents,
    async (c) => {
      const n = await tmpNode();
      return listNodeEvents(c, n.cluster, n.name, {});
    },
    only(["platformAdmin", "ops"]),
  ],
  [
    "transition a node",
    transitionNode,
    async (c) => {
      const n = await tmpNode();
      return transitionNode(c, n.cluster, n.name, { to: "WAIT", reason: "prepared" });
    },
    only(["platformAdmin", "ops"]),
  ],
  [
    "transition nodes in bulk",
    bulkTransitionNodes,
    async (c) => {
      const n = await tmpNode();
      return bulkTransitionNodes(c, { to: "WAIT", reason: "prepared", nodes: [{ cluster: n.cluster, name: n.name }] });
    },
    only(["platformAdmin", "ops"]),
  ],
  [
    "edit a node's labels",
    setNodeLabels,
    async (c) => {
      const n = await tmpNode();
      return setNodeLabels(c, n.cluster, n.name, { labels: { zone: "default", rack: "r1" }, version: n.version });
    },
    only(["platformAdmin", "ops"]),
  ],
  ["read the label policy", getLabelPolicy, (c) => getLabelPolicy(c), everyone],
  [
    "set the label policy",
    setLabelPolicy,
    async (c) => setLabelPolicy(c, { zones: ["default", unique("z")], version: (await getLabelPolicy(admin())).version }),
    only(["platformAdmin"]),
  ],
  ["read the node init checks", getNodeInitChecks, (c) => getNodeInitChecks(c), only(["platformAdmin", "ops"])],
  [
    "set the node init checks",
    setNodeInitChecks,
    async (c) => setNodeInitChecks(c, { requireReady: true, requiredLabels: ["zone"], version: (await getNodeInitChecks(admin())).version }),
    only(["platformAdmin"]),
  ],
  ["create own API token", createApiToken, (c) => createApiToken(c, { name: "t", expiresInDays: 1 }), everyone],
  ["list own API tokens", listApiTokens, (c) => listApiTokens(c), everyone],
  ["list another person's API tokens", listApiTokens, (c) => listApiTokens(c, { user: "fin@capstan.test" }), only(["platformAdmin"])],
  [
    "revoke another person's API token",
    revokeApiToken,
    async (c) => revokeApiToken(c, (await createApiToken(await finDeveloper(), { name: unique("t"), expiresInDays: 1 })).id),
    only(["platformAdmin"], 404),
  ],
  [
    "change own password",
    changeOwnPassword,
    async (c) => {
      const current = unique("cobalt-heron-lattice");
      await c.db.user.update({ where: { id: c.actor.userId }, data: { passwordHash: await hashPassword(current) } });
      return changeOwnPassword(c, { currentPassword: current, newPassword: unique("saffron-delta-quiver") });
    },
    everyone,
  ],
  ["set own language", setOwnLocale, (c) => setOwnLocale(c, { locale: "zh-CN" }), everyone],
  ["list departments", listDepartments, (c) => listDepartments(c, {}), everyone],
  ["list systems", listSystems, (c) => listSystems(c, {}), everyone],
  ["search everything (scoped to what the caller reads)", globalSearch, (c) => globalSearch(c, { q: "e" }), everyone],
  ["list groups everywhere", listGroups, (c) => listGroups(c, {}), everyone],
  [
    "list groups of an application in other department",
    listGroups,
    (c) => listGroups(c, { system: "ledger", application: "billing" }),
    only(["platformAdmin", "ops"], invisible),
  ],
  ["read own dashboard's group health", myGroupHealth, (c) => myGroupHealth(c), everyone],
  ["read the developer dashboard (own systems only)", getDeveloperDashboard, (c) => getDeveloperDashboard(c), everyone],
  ["read the department admin dashboard (own departments only)", getDepartmentAdminDashboard, (c) => getDepartmentAdminDashboard(c), everyone],
  ["read the ops dashboard", getOpsDashboard, (c) => getOpsDashboard(c), only(["platformAdmin", "ops"])],
  ["read the platform dashboard", getPlatformDashboard, (c) => getPlatformDashboard(c), only(["platformAdmin"])],
  ["read who one is", getMe, (c) => getMe(c), everyone],
  ["list one's notifications", listNotifications, (c) => listNotifications(c, {}), everyone],
  [
    "mark one's own notification read (another's is not found)",
    markNotificationRead,
    async (c) => {
      const [own] = await c.db.notification.createManyAndReturn({
        data: [{ recipientId: c.actor.userId, kind: "node.not-ready", reason: "node_not_ready", params: {}, link: "/" }],
      });
      const other = await c.db.notification.create({
        data: { recipientId: world.as.viewer.actor.userId, kind: "node.not-ready", reason: "node_not_ready", params: {}, link: "/" },
      });
      await markNotificationRead(c, own!.id);
      return markNotificationRead(c, other.id);
    },
    only(["viewer"], 404),
  ],
  ["mark all one's notifications read", markAllNotificationsRead, (c) => markAllNotificationsRead(c), everyone],
  ["read one's notification preferences", getNotificationPreferences, (c) => getNotificationPreferences(c), everyone],
  [
    "set one's notification preferences",
    setNotificationPreferences,
    (c) => setNotificationPreferences(c, { preferences: [{ kind: "group.failing", inApp: true, email: true, webhook: false }] }),
    everyone,
  ],
  ["read one's notification target", getNotificationTarget, (c) => getNotificationTarget(c), everyone],
  [
    "read own department's notification target",
    getNotificationTarget,
    (c) => getNotificationTarget(c, { department: "retail" }),
    only(["platformAdmin", "departmentAdmin"]),
  ],
  [
    "read other department's notification target",
    getNotificationTarget,
    (c) => getNotificationTarget(c, { department: "finance" }),
    only(["platformAdmin"], invisible),
  ],
  [
    "set own department's notification target",
    setNotificationTarget,
    (c) => setNotificationTarget(c, { department: "retail" }, { email: "retail@capstan.test", webhookFormat: "msgtype" }),
    only(["platformAdmin", "departmentAdmin"]),
  ],
  ["set one's own notification target", setNotificationTarget, (c) => setNotificationTarget(c, {}, { email: null, webhookFormat: "slack" }), everyone],
  ["read a data centre", getDataCentre, (c) => getDataCentre(c, "groups-dc"), everyone],
  [
    "change a data centre",
    updateDataCentre,
    async (c) => {
      const dc = await tmpDataCentre();
      return updateDataCentre(c, dc.name, { displayName: "Renamed", version: dc.version });
    },
    only(["platformAdmin"]),
  ],
  ["remove a data centre", deleteDataCentre, async (c) => deleteDataCentre(c, (await tmpDataCentre()).name), only(["platformAdmin"])],
  ["read a cluster", getCluster, (c) => getCluster(c, "groups-cl"), everyone],
  [
    "change a cluster's kubeconfig",
    updateCluster,
    async (c) => {
      const cl = await registerCluster(admin(), {
        name: unique("cl"),
        dataCentre: (await tmpDataCentre()).name,
        kubeconfig: kubeconfigFor("http://127.0.0.1:9"),
      });
      return updateCluster(c, cl.name, { kubeconfig: kubeconfigFor("http://127.0.0.1:10"), version: cl.version });
    },
    only(["platformAdmin"]),
  ],
  ["read own department's quota in one data centre", getDepartmentQuota, (c) => getDepartmentQuota(c, "retail", "groups-dc"), everyone],
  [
    "read other department's quota in one data centre",
    getDepartmentQuota,
    (c) => getDepartmentQuota(c, "finance", "groups-dc"),
    only(["platformAdmin", "ops"], invisible),
  ],
  ["read own system's quota in one data centre", getSystemQuota, (c) => getSystemQuota(c, "shop", "groups-dc"), everyone],
  [
    "read other department's system quota in one data centre",
    getSystemQuota,
    (c) => getSystemQuota(c, "ledger", "groups-dc"),
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "build an application in own system",
    createBuild,
    async (c) => createBuild(c, "shop", (await tmpBuild("shop")).app, { ref: "other" }),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "build an application in other department",
    createBuild,
    async (c) => createBuild(c, "ledger", (await tmpBuild("ledger")).app, { ref: "other" }),
    only(["platformAdmin"], invisible),
  ],
  ["list an application's builds in own system", listBuilds, (c) => listBuilds(c, "shop", "storefront", {}), everyone],
  ["list an application's builds in other department", listBuilds, (c) => listBuilds(c, "ledger", "billing", {}), only(["platformAdmin", "ops"], invisible)],
  [
    "read a build in own system",
    getBuild,
    async (c) => {
      const t = await tmpBuild("shop");
      return getBuild(c, "shop", t.app, t.build.id);
    },
    everyone,
  ],
  [
    "read a build in other department",
    getBuild,
    async (c) => {
      const t = await tmpBuild("ledger");
      return getBuild(c, "ledger", t.app, t.build.id);
    },
    only(["platformAdmin", "ops"], invisible),
  ],
  [
    "read a build's log in own system",
    buildLog,
    async (c) => {
      const t = await tmpBuild("shop");
      return buildLog(c, "shop", t.app, t.build.id, {});
    },
    everyone,
  ],
  [
    "cancel a build in own system",
    cancelBuild,
    async (c) => {
      const t = await tmpBuild("shop");
      return cancelBuild(c, "shop", t.app, t.build.id);
    },
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "cancel a build in other department",
    cancelBuild,
    async (c) => {
      const t = await tmpBuild("ledger");
      return cancelBuild(c, "ledger", t.app, t.build.id);
    },
    only(["platformAdmin"], invisible),
  ],
  [
    "rotate an application's webhook secret in own system",
    rotateWebhookSecret,
    async (c) => rotateWebhookSecret(c, "shop", (await tmpApp("shop")).name),
    only(["platformAdmin", "departmentAdmin", "developer"]),
  ],
  [
    "rotate an application's webhook secret in other department",
    rotateWebhookSecret,
    async (c) => rotateWebhookSecret(c, "ledger", (await tmpApp("ledger")).name),
    only(["platformAdmin"], invisible),
  ],
  // images-dc's Harbor cannot be reached (nothing listens there): a role let through gets the registry's 502, one refused a 404.
  ["list an application's images in own system", listImageTags, (c) => listImageTags(c, "shop", "storefront", "images-dc"), only([], 502)],
  [
    "list an application's images in other department",
    listImageTags,
    (c) => listImageTags(c, "ledger", "billing", "images-dc"),
    only([], { platformAdmin: 502, ops: 502, ...invisible }),
  ],
  // Registry access and images, against images-dc (unreachable, with a quota for shop and ledger): reads
  // answer with the registry marked unavailable; changes let through get the registry's 502.
  ["read own system's registry access", getSystemRegistry, (c) => getSystemRegistry(c, "shop"), everyone],
  ["read other department's registry access", getSystemRegistry, (c) => getSystemRegistry(c, "ledger"), only(["platformAdmin", "ops"], invisible)],
  ["list an application's images everywhere in own system", listImages, (c) => listImages(c, "shop", "storefront"), everyone],
  [
    "list an application's images everywhere in other department",
    listImages,
    (c) => listImages(c, "ledger", "billing"),
    only(["platformAdmin", "ops"], invisible),
  ],
  ...(
    [
      ["make a push robot", createPushRobot, (c: Context, s: string) => createPushRobot(c, s, { dataCentre: "images-dc", name: "ci" })],
      ["rotate a push robot", rotatePushRobot, (c: Context, s: string) => rotatePushRobot(c, s, "images-dc", "ci")],
      ["delete a push robot", deletePushRobot, (c: Context, s: string) => deletePushRobot(c, s, "images-dc", "ci")],
      ["delete an image tag", deleteImageTag, (c: Context, s: string, a: string) => deleteImageTag(c, s, a, "1.0", "images-dc")],
      ["promote an image", promoteImage, (c: Context, s: string, a: string) => promoteImage(c, s, a, { tag: "1.0", from: "images-dc", to: ["groups-dc"] })],
    ] as const
  ).flatMap(([what, useCase, op]): Case[] => [
    [`${what} in own system`, useCase, (c) => op(c, "shop", "storefront"), only([], { platformAdmin: 502, departmentAdmin: 502, developer: 502 })],
    [`${what} in other department`, useCase, (c) => op(c, "ledger", "billing"), only([], { platformAdmin: 502, ops: 403, ...invisible })],
  ]),
  [
    "read a bulk node transition",
    getNodeBulkTransition,
    async (c) => {
      const n = await tmpNode();
      const { id } = await bulkTransitionNodes(admin(), { to: "WAIT", reason: "prepared", nodes: [{ cluster: n.cluster, name: n.name }] });
      return getNodeBulkTransition(c, id);
    },
    only(["platformAdmin", "ops"]),
  ],
];

beforeAll(async () => {
  const { db } = await testDatabase();
  world = await buildWorld(db);
  await registerDataCentre(admin(), {
    name: "groups-dc",
    displayName: "DC",
    region: "r",
    harborUrl: "http://h.test",
    harborUsername: "a",
    harborPassword: "p",
  });
  await registerCluster(admin(), { name: "groups-cl", dataCentre: "groups-dc", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await grantQuota(world, "groups-dc");
  await db.labelDefinition.create({ data: { key: "zone", kind: "ZONE", values: ["default"] } });
  await registerDataCentre(admin(), {
    name: "images-dc",
    displayName: "DC",
    region: "r",
    harborUrl: "http://127.0.0.1:9",
    harborUsername: "a",
    harborPassword: "p",
  });
  await grantQuota(world, "images-dc");
});

describe("authorisation", () => {
  it("has a row for every use case index.ts exports", () => {
    const covered = new Set<unknown>(cases.map(([, useCase]) => useCase));
    const missing = Object.entries(useCases)
      .filter(([, value]) => typeof value === "function" && !covered.has(value))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });
  for (const [name, , op, expected] of cases) {
    it(name, async () => {
      const got = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await outcome(() => op(world.as[r]))] as const)));
      expect(got).toEqual(expected);
    });
  }
});
