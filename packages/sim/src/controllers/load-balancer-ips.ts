// External addresses of LoadBalancer Services, as a cloud's load-balancer controller or MetalLB gives them:
// status.loadBalancer.ingress[0].ip, so names that point at a Service's external address resolve in the demo.
// Given once per Service, kept while it stays a LoadBalancer, taken back when it changes type or goes (as
// MetalLB does). On the loopback pod network the addresses also carry traffic: each Service port is
// forwarded to the Service's ready endpoints (network/service-forwarders.ts), as MetalLB + kube-proxy do.
import type { Cluster } from "../cluster.js";
import type { Endpoints, Service } from "../k8s/objects.js";
import { ServiceForwarders, type Backend } from "../network/service-forwarders.js";

/**
 * The pool without the loopback pod network: 127.34.0.0/16, in order from 127.34.0.1 (one count for the whole
 * simulator). Nothing listens on these addresses.
 */
export const LB_POOL = "127.34.0.0/16";
/**
 * The pool of a cluster on the loopback pod network: 127.<octet>.255.1–253, inside the range the cluster leased
 * (network/loopback.ts) and outside every node's pod /24, so no other simulator or pod holds these addresses.
 * The lowest free address is given, so one freed by a Service gone is given again (as MetalLB does).
 */
export const loopbackPool = (octet: number) => `127.${octet}.255.1-253`;
const LOOPBACK_POOL_SIZE = 253;

/** Counted per process, so the clusters of one simulator never give the same address twice (LB_POOL). */
let next = 1;

/** Installs the address controller; returns the cluster's forwarders (undefined off the loopback pod network). */
export function installLoadBalancerIps(c: Cluster): ServiceForwarders | undefined {
  const s = c.store;
  const octet = c.opts.loopbackOctet;
  const given = new Map<string, string>();
  const address = (key: string) => {
    let ip = given.get(key);
    if (ip) return ip;
    if (octet) {
      const used = new Set(given.values());
      for (let n = 1; n <= LOOPBACK_POOL_SIZE && !ip; n++) if (!used.has(`127.${octet}.255.${n}`)) ip = `127.${octet}.255.${n}`;
      if (!ip) return undefined; // the pool is spent: the Service stays pending, as with MetalLB
    } else {
      const n = next++;
      ip = `127.34.${(n >> 8) & 255}.${n & 255}`;
    }
    given.set(key, ip);
    return ip;
  };
  const forwarders = octet ? new ServiceForwarders((key, port) => readyBackends(c, key, port)) : undefined;
  s.listeners.push((ev) => {
    if (ev.key !== "services") return;
    const { namespace, name } = ev.obj.metadata;
    const key = `${namespace}/${name}`;
    if (ev.type === "DELETED") {
      given.delete(key);
      forwarders?.close(key);
      return;
    }
    c.loop.coalesce(`lb-ip:${key}`, () => {
      const svc = s.get("services", namespace, name);
      if (!svc) return;
      const ip = svc.spec?.type === "LoadBalancer" ? address(key) : undefined;
      if (!ip) given.delete(key);
      if (ip) forwarders?.sync(key, ip, tcpPorts(svc));
      else forwarders?.close(key);
      const wanted = ip ? [{ ip, ipMode: "VIP" }] : undefined;
      const now = svc.status?.loadBalancer?.ingress;
      if (JSON.stringify(now) === JSON.stringify(wanted)) return;
      s.update("services", { ...svc, status: { ...svc.status, loadBalancer: wanted ? { ingress: wanted } : {} } }, { subresource: "status" });
    });
  });
  return forwarders;
}

const tcpPorts = (svc: Service) => (svc.spec.ports ?? []).filter((p) => (p.protocol ?? "TCP") === "TCP").map((p) => p.port);

/**
 * The ready endpoints of Service `key`'s port `port`, as kube-proxy reads them: the Endpoints' ready
 * `addresses` with the endpoint port of the Service port's name (the only one for an unnamed port).
 */
export function readyBackends(c: Cluster, key: string, port: number): Backend[] {
  const [namespace, name] = key.split("/") as [string, string];
  const svc: Service | undefined = c.store.get("services", namespace, name);
  const sp = svc?.spec.ports?.find((p) => p.port === port);
  if (!sp) return [];
  const ep: Endpoints | undefined = c.store.get("endpoints", namespace, name);
  return (ep?.subsets ?? []).flatMap((sub) => {
    const target = sub.ports?.find((p) => (p.name ?? "") === (sp.name ?? ""))?.port;
    return target ? (sub.addresses ?? []).map((a) => ({ ip: a.ip, port: target })) : [];
  });
}
