export { loadKubeconfig, probeCluster, type Probe } from "./kube";
export { ClusterClient, FIELD_MANAGER, pruneGroups } from "./cluster-client";
export { HarborClient } from "./harbor";
export { pushMinimalImage } from "./oci-push";
export { apiClient, callTimeoutMs, DeadlineError, isAbort, watchDeadline } from "./deadline";
