// Endpoints + EndpointSlices from Service selectors and pod readiness.
import type { Cluster } from "../cluster.js";
import { matches, type Req } from "../k8s/selectors.js";
import { isTerminal, isReady, ownerRef } from "./util.js";
import type { Pod, Service, ServicePort } from "../k8s/objects.js";

export function installEndpoints(c: Cluster) {
  const s = c.store;
  const kick = (ns: string, name: string) => c.loop.coalesce(`ep:${ns}/${name}`, () => sync(c, ns, name));
  s.listeners.push((ev) => {
    if (ev.key === "services") {
      kick(ev.obj.metadata.namespace, ev.obj.metadata.name);
      return;
    }
    if (ev.key !== "pods") return;
    const ns = ev.obj.metadata.namespace;
    // only pods whose IP/readiness/labels changed can affect endpoints
    if (
      ev.type === "MODIFIED" &&
      ev.old &&
      ev.old.status?.podIP === ev.obj.status?.podIP &&
      isReady(ev.old) === isReady(ev.obj) &&
      !!ev.old.metadata.deletionTimestamp === !!ev.obj.metadata.deletionTimestamp &&
      JSON.stringify(ev.old.metadata.labels) === JSON.stringify(ev.obj.metadata.labels)
    )
      return;
    for (const svc of s.objects("services", ns)) {
      if (!svc.spec.selector) continue;
      const sel = sel2(svc.spec.selector);
      if (matches(sel, ev.obj.metadata.labels) || (ev.old && matches(sel, ev.old.metadata.labels))) kick(ns, svc.metadata.name);
    }
  });
}

const sel2 = (m: Record<string, string>): Req[] => Object.entries(m).map(([key, v]) => ({ key, op: "=", values: [v] }));

function sync(c: Cluster, ns: string, name: string) {
  const s = c.store;
  const svc: Service | undefined = s.get("services", ns, name);
  if (!svc || !svc.spec.selector) return; // selector-less services keep user-managed endpoints
  const all: Pod[] = s.objects("pods", ns, sel2(svc.spec.selector));
  const pods = all.filter((p) => p.status?.podIP && !isTerminal(p));
  const addr = (p: Pod) => ({
    ip: p.status!.podIP!,
    nodeName: p.spec.nodeName,
    targetRef: { kind: "Pod", namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
  });
  const ready = pods.filter((p) => isReady(p) && !p.metadata.deletionTimestamp);
  const notReady = pods.filter((p) => !(isReady(p) && !p.metadata.deletionTimestamp));
  const targetPort = (sp: ServicePort, p?: Pod) => {
    if (typeof sp.targetPort === "number") return sp.targetPort;
    for (const ctr of p?.spec.containers ?? []) for (const cp of ctr.ports ?? []) if (cp.name === sp.targetPort) return cp.containerPort;
    return sp.port;
  };
  const ports = (svc.spec.ports ?? []).map((sp) => ({ name: sp.name, port: targetPort(sp, pods[0]), protocol: sp.protocol ?? "TCP" }));
  const subsets = pods.length
    ? [{ ...(ready.length ? { addresses: ready.map(addr) } : {}), ...(notReady.length ? { notReadyAddresses: notReady.map(addr) } : {}), ports }]
    : undefined;
  const ep = { metadata: { name, namespace: ns, labels: svc.metadata.labels }, ...(subsets ? { subsets } : {}) };
  const cur = s.get("endpoints", ns, name);
  if (!cur) s.create("endpoints", ep);
  else if (JSON.stringify(cur.subsets) !== JSON.stringify(ep.subsets))
    s.mutate("endpoints", ns, name, (e) => {
      e.subsets = ep.subsets;
      if (!e.subsets) delete e.subsets;
    });
  const sliceName = `${name}-sim`;
  const slice = {
    metadata: {
      name: sliceName,
      namespace: ns,
      labels: { "kubernetes.io/service-name": name, "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" },
      ownerReferences: [ownerRef(svc)],
    },
    addressType: "IPv4",
    endpoints: pods.map((p) => ({
      addresses: [p.status!.podIP!],
      conditions: { ready: isReady(p) && !p.metadata.deletionTimestamp, serving: isReady(p), terminating: !!p.metadata.deletionTimestamp },
      nodeName: p.spec.nodeName,
      targetRef: addr(p).targetRef,
    })),
    ports,
  };
  const cs = s.get("discovery.k8s.io/endpointslices", ns, sliceName);
  if (!cs) s.create("discovery.k8s.io/endpointslices", slice);
  else if (JSON.stringify(cs.endpoints) !== JSON.stringify(slice.endpoints) || JSON.stringify(cs.ports) !== JSON.stringify(slice.ports))
    s.mutate("discovery.k8s.io/endpointslices", ns, sliceName, (e) => {
      e.endpoints = slice.endpoints;
      e.ports = slice.ports;
    });
}
