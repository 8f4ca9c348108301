// Catalogue of served resource types: drives routing, discovery, openapi and tables.
export interface ResourceDef {
  group: string; // "" for core
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources?: string[]; // e.g. "status", "scale", "log"
}

const verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
export const VERBS = verbs;

const r = (group: string, version: string, kind: string, plural: string, namespaced: boolean, extra: Partial<ResourceDef> = {}): ResourceDef => ({
  group,
  version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  ...extra,
});

export const RESOURCES: ResourceDef[] = [
  r("", "v1", "Namespace", "namespaces", false, { shortNames: ["ns"], subresources: ["status", "finalize"] }),
  r("", "v1", "Node", "nodes", false, { shortNames: ["no"], subresources: ["status"] }),
  r("", "v1", "Pod", "pods", true, { shortNames: ["po"], categories: ["all"], subresources: ["status", "log", "binding", "eviction"] }),
  r("", "v1", "Service", "services", true, { shortNames: ["svc"], categories: ["all"], subresources: ["status"] }),
  r("", "v1", "Endpoints", "endpoints", true, { shortNames: ["ep"] }),
  r("", "v1", "ConfigMap", "configmaps", true, { shortNames: ["cm"] }),
  r("", "v1", "Secret", "secrets", true),
  r("", "v1", "ServiceAccount", "serviceaccounts", true, { shortNames: ["sa"] }),
  r("", "v1", "Event", "events", true, { shortNames: ["ev"] }),
  r("", "v1", "ResourceQuota", "resourcequotas", true, { shortNames: ["quota"], subresources: ["status"] }),
  r("", "v1", "LimitRange", "limitranges", true, { shortNames: ["limits"] }),
  r("apps", "v1", "Deployment", "deployments", true, { shortNames: ["deploy"], categories: ["all"], subresources: ["status", "scale"] }),
  r("apps", "v1", "DaemonSet", "daemonsets", true, { shortNames: ["ds"], categories: ["all"], subresources: ["status"] }),
  r("apps", "v1", "ReplicaSet", "replicasets", true, { shortNames: ["rs"], categories: ["all"], subresources: ["status", "scale"] }),
  r("batch", "v1", "Job", "jobs", true, { categories: ["all"], subresources: ["status"] }),
  r("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true),
  r("coordination.k8s.io", "v1", "Lease", "leases", true),
  r("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, { shortNames: ["netpol"] }),
  // Served for clients that apply them (Capstan's own deploy/ manifests); no controller: nothing writes their status.
  r("networking.k8s.io", "v1", "Ingress", "ingresses", true, { shortNames: ["ing"], subresources: ["status"] }),
  r("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, { shortNames: ["pdb"], subresources: ["status"] }),
  r("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
  r("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
  r("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, { shortNames: ["hpa"], categories: ["all"], subresources: ["status"] }),
];

export const resKey = (group: string, plural: string) => (group ? `${group}/${plural}` : plural);
export const BY_KEY = new Map(RESOURCES.map((d) => [resKey(d.group, d.plural), d]));
export const BY_KIND = new Map(RESOURCES.map((d) => [d.kind, d]));
export const apiVersionOf = (d: ResourceDef) => (d.group ? `${d.group}/${d.version}` : d.version);

export function groupVersions(): { group: string; version: string; resources: ResourceDef[] }[] {
  const m = new Map<string, { group: string; version: string; resources: ResourceDef[] }>();
  for (const d of RESOURCES) {
    const k = `${d.group}/${d.version}`;
    if (!m.has(k)) m.set(k, { group: d.group, version: d.version, resources: [] });
    m.get(k)!.resources.push(d);
  }
  return [...m.values()];
}
