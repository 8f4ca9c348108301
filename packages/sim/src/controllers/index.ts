// Wires every controller into a cluster. Order matters only for admission hooks (policy).
import type { Cluster } from "../cluster.js";
import { OwnerIndex } from "./util.js";
import { installGc } from "./gc.js";
import { installWorkloads } from "./workloads.js";
import { installDaemonSets } from "./daemonsets.js";
import { Scheduler } from "./scheduler.js";
import { Kubelet } from "./kubelet.js";
import { installNodeLifecycle } from "./nodelifecycle.js";
import { installEndpoints } from "./endpoints.js";
import { installLoadBalancerIps } from "./load-balancer-ips.js";
import { installPolicy } from "./policy.js";
import { installHpa } from "./hpa.js";

export function installControllers(c: Cluster) {
  const owners = new OwnerIndex();
  c.store.listeners.push((ev) => owners.onEvent(ev));
  installGc(c, owners);
  installWorkloads(c, owners);
  installDaemonSets(c, owners);
  installPolicy(c);
  installEndpoints(c);
  installHpa(c);
  const forwarders = installLoadBalancerIps(c);
  const sched = new Scheduler(c);
  c.controllers = { owners, scheduler: sched, forwarders };
}

/** Kubelet needs the nodes to exist first (leases), so the cluster installs it after bootstrap. */
export function installKubelet(c: Cluster) {
  const k = new Kubelet(c);
  installNodeLifecycle(c, (node) => k.resync(node));
  return k;
}
