// External addresses of LoadBalancer Services, as a cloud's load-balancer controller or MetalLB gives them:
// status.loadBalancer.ingress[0].ip, from a pool on loopback (LB_POOL, docs/simulator.md), so names that
// point at a Service's external address resolve in the demo. Given once per Service, kept while it stays a
// LoadBalancer, taken back when it changes type (as MetalLB does).
import type { Cluster } from "../cluster.js";

/** The pool the addresses come from: 127.34.0.0/16, in order from 127.34.0.1 (one count for the whole simulator). */
export const LB_POOL = "127.34.0.0/16";

/** Counted per process, so the clusters of one simulator never give the same address twice. */
let next = 1;

export function installLoadBalancerIps(c: Cluster) {
  const s = c.store;
  const given = new Map<string, string>();
  const address = (key: string) => {
    let ip = given.get(key);
    if (!ip) {
      const n = next++;
      ip = `127.34.${(n >> 8) & 255}.${n & 255}`;
      given.set(key, ip);
    }
    return ip;
  };
  s.listeners.push((ev) => {
    if (ev.key !== "services") return;
    const { namespace, name } = ev.obj.metadata;
    const key = `${namespace}/${name}`;
    if (ev.type === "DELETED") return void given.delete(key);
    c.loop.coalesce(`lb-ip:${key}`, () => {
      const svc = s.get("services", namespace, name);
      if (!svc) return;
      const wanted = svc.spec?.type === "LoadBalancer" ? [{ ip: address(key), ipMode: "VIP" }] : undefined;
      if (!wanted) given.delete(key);
      const now = svc.status?.loadBalancer?.ingress;
      if (JSON.stringify(now) === JSON.stringify(wanted)) return;
      s.update("services", { ...svc, status: { ...svc.status, loadBalancer: wanted ? { ingress: wanted } : {} } }, { subresource: "status" });
    });
  });
}
