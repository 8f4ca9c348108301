// Nodes, their lifecycle and the policies that shape them.
import {
  FleetOverviewSchema,
  keysetPageOf,
  LabelPolicySet,
  LabelPolicyViewSchema,
  NodeBulkTransitionAcceptedSchema,
  NodeBulkTransitionRequest,
  NodeBulkTransitionSchema,
  NodeDetailSchema,
  NodeInitChecksSchema,
  NodeInitChecksSet,
  OpsDashboardSchema,
  NodeLabelsUpdate,
  NodeListQuery,
  NodeSchema,
  NodeTransitionRequest,
} from "@capstan/domain";
import { route } from "./route";

const NodePageSchema = keysetPageOf(NodeSchema);

export const listNodes = route({
  method: "GET",
  path: "/nodes",
  tag: "nodes",
  summary: "List nodes",
  description: "Nodes from PostgreSQL. Keyset pages: pass the previous page's `nextCursor` as `cursor`.",
  query: NodeListQuery,
  response: { status: 200, description: "A page of nodes with `nextCursor`", body: { NodePageSchema } },
});
export const fleetOverview = route({
  method: "GET",
  path: "/nodes/overview",
  tag: "nodes",
  summary: "The fleet overview",
  description:
    "Aggregated in PostgreSQL: nodes by status per cluster and zone; capacity, allocatable and requested (Pending and Running pods' requests, not measured usage) CPU, memory and GPU; nodes NotReady or stuck in a state with their last transition; the 20 latest transitions.",
  response: { status: 200, description: "The fleet overview; its size grows with clusters and zones, not nodes", body: { FleetOverviewSchema } },
});
export const opsDashboard = route({
  method: "GET",
  path: "/nodes/dashboard",
  tag: "nodes",
  summary: "The ops dashboard",
  description:
    "What needs ops: nodes NotReady or stuck in a state (counts, and the 8 longest in their state), the 8 latest moves to OFFLINE with their result, and the clusters not healthy at their last probe. Platform admins and ops.",
  response: { status: 200, description: "The ops dashboard; its size does not grow with the fleet", body: { OpsDashboardSchema } },
});
export const getNode = route({
  method: "GET",
  path: "/nodes/{cluster}/{node}",
  tag: "nodes",
  summary: "A node",
  response: { status: 200, description: "The node with its pods, conditions, labels, taints and transition history", body: { NodeDetailSchema } },
});
export const transitionNode = route({
  method: "POST",
  path: "/nodes/{cluster}/{node}/transition",
  tag: "nodes",
  summary: "Move a node to another state",
  description:
    "OFFLINE cordons and drains the node by kubectl drain's rules: DaemonSet and mirror pods stay; pods with no controller (without `force`) or with emptyDir data (without `deleteEmptyDirData`) stop the drain before anything is evicted, and the transition's result names them (`detail.blocked`); PodDisruptionBudgets are honoured. OFFLINE again on an OFFLINE node whose drain has not succeeded repeats the drain with the new options.",
  body: { NodeTransitionRequest },
  response: { status: 200, description: "The node in its new state; the worker then reshapes the Kubernetes Node", body: { NodeSchema } },
});
export const setNodeLabels = route({
  method: "PUT",
  path: "/nodes/{cluster}/{node}/labels",
  tag: "nodes",
  summary: "Set a node's labels",
  body: { NodeLabelsUpdate },
  response: { status: 200, description: "The node; 422 names labels that break the label policy", body: { NodeSchema } },
});
export const bulkTransitionNodes = route({
  method: "POST",
  path: "/nodes/transitions",
  tag: "nodes",
  summary: "Move many nodes",
  body: { NodeBulkTransitionRequest },
  response: { status: 202, description: "Accepted: `{ id, total }`; follow /nodes/transitions/{id}", body: { NodeBulkTransitionAcceptedSchema } },
});
export const getNodeBulkTransition = route({
  method: "GET",
  path: "/nodes/transitions/{id}",
  tag: "nodes",
  summary: "A bulk transition",
  response: { status: 200, description: "Progress and the result per node", body: { NodeBulkTransitionSchema } },
});
export const getLabelPolicy = route({
  method: "GET",
  path: "/label-policy",
  tag: "nodes",
  summary: "The label policy",
  response: {
    status: 200,
    description: "Zones, dedicated zones, resource flags, exclusive sets and the version; anyone signed in",
    body: { LabelPolicyViewSchema },
  },
});
export const setLabelPolicy = route({
  method: "PUT",
  path: "/label-policy",
  tag: "nodes",
  summary: "Replace the label policy",
  description:
    "Platform admins replace the whole policy. 409 when the version is stale or a removed zone or flag is still used (the fields name the nodes and groups); 422 for exclusive sets with unknown labels.",
  body: { LabelPolicySet },
  response: { status: 200, description: "The policy as saved", body: { LabelPolicyViewSchema } },
});
export const getNodeInitChecks = route({
  method: "GET",
  path: "/node-init-checks",
  tag: "nodes",
  summary: "The INIT → WAIT checks",
  response: { status: 200, description: "The INIT → WAIT checks; version 0 while the worker's environment gives the defaults", body: { NodeInitChecksSchema } },
});
export const setNodeInitChecks = route({
  method: "PUT",
  path: "/node-init-checks",
  tag: "nodes",
  summary: "Set the INIT → WAIT checks",
  description: "Platform admins; nodes still in INIT are checked again.",
  body: { NodeInitChecksSet },
  response: { status: 200, description: "The checks as saved", body: { NodeInitChecksSchema } },
});
