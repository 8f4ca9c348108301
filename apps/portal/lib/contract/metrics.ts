// Usage history: CPU and memory over time, per group (its pods) and per node (docs/metrics.md).
import { FleetDensitySchema, GroupMetricsSchema, MetricsQuery, NodeMetricsSchema } from "@capstan/domain";
import { route } from "./route";

export const getGroupMetrics = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/groups/{group}/metrics",
  tag: "metrics",
  summary: "A group's CPU and memory per pod over time",
  description:
    "Per pod, millicores and MiB averaged into steps (1h: 15 s, 6h: 1 min, 24h: 5 min, 7d: 1 h, 30d: 3 h), beside the requests and limits each pod has. Readers of the group may read it.",
  query: MetricsQuery,
  response: { status: 200, description: "The range's steps and a series per pod", body: { GroupMetricsSchema } },
});
export const getNodeMetrics = route({
  method: "GET",
  path: "/nodes/{cluster}/{node}/metrics",
  tag: "metrics",
  summary: "A node's CPU and memory use over time",
  query: MetricsQuery,
  response: {
    status: 200,
    description: "The range's steps and the node's series, beside what it can allocate and what its pods request",
    body: { NodeMetricsSchema },
  },
});
export const getFleetDensity = route({
  method: "GET",
  path: "/nodes/overview/density",
  tag: "metrics",
  summary: "The fleet's density: used against requested against allocatable",
  description:
    "Per cluster and per zone, CPU (millicores) and memory (MiB) that the Pending and Running pods on the nodes use (each pod's mean over the last `windowSeconds`, summed over the `measured` of `pods`) and request, what the nodes use beyond those pods (`overhead`: system daemons; in use, not waste), and what they may allocate. Requested − used is what requests hold unused. Platform admins and ops, as the fleet overview.",
  response: { status: 200, description: "Per cluster and per zone; its size grows with clusters and zones, not nodes", body: { FleetDensitySchema } },
});
