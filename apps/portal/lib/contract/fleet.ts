// The fleet: data centres and the clusters in them.
import {
  ClusterCreate,
  ClusterDetailSchema,
  ClusterSchema,
  ClusterUpdate,
  DataCentreCreate,
  DataCentreDetailSchema,
  DataCentreSchema,
  DataCentreUpdate,
  ListQuery,
  pageOf,
} from "@capstan/domain";
import { COMMON_ERRORS, route } from "./route";

const DataCentrePageSchema = pageOf(DataCentreSchema);
const ClusterPageSchema = pageOf(ClusterSchema);

export const listDataCentres = route({
  method: "GET",
  path: "/data-centres",
  tag: "fleet",
  summary: "List data centres",
  query: ListQuery,
  response: { status: 200, description: "A page of results", body: { DataCentrePageSchema } },
});
export const registerDataCentre = route({
  method: "POST",
  path: "/data-centres",
  tag: "fleet",
  summary: "Register a data centre",
  body: { DataCentreCreate },
  response: { status: 201, description: "Created", body: { DataCentreSchema } },
});
export const getDataCentre = route({
  method: "GET",
  path: "/data-centres/{dc}",
  tag: "fleet",
  summary: "A data centre",
  response: { status: 200, description: "The object, with what the caller may do", body: { DataCentreDetailSchema } },
});
export const updateDataCentre = route({
  method: "PATCH",
  path: "/data-centres/{dc}",
  tag: "fleet",
  summary: "Change a data centre",
  body: { DataCentreUpdate },
  response: { status: 200, description: "The updated object", body: { DataCentreSchema } },
});
export const deleteDataCentre = route({
  method: "DELETE",
  path: "/data-centres/{dc}",
  tag: "fleet",
  summary: "Delete a data centre",
  response: { status: 204, description: "Deleted" },
});
export const listClusters = route({
  method: "GET",
  path: "/clusters",
  tag: "fleet",
  summary: "List clusters",
  query: ListQuery,
  response: { status: 200, description: "A page of results", body: { ClusterPageSchema } },
});
export const registerCluster = route({
  method: "POST",
  path: "/clusters",
  tag: "fleet",
  summary: "Register a cluster",
  body: { ClusterCreate },
  response: { status: 201, description: "Created", body: { ClusterSchema } },
});
export const getCluster = route({
  method: "GET",
  path: "/clusters/{cluster}",
  tag: "fleet",
  summary: "A cluster",
  response: { status: 200, description: "The object, with what the caller may do", body: { ClusterDetailSchema } },
});
export const updateCluster = route({
  method: "PATCH",
  path: "/clusters/{cluster}",
  tag: "fleet",
  summary: "Change a cluster",
  body: { ClusterUpdate },
  response: { status: 200, description: "The updated object", body: { ClusterSchema } },
});
export const deleteCluster = route({
  method: "DELETE",
  path: "/clusters/{cluster}",
  tag: "fleet",
  summary: "Delete a cluster",
  response: { status: 204, description: "Deleted" },
});
export const checkCluster = route({
  method: "POST",
  path: "/clusters/{cluster}/check",
  tag: "fleet",
  summary: "Contact a cluster now",
  response: { status: 200, description: "The cluster's recorded health after contacting it", body: { ClusterSchema } },
  errors: [...COMMON_ERRORS, 502, 503],
});
