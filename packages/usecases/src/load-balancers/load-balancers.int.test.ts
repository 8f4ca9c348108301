// Load balancers' use cases against PostgreSQL: defaults, every refusal (422 naming the field, 409s), members
// and their shares, taking a group or one pod out and putting it back, the quota, deletion and the history.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import {
  createApplication,
  createGroup,
  createLoadBalancer,
  deleteGroup,
  deleteLoadBalancer,
  getLoadBalancer,
  getDeveloperDashboard,
  getSystemQuotas,
  listLoadBalancerHistory,
  listLoadBalancers,
  putBackMember,
  putBackPod,
  registerCluster,
  registerDataCentre,
  rolloutGroup,
  setLoadBalancerMembers,
  setSystemQuota,
  takeOutMember,
  takeOutPod,
  updateLoadBalancer,
} from "../index";
import { buildWorld, grantQuota, kubeconfigFor, withDataCentre, type World } from "../testing/fixtures";
import { dataPlaneSpec } from "./data-plane-spec";
import { loadBalancerDetail } from "./load-balancer-detail";
import { findLoadBalancer } from "./load-balancer-rows";

let world: World;
const dev = () => world.as.developer;
const ZONE = "dc1.capstan.internal";
const jobs = async () =>
  (await world.db.$queryRaw<{ task_identifier: string }[]>`SELECT task_identifier FROM graphile_worker.jobs ORDER BY task_identifier`).map(
    (j) => j.task_identifier,
  );
