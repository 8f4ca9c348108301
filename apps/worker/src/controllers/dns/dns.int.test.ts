// The DNS controller against the simulator, with the built-in provider and server: a balancer's name
// resolves to its ready LB pods, follows a pod that goes, drops a removed name, leaves a name someone else
// holds, and is removed once the balancer's deletion is requested. The inventory's hook requests it.
import type { V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dig } from "../../../../../tests/dig";
import { type DnsServer, startDnsServer } from "../../dns/server";
import { LABEL } from "@capstan/domain";
import { startWorker } from "../../worker";
import { simulatedWorld } from "../../testing";
import { requestBalancerOfPod } from "../../inventory/load-balancers";
import { createLoadBalancer, getLoadBalancer } from "@capstan/usecases";
import { reconcileDns } from "./reconcile";

const ZONE = "dc1.capstan.internal";
const HOST = `127.55.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
let w: Awaited<ReturnType<typeof simulatedWorld>>;
let server: DnsServer;
let lbId: string;
let clusterId: string;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

const lbPod = (name: string, node: string) => ({
  // Labelled as the balancer's Deployment labels its pods (lbManifests): its name and its application.
  metadata: { name, labels: { "capstan.io/load-balancer": "front", [LABEL.application]: "storefront" } },
  spec: { nodeName: node, containers: [{ name: "haproxy", image: "haproxy:2.6" }] },
});
const readyIps = async () =>
  (await w.k8s.core.listNamespacedPod({ namespace: "shop", labelSelector: "capstan.io/load-balancer=front" })).items
    .filter((p: V1Pod) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
    .map((p) => p.status!.podIP!);
const waitFor = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> => {
  for (const until = Date.now() + 20_000; ; ) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
const sorted = (xs: string[]) => [...xs].sort();

beforeAll(async () => {
  w = await simulatedWorld();
  const { db } = w;
  const dc = await db.dataCentre.update({ where: { name: "dc1" }, data: { dnsZone: ZONE } });
  const cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
  const app = await db.application.findFirstOrThrow({ where: { name: "storefront" } });
  const lb = await db.loadBalancer.create({
    data: { applicationId: app.id, dataCentreId: dc.id, clusterId: cluster.id, name: "front", algorithm: "roundrobin" },
  });
  [lbId, clusterId] = [lb.id, cluster.id];
  await db.loadBalancerDomain.createMany({
    data: [
      { name: `front.shop.${ZONE}`, loadBalancerId: lb.id },
      { name: `www.shop.${ZONE}`, loadBalancerId: lb.id },
    ],
  });
  const nodes = (await w.k8s.core.listNode()).items.map((n) => n.metadata!.name!);
  await w.k8s.core.createNamespace({ body: { metadata: { name: "shop" } } }).catch(() => undefined);
  for (const [i, node] of nodes.slice(0, 2).entries()) await w.k8s.core.createNamespacedPod({ namespace: "shop", body: lbPod(`lb-front-${i}`, node) });
  await waitFor(readyIps, (ips) => ips.length === 2, "two ready LB pods");
  server = await startDnsServer(db, { address: HOST, port: 0, cacheMs: 0 });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await w?.sim.stop();
});

describe("DNS controller (built-in provider)", () => {
  it("resolves each name to the ready LB pods' IPs", async () => {
    await reconcileDns(w.db, { loadBalancerId: lbId });
    const ips = await readyIps();
    for (const name of [`front.shop.${ZONE}`, `www.shop.${ZONE}`]) expect(sorted((await dig(HOST, server.port, name)).answers)).toEqual(sorted(ips));
    expect((await dig(HOST, server.port, `front.shop.${ZONE}`, "TXT")).answers).toEqual([`"heritage=capstan,capstan/owner=${lbId}"`]);
  });

  it("follows an LB pod that goes; the inventory's hook (requestBalancerOfPod) requests the reconcile", async () => {
    await w.k8s.core.deleteNamespacedPod({ namespace: "shop", name: "lb-front-0", gracePeriodSeconds: 0 });
    const left = await waitFor(readyIps, (ips) => ips.length === 1, "one ready LB pod");
    await requestBalancerOfPod(w.db, clusterId, "shop", { "capstan.io/load-balancer": "front", [LABEL.application]: "storefront" });
    const jobs = await w.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'reconcile-dns'`;
    expect(jobs.map((j) => j.key)).toContain(`dns:${lbId}`);
    await reconcileDns(w.db, { loadBalancerId: lbId });
    expect((await dig(HOST, server.port, `front.shop.${ZONE}`)).answers).toEqual(left);
  });

  it("end to end: a new LB pod, seen by the worker's inventory, is resolved within seconds", async () => {
    // Only the inventory's hook may request it from here on.
    await w.db.$queryRaw`SELECT graphile_worker.remove_job(${`dns:${lbId}`})`;
    worker = await startWorker(w.db, w.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
    const node = (await w.k8s.core.listNode()).items[2]!.metadata!.name!;
    await w.k8s.core.createNamespacedPod({ namespace: "shop", body: lbPod("lb-front-2", node) });
    const ips = await waitFor(readyIps, (x) => x.length === 2, "a second ready LB pod");
    await waitFor(
      async () => sorted((await dig(HOST, server.port, `front.shop.${ZONE}`)).answers),
      (answers) => JSON.stringify(answers) === JSON.stringify(sorted(ips)),
      "the name to follow the new pod",
    );
    await worker.stop();
    worker = undefined;
  });

  it("removes a dropped name, and leaves a name another owner holds while applying the rest", async () => {
    await w.db.loadBalancerDomain.delete({ where: { name: `www.shop.${ZONE}` } });
    const dc = await w.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
    await w.db.dnsRecord.create({ data: { dataCentreId: dc.id, name: `legacy.shop.${ZONE}`, type: "A", values: ["10.1.1.1"] } });
    await w.db.loadBalancerDomain.create({ data: { name: `legacy.shop.${ZONE}`, loadBalancerId: lbId } });
    await expect(reconcileDns(w.db, { loadBalancerId: lbId })).rejects.toThrow(/legacy\.shop\.dc1\.capstan\.internal has DNS records Capstan does not own/);
    expect((await dig(HOST, server.port, `www.shop.${ZONE}`)).status).toBe("NXDOMAIN");
    expect((await dig(HOST, server.port, `legacy.shop.${ZONE}`)).answers).toEqual(["10.1.1.1"]);
    expect((await dig(HOST, server.port, `front.shop.${ZONE}`)).answers).toHaveLength(2);
    await w.db.loadBalancerDomain.delete({ where: { name: `legacy.shop.${ZONE}` } });
  });

  it("removes every name once the balancer's deletion is requested", async () => {
    await w.db.loadBalancer.update({ where: { id: lbId }, data: { deletionRequestedAt: new Date() } });
    await reconcileDns(w.db, { loadBalancerId: lbId });
    expect((await dig(HOST, server.port, `front.shop.${ZONE}`)).status).toBe("NXDOMAIN");
    expect(await w.db.dnsRecord.count({ where: { loadBalancerId: lbId } })).toBe(0);
  });
});

