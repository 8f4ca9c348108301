export { loadKubeconfig, NOT_KUBERNETES, ProbeError, probeCluster, type Probe, reconcileErrorMessage } from "./kube";
export { KubeconfigError } from "./kubeconfig";
export { ClusterClient, FIELD_MANAGER, type ListPage, type ListQuery, pruneGroups } from "./cluster-client";
export { HarborClient } from "./harbor";
export {
  destinationProblem,
  loggedDetail,
  logOutboundFailure,
  outboundPolicy,
  type OutboundPolicy,
  podPolicyFromEnv,
  policyFromEnv,
  resolveAllowed,
} from "./outbound";
export { pushMinimalImage } from "./oci-push";
export { postWebhook, WebhookError, webhookUrlProblem } from "./webhook";
export { BuiltinDns, DnsOwnershipError, type DnsProviderClient, type DnsRecords, PowerDns, PowerDnsError } from "./dns";
export { apiClient, callTimeoutMs, DeadlineError, isAbort, watchDeadline } from "./deadline";
export { type HarborRobot } from "./harbor";
export { copyImage, type CopyResult, manifestDigest, RegistryCopyError, type RegistryEndpoint } from "./registry-copy";
export { type DataPlaneCallOptions, HaproxyRuntime, HaproxyRuntimeError, haproxyMasterReload, type HaproxyServerStat, nginxStatus } from "./haproxy-runtime";
