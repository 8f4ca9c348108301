// The load-balancer controller: an application load balancer's ConfigMap, Deployment and Service in its
// cluster, its pods' data plane brought to the rendered configuration (haproxy's runtime API and master CLI,
// nginx's reloader), drains ended, and the balancer removed when its deletion is requested (./reconcile.ts).
// Its status (observedGeneration, the last failure) goes on the LoadBalancer row. The pods watch requests it
// when a member group's pod or one of its own pods changes (inventory/load-balancers.ts).
import { kinds } from "@capstan/db/kinds";
import { pods } from "../../inventory/pods";
import type { InventoryWatch } from "../../inventory/watch";
import { defineController } from "../controller";
import { reconcileLoadBalancer } from "./reconcile";

export const loadBalancerController = defineController({
  kind: kinds.loadBalancer,
  lease: (p) => p.clusterId,
  // Every balancer, those being deleted included (their removal is level-triggered too).
  listDesired: async (db) =>
    (await db.loadBalancer.findMany({ select: { id: true, clusterId: true } })).map((lb) => ({ loadBalancerId: lb.id, clusterId: lb.clusterId })),
  reconcile: reconcileLoadBalancer,
  status: { table: "LoadBalancer", row: (p) => ({ id: p.loadBalancerId }), generation: true },
  watches: [pods] as InventoryWatch<never>[],
});
