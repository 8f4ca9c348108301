// A balancer's live stats from a real haproxy on a loopback pod address: its configuration rendered from the
// rows (dataPlaneSpec), its member pods real HTTP servers (one taken out, one with nothing listening), and an LB
// pod that does not answer reported as such rather than failing the request; its LB pods are those with its labels.
import http from "node:http";
import { lbSelector, renderDataPlane } from "@capstan/domain";
import { HaproxyRuntime } from "@capstan/orchestrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDataPlane, startDataPlane } from "../../../../tests/data-plane";
import { testDatabase } from "../../../../tests/database";
import { createGroup, createLoadBalancer, getLoadBalancerStats, takeOutPod } from "../index";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";
import { dataPlaneSpec } from "./data-plane-spec";

// A /24 of the loopback pod network of its own (any 127.x.y.z can be bound here), so parallel runs do not meet.
const subnet = `127.17.${1 + Math.floor(Math.random() * 254)}`;
const LB_IP = `${subnet}.1`;
const LB_PORT = 18000 + Math.floor(Math.random() * 1000);
const APP_PORT = 8080; // the application's default port, which its pods serve on
const pod = (suffix: string, host: number) => ({ name: `storefront-web-7c9d8f6b5-${suffix}`, ip: `${subnet}.${host}` });
const [A, B, C] = [pod("a1b2c", 10), pod("d3e4f", 11), pod("g5h6i", 12)] as const;

let world: World;
let haproxy: RunningDataPlane | undefined;
const servers: http.Server[] = [];
const podNetworks = process.env.CAPSTAN_POD_NETWORKS;

const get = (path: string) =>
  new Promise<string>((resolve, reject) => {
    http
      .get({ host: LB_IP, port: LB_PORT, path, agent: false }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });

beforeAll(async () => {
  process.env.CAPSTAN_POD_NETWORKS = "127.16.0.0/12";
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const admin = world.as.platformAdmin;
  await createGroup(admin, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0.0", replicas: 3, cpu: "100m", memory: "128Mi" });
  const web = await world.db.group.findFirstOrThrow({ where: { name: "web" } });
  for (const p of [A, B, C])
    await world.db.pod.create({
      data: { clusterId: web.clusterId, namespace: "shop", name: p.name, uid: p.name, groupId: web.id, phase: "Running", ready: true, ip: p.ip },
    });
  // The LB pods, told apart by their labels as the controllers select them: one running haproxy, one nobody
  // answers at, one not ready; and a pod named like one of them that is another application's (not asked).
  const labels = lbSelector("storefront", "front");
  for (const [name, ip, ready, podLabels] of [
    ["lb-front-6b7c8d9f4-abcde", LB_IP, true, labels],
    ["lb-front-6b7c8d9f4-xyz12", `${subnet}.2`, true, labels],
    ["lb-front-6b7c8d9f4-nrdy1", `${subnet}.3`, false, labels],
    ["lb-front-5a6b7c8d9-other", `${subnet}.4`, true, lbSelector("checkout", "front")],
  ] as const)
    await world.db.pod.create({
      data: { clusterId: web.clusterId, namespace: "shop", name, uid: name, phase: "Running", ready, ip, labels: podLabels },
    });
  for (const p of [A, B]) {
    const server = http.createServer((_req, res) => res.end(p.name));
    servers.push(server);
    await new Promise<void>((r) => server.listen(APP_PORT, p.ip, r));
  }
  await createLoadBalancer(admin, "shop", "storefront", {
    name: "front",
    dataCentre: "dc1",
    port: LB_PORT,
    healthCheck: { path: "/healthz", intervalSeconds: 1, rise: 1, fall: 1 },
    members: [{ group: "web" }],
  });
  await takeOutPod(admin, "shop", "storefront", "front", B.name, { drainSeconds: 600 });
  const lb = await world.db.loadBalancer.findFirstOrThrow({ where: { name: "front" } });
  const config = renderDataPlane((await dataPlaneSpec(world.db, lb.id))!);
  haproxy = await startDataPlane("haproxy", config.text, LB_IP, { ready: async () => (await new HaproxyRuntime(LB_IP).stats()).length > 0 });
}, 60_000);

afterAll(async () => {
  await haproxy?.stop();
  for (const s of servers) await new Promise((r) => s.close(r));
  if (podNetworks === undefined) delete process.env.CAPSTAN_POD_NETWORKS;
  else process.env.CAPSTAN_POD_NETWORKS = podNetworks;
});

describe("load balancer stats", () => {
  it("merge haproxy's view of each backend pod with the rows, and report an LB pod that does not answer", async () => {
    const stats = () => getLoadBalancerStats(world.as.viewer, "shop", "storefront", "front");
    // Health checks every second, one failure makes a server down.
    const states = async () => Object.fromEntries((await stats()).backends.map((b) => [b.pod, b.state]));
    for (const deadline = Date.now() + 15_000; (await states())[C.name] !== "down" && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 4; i++) expect(await get("/")).toBe(A.name);
    const s = await stats();
    expect(s.kind).toBe("haproxy");
    expect(s.backends).toEqual([
      { pod: A.name, group: "web", state: "up", weight: expect.any(Number), currentSessions: 0, totalSessions: 4, health: "L7OK" },
      { pod: B.name, group: "web", state: "draining", weight: 0, currentSessions: 0, totalSessions: 0, health: "L7OK" },
      { pod: C.name, group: "web", state: "down", weight: expect.any(Number), currentSessions: 0, totalSessions: 0, health: expect.stringMatching(/^L4/) },
    ]);
    expect(s.dataPlanes).toEqual([
      { pod: "lb-front-6b7c8d9f4-abcde", ip: LB_IP, reachable: true, errorReason: null, error: null, activeConnections: null, requests: null },
      {
        pod: "lb-front-6b7c8d9f4-nrdy1",
        ip: `${subnet}.3`,
        reachable: false,
        errorReason: "not_ready",
        error: "not ready",
        activeConnections: null,
        requests: null,
      },
      {
        pod: "lb-front-6b7c8d9f4-xyz12",
        ip: `${subnet}.2`,
        reachable: false,
        errorReason: "unreachable",
        error: expect.stringMatching(/ECONNREFUSED/),
        activeConnections: null,
        requests: null,
      },
    ]);
  }, 30_000);

  it("never ask a stale LB pod row whose IP another balancer's pod was seen with since", async () => {
    const web = await world.db.group.findFirstOrThrow({ where: { name: "web" } });
    const ip = `${subnet}.20`;
    // The pod of a former incarnation of the cluster, and the pod of another balancer given its IP since.
    await world.db.pod.create({
      data: {
        clusterId: web.clusterId,
        namespace: "shop",
        name: "lb-front-4f5e6d7c8-ghost",
        uid: "ghost",
        phase: "Running",
        ready: true,
        ip,
        labels: lbSelector("storefront", "front"),
        updatedAt: new Date(Date.now() - 60_000),
      },
    });
    await world.db.pod.create({
      data: {
        clusterId: web.clusterId,
        namespace: "shop",
        name: "lb-back-9a8b7c6d5-newer",
        uid: "newer",
        phase: "Running",
        ready: true,
        ip,
        labels: lbSelector("storefront", "back"),
      },
    });
    const s = await getLoadBalancerStats(world.as.viewer, "shop", "storefront", "front");
    expect(s.dataPlanes.map((d) => d.pod)).toEqual(["lb-front-6b7c8d9f4-abcde", "lb-front-6b7c8d9f4-nrdy1", "lb-front-6b7c8d9f4-xyz12"]);
  }, 30_000);
});
