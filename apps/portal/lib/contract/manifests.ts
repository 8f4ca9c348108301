// What Capstan applied (issue 17): the objects Capstan applies for a group or a system's namespace, beside
// the cluster's, with drift in the fields Capstan sets (docs/manifests.md).
import { ClusterManifestsSchema, SystemManifestsSchema } from "@capstan/domain";
import { route } from "./route";

export const getGroupManifests = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/groups/{group}/manifests",
  tag: "groups",
  summary: "What Capstan applies for a group, beside its cluster's objects",
  description:
    "Each object as Capstan applies it and as the cluster has it (YAML), with a unified diff of the fields Capstan sets. Readers of the group may read it.",
  response: { status: 200, description: "The group's objects in its cluster", body: { ClusterManifestsSchema } },
});
export const getSystemManifests = route({
  method: "GET",
  path: "/systems/{system}/manifests",
  tag: "systems",
  summary: "What Capstan applies for a system's namespace, beside each cluster's objects",
  description: "Namespace, LimitRange, NetworkPolicy, ResourceQuota and the pull Secret (keys only) per cluster. Readers of the system may read it.",
  response: { status: 200, description: "The system's namespace objects per cluster", body: { SystemManifestsSchema } },
});
