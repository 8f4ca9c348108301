// Load balancers: an application's haproxy or nginx pods in front of its groups, their members, pods taken
// out and put back, live stats and history (docs/load-balancers.md).
import {
  AuditEventSchema,
  ClusterEventSchema,
  EventListQuery,
  keysetPageOf,
  ListQuery,
  LoadBalancerCreate,
  LoadBalancerDetailSchema,
  LoadBalancerHistoryQuery,
  LoadBalancerMembersSet,
  LoadBalancerListItemSchema,
  LoadBalancerStatsSchema,
  LoadBalancerTakeOut,
  LoadBalancerUpdate,
  pageOf,
} from "@capstan/domain";
import { route } from "./route";

const LoadBalancerPageSchema = pageOf(LoadBalancerListItemSchema);
const LoadBalancerHistoryPageSchema = keysetPageOf(AuditEventSchema);
// The same component as the group and node timelines' (events.ts): OpenAPI keeps one by name.
const ClusterEventPageSchema = pageOf(ClusterEventSchema);
const LBS = "/systems/{system}/applications/{app}/load-balancers";
const LB = `${LBS}/{lb}`;
const DETAIL = "The balancer with its members, their pods, warnings (such as no member in) and what the caller may do";

export const listLoadBalancers = route({
  method: "GET",
  path: LBS,
  tag: "load-balancers",
  summary: "An application's load balancers",
  query: ListQuery,
  response: { status: 200, description: "A page of results", body: { LoadBalancerPageSchema } },
});
export const createLoadBalancer = route({
  method: "POST",
  path: LBS,
  tag: "load-balancers",
  summary: "Create a load balancer",
  description:
    "Its pods count against the system's quota in the data centre (409 when over). Member groups must be of the same application in the balancer's cluster; names must lie in the data centre's DNS zone.",
  body: { LoadBalancerCreate },
  response: { status: 201, description: "Created; the orchestrator applies its Deployment, ConfigMap and Service", body: { LoadBalancerDetailSchema } },
});
export const getLoadBalancer = route({
  method: "GET",
  path: LB,
  tag: "load-balancers",
  summary: "A load balancer",
  response: { status: 200, description: DETAIL, body: { LoadBalancerDetailSchema } },
});
export const updateLoadBalancer = route({
  method: "PATCH",
  path: LB,
  tag: "load-balancers",
  summary: "Change a load balancer",
  body: { LoadBalancerUpdate },
  response: { status: 200, description: DETAIL, body: { LoadBalancerDetailSchema } },
});
export const deleteLoadBalancer = route({
  method: "DELETE",
  path: LB,
  tag: "load-balancers",
  summary: "Delete a load balancer",
  response: { status: 202, description: "Deletion requested; the orchestrator removes its objects and DNS records, then the balancer" },
});
export const setLoadBalancerMembers = route({
  method: "PUT",
  path: `${LB}/members`,
  tag: "load-balancers",
  summary: "Set a load balancer's member groups and weights",
  body: { LoadBalancerMembersSet },
  response: { status: 200, description: DETAIL, body: { LoadBalancerDetailSchema } },
});
export const takeOutMember = route({
  method: "POST",
  path: `${LB}/members/{group}/out`,
  tag: "load-balancers",
  summary: "Take a member group out (drain it)",
  description:
    "No new connections or requests go to its pods; those in flight may finish for up to drainSeconds, then it is out. Taking out the last member in is allowed and warned of.",
  body: { LoadBalancerTakeOut },
  response: { status: 200, description: DETAIL, body: { LoadBalancerDetailSchema } },
});
export const putBackMember = route({
  method: "POST",
  path: `${LB}/members/{group}/in`,
  tag: "load-balancers",
  summary: "Put a member group back in",
  response: { status: 200, description: DETAIL, body: { LoadBalancerDetailSchema } },
});
export const takeOutPod = route({
  method: "POST",
  path: `${LB}/pods/{pod}/out`,
  tag: "load-balancers",
  summary: "Take one pod out (drain it)",
  description: "The pod must belong to a member group. A pod its group replaces (a new name) is in by default.",
  body: { LoadBalancerTakeOut },
  response: { status: 200, description: DETAIL, body: { LoadBalancerDetailSchema } },
});
export const putBackPod = route({
  method: "POST",
  path: `${LB}/pods/{pod}/in`,
  tag: "load-balancers",
  summary: "Put one pod back in",
  response: { status: 200, description: DETAIL, body: { LoadBalancerDetailSchema } },
});
export const getLoadBalancerStats = route({
  method: "GET",
  path: `${LB}/stats`,
  tag: "load-balancers",
  summary: "Live stats of a load balancer",
  description: "Asked of each ready LB pod's data plane now; one that does not answer is reported as such.",
  response: {
    status: 200,
    description: "Per backend pod: state, weight, sessions and health; per LB pod: whether it answered",
    body: { LoadBalancerStatsSchema },
  },
});
export const listLoadBalancerHistory = route({
  method: "GET",
  path: `${LB}/history`,
  tag: "load-balancers",
  summary: "A load balancer's history",
  query: LoadBalancerHistoryQuery,
  keyset: true,
  response: { status: 200, description: "Its audited changes, newest first", body: { LoadBalancerHistoryPageSchema } },
});
export const listLoadBalancerEvents = route({
  method: "GET",
  path: `${LB}/events`,
  tag: "load-balancers",
  summary: "A load balancer's events",
  description: "Events of its Deployment, ReplicaSets, haproxy/nginx pods and Service from the last hour, newest first; `type` keeps Normal or Warning ones.",
  query: EventListQuery,
  response: { status: 200, description: "A page of results", body: { ClusterEventPageSchema } },
});
