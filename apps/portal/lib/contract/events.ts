// Events (issue 17): the Normal and Warning events of a group's objects and of a node, newest first (docs/events.md).
import { ClusterEventSchema, EventListQuery, pageOf } from "@capstan/domain";
import { route } from "./route";

const ClusterEventPageSchema = pageOf(ClusterEventSchema);

export const listGroupEvents = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/groups/{group}/events",
  tag: "groups",
  summary: "A group's events",
  description: "Events of its Deployment, ReplicaSets and pods from the last hour, newest first; `type` keeps Normal or Warning ones.",
  query: EventListQuery,
  response: { status: 200, description: "A page of results", body: { ClusterEventPageSchema } },
});
export const listNodeEvents = route({
  method: "GET",
  path: "/nodes/{cluster}/{node}/events",
  tag: "nodes",
  summary: "A node's events",
  description: "Events of the node and of the pods on it from the last hour, newest first; `type` keeps Normal or Warning ones. Platform admins and ops.",
  query: EventListQuery,
  response: { status: 200, description: "A page of results", body: { ClusterEventPageSchema } },
});
