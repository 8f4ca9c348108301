// Applications and their images.
import {
  ApplicationCreate,
  ApplicationDetailSchema,
  ApplicationOverviewSchema,
  ApplicationSchema,
  ApplicationUpdate,
  ImageTagsSchema,
  ApplicationListQuery,
  SystemApplicationListQuery,
  pageOf,
} from "@capstan/domain";
import { z } from "zod";
import { COMMON_ERRORS, route } from "./route";

const ApplicationPageSchema = pageOf(ApplicationSchema);

export const listAllApplications = route({
  method: "GET",
  path: "/applications",
  tag: "applications",
  summary: "Applications across every system the caller can see",
  query: ApplicationListQuery,
  response: { status: 200, description: "A page of results", body: { ApplicationPageSchema } },
});
export const listApplications = route({
  method: "GET",
  path: "/systems/{system}/applications",
  tag: "applications",
  summary: "A system's applications",
  query: SystemApplicationListQuery,
  response: { status: 200, description: "A page of results", body: { ApplicationPageSchema } },
});
export const createApplication = route({
  method: "POST",
  path: "/systems/{system}/applications",
  tag: "applications",
  summary: "Create an application",
  body: { ApplicationCreate },
  response: { status: 201, description: "Created", body: { ApplicationSchema } },
});
export const getApplication = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}",
  tag: "applications",
  summary: "An application",
  response: { status: 200, description: "The object, with what the caller may do", body: { ApplicationDetailSchema } },
});
export const getApplicationOverview = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/overview",
  tag: "applications",
  summary: "What runs where: an application's groups in every data centre and cluster",
  response: {
    status: 200,
    description:
      "The application's groups by data centre and cluster, each with image tag and pinned digest, replicas ready/desired, status and last rollout; per tag, whether every group runs the same digest; and the last finished build",
    body: { ApplicationOverviewSchema },
  },
});
export const updateApplication = route({
  method: "PATCH",
  path: "/systems/{system}/applications/{app}",
  tag: "applications",
  summary: "Change an application",
  body: { ApplicationUpdate },
  response: { status: 200, description: "The updated object", body: { ApplicationSchema } },
});
export const deleteApplication = route({
  method: "DELETE",
  path: "/systems/{system}/applications/{app}",
  tag: "applications",
  summary: "Delete an application",
  response: { status: 204, description: "Deleted" },
});
export const listImageTags = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/images",
  tag: "applications",
  summary: "An application's image tags in one data centre",
  query: z.object({ dataCentre: z.string() }),
  response: {
    status: 200,
    description:
      "The application's image tags in that data centre's Harbor, newest first, with digest and push time, and where to push: `registry` (Harbor's host) and `pushTo` (`<registry>/<system>/<app>`); 502 when the registry does not answer or answers an error (the message gives its status, never its body)",
    body: { ImageTagsSchema },
  },
  errors: [...COMMON_ERRORS, 502, 503],
});
