// Groups: deployments of an application in one data centre, their revisions and placement.
import {
  GroupAutoscalingOff,
  GroupAutoscalingSet,
  GroupCreate,
  GroupDetailSchema,
  GroupRevisionListQuery,
  GroupRevisionSchema,
  GroupRollback,
  GroupRollout,
  GroupScale,
  GroupSchema,
  GroupUpdate,
  keysetPageOf,
  GroupListQuery,
  ApplicationGroupListQuery,
  pageOf,
  PlacementPreview,
  PlacementPreviewResultSchema,
} from "@capstan/domain";
import { route } from "./route";

const GroupPageSchema = pageOf(GroupSchema);
const GroupRevisionPageSchema = keysetPageOf(GroupRevisionSchema);
const GROUP = "/systems/{system}/applications/{app}/groups/{group}";

export const listAllGroups = route({
  method: "GET",
  path: "/groups",
  tag: "groups",
  summary: "Groups across every system the caller can see",
  query: GroupListQuery,
  response: { status: 200, description: "A page of results", body: { GroupPageSchema } },
});
export const listGroups = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/groups",
  tag: "groups",
  summary: "An application's groups",
  query: ApplicationGroupListQuery,
  response: { status: 200, description: "A page of results", body: { GroupPageSchema } },
});
export const createGroup = route({
  method: "POST",
  path: "/systems/{system}/applications/{app}/groups",
  tag: "groups",
  summary: "Create a group",
  body: { GroupCreate },
  response: { status: 201, description: "Created", body: { GroupSchema } },
});
export const getGroup = route({
  method: "GET",
  path: GROUP,
  tag: "groups",
  summary: "A group",
  response: { status: 200, description: "The group with its pods, its cluster's warnings and what the caller may do", body: { GroupDetailSchema } },
});
export const updateGroup = route({
  method: "PATCH",
  path: GROUP,
  tag: "groups",
  summary: "Change a group",
  body: { GroupUpdate },
  response: { status: 200, description: "The updated object", body: { GroupSchema } },
});
export const deleteGroup = route({
  method: "DELETE",
  path: GROUP,
  tag: "groups",
  summary: "Delete a group",
  response: { status: 202, description: "Deletion requested; the orchestrator removes the group's objects, then the group" },
});
export const scaleGroup = route({
  method: "POST",
  path: `${GROUP}/scale`,
  tag: "groups",
  summary: "Scale a group",
  body: { GroupScale },
  response: { status: 200, description: "The group with its new replica count", body: { GroupSchema } },
});
export const setGroupAutoscaling = route({
  method: "PUT",
  path: `${GROUP}/autoscaling`,
  tag: "groups",
  summary: "Turn a group's autoscaling on or change it",
  body: { GroupAutoscalingSet },
  response: {
    status: 200,
    description:
      "The group with its autoscaling; the worker applies an autoscaling/v2 HorizontalPodAutoscaler. 409 when the system's quota cannot hold the group at `maxReplicas` (naming each resource), or `version` is stale",
    body: { GroupSchema },
  },
});
export const stopGroupAutoscaling = route({
  method: "DELETE",
  path: `${GROUP}/autoscaling`,
  tag: "groups",
  summary: "Turn a group's autoscaling off",
  query: GroupAutoscalingOff,
  response: {
    status: 200,
    description: "The group, keeping the replica count its autoscaler last set; the worker deletes the HorizontalPodAutoscaler. 409 when `version` is stale",
    body: { GroupSchema },
  },
});
export const rolloutGroup = route({
  method: "POST",
  path: `${GROUP}/rollout`,
  tag: "groups",
  summary: "Roll out a new image",
  body: { GroupRollout },
  response: {
    status: 200,
    description: "The group at its new revision; pods are replaced a few at a time. 409 when the image already runs or `version` is stale",
    body: { GroupSchema },
  },
});
export const rollbackGroup = route({
  method: "POST",
  path: `${GROUP}/rollback`,
  tag: "groups",
  summary: "Roll back to a recorded revision",
  body: { GroupRollback },
  response: {
    status: 200,
    description:
      "The group at a new revision with the recorded spec; the replica count stays. 404 naming `revision` when there is none, 409 when it is the current spec",
    body: { GroupSchema },
  },
});
export const restartGroup = route({
  method: "POST",
  path: `${GROUP}/restart`,
  tag: "groups",
  summary: "Restart every pod",
  response: {
    status: 200,
    description: "The group at a new revision with a new restart time; every pod is replaced a few at a time, as `kubectl rollout restart` does",
    body: { GroupSchema },
  },
});
export const listGroupRevisions = route({
  method: "GET",
  path: `${GROUP}/revisions`,
  tag: "groups",
  summary: "A group's release history",
  query: GroupRevisionListQuery,
  keyset: true,
  response: {
    status: 200,
    description: "The release history, newest first: revision, when, who, change cause and the fields changed since the revision before",
    body: { GroupRevisionPageSchema },
  },
});
export const previewPlacement = route({
  method: "POST",
  path: "/systems/{system}/placement-preview",
  tag: "groups",
  summary: "Where a group would go",
  body: { PlacementPreview },
  response: {
    status: 200,
    description: "Matching nodes, free capacity and replicas that fit per cluster, quota headroom and label conflicts; nothing is created",
    body: { PlacementPreviewResultSchema },
  },
});
