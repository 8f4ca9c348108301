// The DNS controller: each load balancer's names in its data centre's zone, through the data centre's
// provider (built-in or PowerDNS; docs/load-balancers.md, "Domain names"). Requested when a balancer or its
// names change (use cases) and when one of its LB pods changes readiness or IP (inventory/pods.ts); the
// resync re-requests every balancer, so records drifted by hand are put back. Its last failure goes to
// LoadBalancerDnsStatus (cleared by a success), which the balancer's detail shows as `dnsFailure`; beside it,
// what the names wait for (the Service's external address), shown as `dnsWaiting`.
import { kinds } from "@capstan/db/kinds";
import { defineController } from "../controller";
import { reconcileDns } from "./reconcile";

export const dnsController = defineController({
  kind: kinds.dns,
  // Spans a DNS provider and a read of the cluster's LB pods: no cluster lease, the job's deadline bounds it.
  listDesired: async (db) => (await db.loadBalancer.findMany({ select: { id: true } })).map((lb) => ({ loadBalancerId: lb.id })),
  reconcile: reconcileDns,
  // Its failures (a refused key, a name someone else holds, PowerDNS unreachable) are shown on the balancer's
  // page; a row of their own, as the balancer's failure columns are its own controller's.
  status: { table: "LoadBalancerDnsStatus", row: (p) => ({ loadBalancerId: p.loadBalancerId }), ownTable: true },
});