describe("DNS controller, names resolving to the Service's external address", () => {
  it("says the names wait for the Service's address (not Ready with no records and no failure), then resolves them to it", async () => {
    const { db } = w;
    await db.dataCentre.update({ where: { name: "dc1" }, data: { dnsTarget: "SERVICE_ADDRESS" } });
    const name = `back.shop.${ZONE}`;
    await createLoadBalancer(w.world.as.developer, "shop", "storefront", { name: "back", dataCentre: "dc1", domains: [name] });
    const back = await db.loadBalancer.findFirstOrThrow({ where: { name: "back" } });
    const service = (type: string) => ({
      metadata: { name: "lb-back", labels: { "capstan.io/load-balancer": "back", [LABEL.application]: "storefront" } },
      spec: { type, selector: { "capstan.io/load-balancer": "back" }, ports: [{ port: 80 }] },
    });
    const detail = () => getLoadBalancer(w.world.as.viewer, "shop", "storefront", "back");
    // A ClusterIP Service: the cluster gives it no external address.
    await w.k8s.core.createNamespacedService({ namespace: "shop", body: service("ClusterIP") });
    await reconcileDns(db, { loadBalancerId: back.id });
    expect(await detail()).toMatchObject({ dnsWaiting: "service_address", dnsFailure: null, domains: [{ name, published: false }] });
    await reconcileDns(db, { loadBalancerId: back.id }); // a second pass keeps it
    expect((await detail()).dnsWaiting).toBe("service_address");

    await w.k8s.core.deleteNamespacedService({ namespace: "shop", name: "lb-back" });
    await w.k8s.core.createNamespacedService({ namespace: "shop", body: service("LoadBalancer") });
    const address = await waitFor(
      async () => (await w.k8s.core.readNamespacedService({ namespace: "shop", name: "lb-back" })).status?.loadBalancer?.ingress?.[0]?.ip,
      (ip) => ip !== undefined,
      "the Service's external address",
    );
    await reconcileDns(db, { loadBalancerId: back.id });
    expect(await detail()).toMatchObject({ dnsWaiting: null, dnsFailure: null, domains: [{ name, published: true }] });
    expect((await dig(HOST, server.port, name)).answers).toEqual([address]);
  });
});
