// A system's registry access (push robots) and an application's images: the tags everywhere, tag
// deletion and promotion by digest (docs/images.md).
import { ImageOverviewSchema, ImagePromote, PromotionSchema, PushRobotCreate, PushRobotSecretSchema, RegistryAccessSchema } from "@capstan/domain";
import { z } from "zod";
import { COMMON_ERRORS, route } from "./route";

export const getSystemRegistry = route({
  method: "GET",
  path: "/systems/{system}/registry",
  tag: "images",
  summary: "A system's registry access",
  response: {
    status: 200,
    description:
      "Per data centre where the system has a quota: the registry host, the Harbor project and its robots (name, permissions, created, expires; never secrets). A registry that cannot be read is marked `unavailable`.",
    body: { RegistryAccessSchema },
  },
});
export const createPushRobot = route({
  method: "POST",
  path: "/systems/{system}/registry/robots",
  tag: "images",
  summary: "Make a push robot",
  description:
    "A robot that may push to and pull from the system's project in one data centre, for CI outside Capstan. Developers of the system. The secret is in this answer only: Capstan keeps no copy, and an Idempotency-Key repeat is a 409.",
  body: { PushRobotCreate },
  response: { status: 201, description: "Made; `secret` is shown once", body: { PushRobotSecretSchema } },
  errors: [...COMMON_ERRORS, 502],
});
export const rotatePushRobot = route({
  method: "POST",
  path: "/systems/{system}/registry/robots/{dc}/{robot}/rotate",
  tag: "images",
  summary: "Give a push robot a new secret",
  description: "Harbor generates a new secret and the old one stops working at once. The new secret is in this answer only.",
  response: { status: 200, description: "Rotated; `secret` is shown once", body: { PushRobotSecretSchema } },
  errors: [...COMMON_ERRORS, 502],
});
export const deletePushRobot = route({
  method: "DELETE",
  path: "/systems/{system}/registry/robots/{dc}/{robot}",
  tag: "images",
  summary: "Delete a push robot",
  response: { status: 204, description: "Deleted; its secret no longer works" },
  errors: [...COMMON_ERRORS, 502],
});
export const listImages = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/images/tags",
  tag: "images",
  summary: "An application's tags in every data centre",
  response: {
    status: 200,
    description:
      "Every tag (all pages of every Harbor) in every data centre where the system has a quota: per data centre its digest, size, push time and pusher; whether the digests agree; which groups run it; and where to push.",
    body: { ImageOverviewSchema },
  },
});
export const deleteImageTag = route({
  method: "DELETE",
  path: "/systems/{system}/applications/{app}/images/tags/{tag}",
  tag: "images",
  summary: "Delete a tag in one data centre",
  description: "409 naming the groups while a group's current revision there runs the tag.",
  query: z.object({ dataCentre: z.string() }),
  response: { status: 204, description: "Deleted (the artifact stays under its digest)" },
  errors: [...COMMON_ERRORS, 502],
});
export const promoteImage = route({
  method: "POST",
  path: "/systems/{system}/applications/{app}/images/promote",
  tag: "images",
  summary: "Promote an image to other data centres by digest",
  description:
    "Copies the manifest (an index with its child manifests) and its blobs from `from` to each of `to`, preserving the digest, and verifies the digest there before answering. 409 when the system has no quota in a target; 502 when a registry fails (targets that succeeded stay copied).",
  body: { ImagePromote },
  response: { status: 200, description: "Copied and verified in every target", body: { PromotionSchema } },
  errors: [...COMMON_ERRORS, 502],
});