const clearJobs = () => world.db.$queryRaw`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs`;
const group = { dataCentre: "dc1", cluster: "dc1-a", imageTag: "1.0.0", replicas: 2, cpu: "100m", memory: "128Mi" };
let podNumber = 0;
/** Pod rows of group `name` of storefront, as the inventory writes them. */
async function pods(name: string, count: number, ready = true) {
  const g = await world.db.group.findFirstOrThrow({ where: { name, application: { name: "storefront" } } });
  const made: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = ++podNumber;
    const row = await world.db.pod.create({
      data: {
        clusterId: g.clusterId,
        namespace: "shop",
        name: `storefront-${name}-7c9d8-p${String(n).padStart(4, "0")}`,
        uid: `uid-${n}`,
        groupId: g.id,
        phase: "Running",
        ready,
        ip: `10.2.0.${n}`,
      },
    });
    made.push(row.name);
  }
  return made;
}
const lbId = async (name: string) => (await world.db.loadBalancer.findFirstOrThrow({ where: { name } })).id;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  await registerCluster(world.as.platformAdmin, { name: "dc1-b", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await world.db.dataCentre.update({ where: { name: "dc1" }, data: { dnsZone: ZONE } });
  // dc2: no DNS zone, and room for one pod of shop only.
  await registerDataCentre(world.as.platformAdmin, {
    name: "dc2",
    displayName: "DC 2",
    region: "r",
    harborUrl: "http://h.test",
    harborUsername: "a",
    harborPassword: "p",
  });
  await registerCluster(world.as.platformAdmin, { name: "dc2-a", dataCentre: "dc2", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await grantQuota(world, "dc2");
  await setSystemQuota(world.as.platformAdmin, "shop", "dc2", { cpu: "1", memory: "1Gi", gpu: 0, instances: 1 });
  for (const name of ["blue", "green", "canary"]) await createGroup(world.as.platformAdmin, "shop", "storefront", { name, ...group });
  await createGroup(world.as.platformAdmin, "shop", "storefront", { name: "elsewhere", ...group, cluster: "dc1-b" });
  await createApplication(world.as.platformAdmin, "shop", { name: "catalog", displayName: "Catalog" });
  await createGroup(world.as.platformAdmin, "shop", "catalog", { name: "api", ...group });
  await clearJobs();
});

describe("load balancers", () => {
  it("read while the worker deletes the row (after the balancer's own read): a 404, not a 500", async () => {
    await createLoadBalancer(dev(), "shop", "storefront", { name: "going", dataCentre: "dc1", cluster: "dc1-a" });
    const { system, loadBalancer } = await world.db.$transaction((tx) => findLoadBalancer(tx, dev().actor, "shop", "storefront", "going"));
    await world.db.loadBalancer.delete({ where: { id: loadBalancer.id } });
    await expect(world.db.$transaction((tx) => loadBalancerDetail(tx, dev().actor, system, loadBalancer))).rejects.toMatchObject({
      status: 404,
      reason: "not_found",
    });
    await clearJobs();
  });

  it("are created with the issue's defaults, their members in, and reconciles of the balancer and its DNS requested", async () => {
    const lb = await createLoadBalancer(dev(), "shop", "storefront", {
      name: "front",
      dataCentre: "dc1",
      domains: [`front.shop.${ZONE}`],
      members: [{ group: "blue" }],
    });
    expect(lb).toMatchObject({
      name: "front",
      kind: "haproxy",
      replicas: 2,
      cluster: "dc1-a",
      port: 80,
      protocol: "HTTP",
      algorithm: "roundrobin",
      // The application's health check path (applications default to /healthz).
      healthCheck: { path: "/healthz", intervalSeconds: 2, rise: 2, fall: 3 },
      timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 },
      stickyCookie: null,
      forwardedFor: true,
      maxConnPerBackend: null,
      domains: [{ name: `front.shop.${ZONE}`, published: false }],
      members: [{ group: "blue", weight: 100, share: 0, state: "IN", drainSeconds: null }],
      warnings: ["no_pod_in"],
      version: 1,
      generation: 1,
      observedGeneration: 0,
      can: { write: true },
    });
    expect(lb.configuration.file).toBe("haproxy.cfg");
    expect(lb.configuration.text).toContain("balance roundrobin");
    expect(await jobs()).toEqual(["reconcile-dns", "reconcile-load-balancer"]);
    // The nginx kind's default algorithm is its own.
    const n = await createLoadBalancer(dev(), "shop", "storefront", { name: "plain", kind: "nginx", protocol: "TCP", dataCentre: "dc1", cluster: "dc1-a" });
    expect(n).toMatchObject({ kind: "nginx", algorithm: "round_robin", healthCheck: { path: null }, forwardedFor: false, warnings: ["no_members"] });
    expect((await listLoadBalancers(world.as.viewer, "shop", "storefront", {})).items.map((l) => l.name)).toEqual(["front", "plain"]);
  });

  it("refuse bad input with a 422 naming the field", async () => {
    const bad = async (input: object, field: string, status = 422) =>
      expect(createLoadBalancer(dev(), "shop", "storefront", { name: "bad", dataCentre: "dc1", cluster: "dc1-a", ...input })).rejects.toMatchObject({
        status,
        fields: { [field]: expect.any(String) },
      });
    await bad({ members: [{ group: "blue", weight: 257 }] }, "members.0.weight");
    await bad({ members: [{ group: "blue", weight: -1 }] }, "members.0.weight");
    await bad({ members: [{ group: "api" }] }, "members.0.group"); // a group of another application
    await bad({ cluster: undefined, members: [{ group: "api" }] }, "members.0.group"); // … also when it would choose the cluster
    await bad({ cluster: undefined }, "cluster"); // dc1 has two clusters
    await bad({ cluster: "dc1-a", members: [{ group: "blue" }, { group: "elsewhere" }] }, "members.1.group"); // of another cluster
    await bad({ algorithm: "least_conn" }, "algorithm"); // nginx's, not haproxy's
    await bad({ kind: "nginx", algorithm: "source" }, "algorithm");
    await bad({ port: 0 }, "port");
    await bad({ port: 65536 }, "port");
    await bad({ protocol: "GRPC" }, "protocol");
    // Settings only HTTP can honour (the renderers write them for HTTP only) are refused on TCP, not stored.
    await bad({ protocol: "TCP", stickyCookie: "SERVERID" }, "stickyCookie");
    await bad({ protocol: "TCP", forwardedFor: true }, "forwardedFor");
    await bad({ protocol: "TCP", healthCheck: { path: "/healthz" } }, "healthCheck.path");
    await bad({ domains: ["front.example.com"] }, "domains.0"); // outside the zone
    await bad({ domains: [ZONE] }, "domains.0"); // the zone's apex
    await bad({ dataCentre: "dc2", cluster: "dc2-a", domains: ["front.dc2.capstan.internal"] }, "domains"); // dc2 has no zone
    await bad({ domains: [`front.shop.${ZONE}`] }, "domains.0", 409); // taken by "front"
    await bad({ name: "front" }, "name", 409);
    // Another application of the system cannot take the name either: the objects lb-<name> share its namespace.
    await expect(createLoadBalancer(dev(), "shop", "catalog", { name: "front", dataCentre: "dc1", cluster: "dc1-a" })).rejects.toMatchObject({
      status: 409,
      reason: "load_balancer_exists",
      params: { system: "shop", application: "storefront", loadBalancer: "front" },
      fields: { name: expect.any(String) },
    });
    await bad({ cluster: "nowhere" }, "cluster");
    await bad({ cluster: "dc2-a" }, "cluster"); // not in dc1
    expect(await world.db.loadBalancer.count({ where: { name: "bad" } })).toBe(0);
  });

  it("count their pods against the system's quota, on create and when replicas grow", async () => {
    await expect(createLoadBalancer(dev(), "shop", "storefront", { name: "big", dataCentre: "dc2", replicas: 2 })).rejects.toMatchObject({
      status: 409,
      reason: "quota_exceeded",
      fields: { replicas: expect.any(String) },
    });
    const small = await createLoadBalancer(dev(), "shop", "storefront", { name: "small", dataCentre: "dc2", replicas: 1 });
    const dc2 = (await getSystemQuotas(dev(), "shop")).items.find((q) => q.dataCentre === "dc2")!;
    expect(dc2.used).toEqual({ cpuMillis: 100, memoryMiB: 128, gpu: 0, instances: 1 });
    // The dashboards' quota use sums balancers too.
    const dashboard = (await getDeveloperDashboard(dev())).quotas.find((q) => q.system === "shop" && q.dataCentre === "dc2")!;
    expect(dashboard.used).toEqual({ cpuMillis: 100, memoryMiB: 128, gpu: 0, instances: 1 });
    await expect(updateLoadBalancer(dev(), "shop", "storefront", "small", { replicas: 2, version: small.version })).rejects.toMatchObject({
      status: 409,
      fields: { replicas: expect.any(String) },
    });
  });

  it("hold their share of the namespace's quota when a group's new revision must fit beside them", async () => {
    await setSystemQuota(world.as.platformAdmin, "shop", "dc2", { cpu: "1", memory: "1Gi", gpu: 0, instances: 2 });
    await createGroup(world.as.platformAdmin, "shop", "storefront", {
      name: "tight",
      dataCentre: "dc2",
      imageTag: "1.0.0",
      replicas: 1,
      cpu: "850m",
      memory: "128Mi",
    });
    // A quota lowered below use (as before the check that refuses it): 900m, of which the balancer holds 100m.
    await world.db.systemQuota.updateMany({ where: { system: { name: "shop" }, dataCentre: { name: "dc2" } }, data: { cpuMillis: 900 } });
    await expect(rolloutGroup(world.as.platformAdmin, "shop", "storefront", "tight", { image: "1.0.1" })).rejects.toMatchObject({
      status: 409,
      reason: "rollout_cannot_complete",
    });
  });

  it("split traffic by weight among members in, and refuse a stale version", async () => {
    await pods("blue", 3);
    await pods("green", 1);
    const before = await getLoadBalancer(dev(), "shop", "storefront", "front");
    const lb = await setLoadBalancerMembers(dev(), "shop", "storefront", "front", {
      members: [
        { group: "blue", weight: 150 },
        { group: "green", weight: 50 },
      ],
      version: before.version,
    });
    expect(lb.members.map((m) => [m.group, m.weight, m.share])).toEqual([
      ["blue", 150, 75],
      ["green", 50, 25],
    ]);
    expect(lb.version).toBe(before.version + 1);
    expect(lb.generation).toBe(before.generation + 1);
    expect(lb.warnings).toEqual([]);
    expect(lb.pods.map((p) => [p.group, p.state])).toEqual([...Array(3).fill(["blue", "IN"]), ["green", "IN"]]);
    await expect(setLoadBalancerMembers(dev(), "shop", "storefront", "front", { members: [], version: before.version })).rejects.toMatchObject({
      status: 409,
      reason: "stale_version",
    });
    await expect(
      setLoadBalancerMembers(dev(), "shop", "storefront", "front", { members: [{ group: "elsewhere", weight: 1 }], version: lb.version }),
    ).rejects.toMatchObject({ status: 422, fields: { "members.0.group": expect.stringContaining("dc1-b") } });
  });

  it("take a group out by draining it, warn when no member is left in, and put it back", async () => {
    const out = await takeOutMember(dev(), "shop", "storefront", "front", "green", {});
    expect(out.members.find((m) => m.group === "green")).toMatchObject({ state: "DRAINING", drainSeconds: 30, share: 0 });
    expect(out.members.find((m) => m.group === "blue")!.share).toBe(100);
    const last = await takeOutMember(dev(), "shop", "storefront", "front", "blue", { drainSeconds: 0 });
    expect(last.members.find((m) => m.group === "blue")).toMatchObject({ state: "OUT" });
    expect(last.warnings).toEqual(["no_member_in"]);
    await expect(takeOutMember(dev(), "shop", "storefront", "front", "canary", {})).rejects.toMatchObject({ status: 404 });
    await expect(takeOutMember(dev(), "shop", "storefront", "front", "green", { drainSeconds: 3601 })).rejects.toMatchObject({
      status: 422,
      fields: { drainSeconds: expect.any(String) },
    });
    for (const g of ["blue", "green"]) await putBackMember(dev(), "shop", "storefront", "front", g);
    const back = await getLoadBalancer(dev(), "shop", "storefront", "front");
    expect(back.members.map((m) => [m.group, m.state, m.share])).toEqual([
      ["blue", "IN", 75],
      ["green", "IN", 25],
    ]);
  });

  it("take one pod out of the balancer's groups and put it back; a pod of another group is a 422 naming the pod", async () => {
    const [first] = (await getLoadBalancer(dev(), "shop", "storefront", "front")).pods.map((p) => p.name);
    const lb = await takeOutPod(dev(), "shop", "storefront", "front", first!, { drainSeconds: 10 });
    expect(lb.pods.find((p) => p.name === first)).toMatchObject({ state: "DRAINING", drainSeconds: 10, stateSince: expect.any(String) });
    const spec = (await dataPlaneSpec(world.db, await lbId("front")))!;
    expect(spec.backends.find((b) => b.pod === first)).toMatchObject({ state: "DRAINING", weight: 0 });
    expect(spec.drainSeconds).toBe(10);
    expect(spec.backends.filter((b) => b.state === "IN").map((b) => b.group)).toEqual(["blue", "blue", "green"]);
    // The application's list shows each member's weight and state, and the pods taken out.
    // (A member out as the controller leaves it after a drain, written directly so the history test below is unchanged.)
    const green = { group: { name: "green" } };
    await world.db.loadBalancerMember.updateMany({ where: green, data: { state: "OUT" } });
    const listed = (await listLoadBalancers(world.as.viewer, "shop", "storefront", {})).items.find((l) => l.name === "front")!;
    expect([listed.members, listed.podsOut]).toEqual([
      [
        { group: "blue", weight: 150, state: "IN" },
        { group: "green", weight: 50, state: "OUT" },
      ],
      1,
    ]);
    await world.db.loadBalancerMember.updateMany({ where: green, data: { state: "IN" } });
    const [other] = await pods("canary", 1);
    await expect(takeOutPod(dev(), "shop", "storefront", "front", other!, {})).rejects.toMatchObject({
      status: 422,
      reason: "lb_pod_not_member",
      fields: { pod: expect.any(String) },
    });
    const back = await putBackPod(dev(), "shop", "storefront", "front", first!);
    expect(back.pods.find((p) => p.name === first)).toMatchObject({ state: "IN", stateSince: null });
    expect(await world.db.loadBalancerPodState.count()).toBe(0);
  });

  it("change settings with the version, checking the algorithm against the resulting kind, and reconcile DNS when names change", async () => {
    const lb = await getLoadBalancer(dev(), "shop", "storefront", "front");
    await expect(updateLoadBalancer(dev(), "shop", "storefront", "front", { kind: "nginx", version: lb.version })).rejects.toMatchObject({
      status: 422,
      fields: { algorithm: expect.stringContaining("least_conn") },
    });
    await clearJobs();
    const changed = await updateLoadBalancer(dev(), "shop", "storefront", "front", {
      kind: "nginx",
      algorithm: "least_conn",
      healthCheck: { intervalSeconds: 5 },
      domains: [`front.shop.${ZONE}`, `www.shop.${ZONE}`],
      version: lb.version,
    });
    expect(changed).toMatchObject({
      kind: "nginx",
      algorithm: "least_conn",
      healthCheck: { path: "/healthz", intervalSeconds: 5, rise: 2 },
      version: lb.version + 1,
    });
    expect(changed.domains.map((d) => d.name)).toEqual([`front.shop.${ZONE}`, `www.shop.${ZONE}`]);
    expect(changed.configuration.file).toBe("nginx.conf");
    expect(await jobs()).toEqual(["reconcile-dns", "reconcile-load-balancer"]);
    await expect(
      updateLoadBalancer(dev(), "shop", "storefront", "plain", {
        domains: [`www.shop.${ZONE}`],
        version: (await getLoadBalancer(dev(), "shop", "storefront", "plain")).version,
      }),
    ).rejects.toMatchObject({ status: 409, reason: "lb_domain_taken" });
    await expect(updateLoadBalancer(world.as.viewer, "shop", "storefront", "front", { replicas: 3, version: changed.version })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("refuse HTTP-only settings a change sets on a TCP balancer, and drop those a change to TCP leaves", async () => {
    const http = await createLoadBalancer(dev(), "shop", "storefront", { name: "relay", dataCentre: "dc1", cluster: "dc1-a", stickyCookie: "SERVERID" });
    const tcp = await updateLoadBalancer(dev(), "shop", "storefront", "relay", { protocol: "TCP", version: http.version });
    expect(tcp).toMatchObject({ protocol: "TCP", stickyCookie: null, forwardedFor: false, healthCheck: { path: null } });
    expect(tcp.configuration.text).not.toContain("cookie");
    for (const [given, field] of [
      [{ stickyCookie: "SERVERID" }, "stickyCookie"],
      [{ forwardedFor: true }, "forwardedFor"],
      [{ healthCheck: { path: "/healthz" } }, "healthCheck.path"],
      [{ protocol: "TCP", stickyCookie: "SERVERID" }, "stickyCookie"],
    ] as const)
      await expect(updateLoadBalancer(dev(), "shop", "storefront", "relay", { ...given, version: tcp.version })).rejects.toMatchObject({
        status: 422,
        reason: "lb_http_only_on_tcp",
        fields: { [field]: "is for HTTP balancers only: a TCP balancer cannot use it" },
      });
    // Turning them off is fine, and so is a cookie set together with the change back to HTTP.
    const off = await updateLoadBalancer(dev(), "shop", "storefront", "relay", { stickyCookie: null, forwardedFor: false, version: tcp.version });
    const back = await updateLoadBalancer(dev(), "shop", "storefront", "relay", { protocol: "HTTP", stickyCookie: "SERVERID", version: off.version });
    expect(back).toMatchObject({ protocol: "HTTP", stickyCookie: "SERVERID" });
  });

  it("keep their member groups: deleting one is a 409 naming the balancer", async () => {
    await expect(deleteGroup(dev(), "shop", "storefront", "green")).rejects.toMatchObject({
      status: 409,
      reason: "group_is_balanced",
      params: { loadBalancer: "front" },
    });
    await deleteGroup(dev(), "shop", "storefront", "canary");
  });

  it("are deleted by the orchestrator after a request; changes are then refused", async () => {
    await clearJobs();
    await deleteLoadBalancer(dev(), "shop", "storefront", "plain");
    expect(await jobs()).toEqual(["reconcile-dns", "reconcile-load-balancer"]);
    expect(await getLoadBalancer(dev(), "shop", "storefront", "plain")).toMatchObject({ deleting: true });
    await expect(takeOutMember(dev(), "shop", "storefront", "plain", "blue", {})).rejects.toMatchObject({ status: 409, reason: "load_balancer_being_deleted" });
  });

  it("show their audited changes as their history, newest first, in keyset pages", async () => {
    const first = await listLoadBalancerHistory(world.as.viewer, "shop", "storefront", "front", { pageSize: 3 });
    expect(first.items.map((e) => e.action)).toEqual(["load-balancer.update", "load-balancer.pod-in", "load-balancer.pod-out"]);
    const rest = await listLoadBalancerHistory(world.as.viewer, "shop", "storefront", "front", { pageSize: 100, cursor: first.nextCursor! });
    expect(rest.items.map((e) => e.action)).toEqual([
      "load-balancer.member-in",
      "load-balancer.member-in",
      "load-balancer.member-out",
      "load-balancer.member-out",
      "load-balancer.members",
      "load-balancer.create",
    ]);
    expect(first.total).toBe(9);
    expect(rest.items[1]!.after).toEqual({ group: "blue", state: "IN" });
  });
});
