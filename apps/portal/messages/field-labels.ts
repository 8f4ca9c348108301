// The label of every field a request can be refused for, so a refusal that lists its fields (a 422's
// summary) names them in the reader's language rather than by the API's names (`cpu`, `env.0.name`).
// One map for every form and message; field-labels.test.ts fails for a field of a request schema
// (packages/domain/src/schemas.ts) that has no label here, in both catalogues.
import type { MessageKey, Translate } from "./index";

/** Field paths as the API's `fields` names them, "*" standing for an array index, → their label's catalogue key. */
export const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  action: "fields.action",
  buildCommand: "fields.buildCommand",
  builderImage: "fields.builderImage",
  buildsPerSystem: "fields.buildsPerSystem",
  changes: "fields.changes",
  cluster: "fields.cluster",
  comment: "fields.comment",
  cpu: "fields.cpu",
  cpuMode: "fields.cpuMode",
  currentPassword: "fields.currentPassword",
  cursor: "fields.cursor",
  dataCentre: "fields.dataCentre",
  dedicatedZones: "fields.dedicatedZones",
  deleteEmptyDirData: "fields.deleteEmptyDirData",
  department: "fields.department",
  description: "fields.description",
  disabled: "fields.disabled",
  displayName: "fields.displayName",
  dockerfilePath: "fields.dockerfilePath",
  email: "fields.email",
  env: "fields.env",
  "env.*.name": "fields.envName",
  "env.*.value": "fields.envValue",
  exclusiveSets: "fields.exclusiveSets",
  expiresInDays: "fields.expiresInDays",
  filter: "fields.filter",
  "filter.cluster": "fields.filterCluster",
  "filter.dataCentre": "fields.filterDataCentre",
  "filter.label": "fields.filterLabel",
  "filter.minFreeCpu": "fields.filterMinFreeCpu",
  "filter.minFreeMemory": "fields.filterMinFreeMemory",
  "filter.q": "fields.filterQ",
  "filter.status": "fields.filterStatus",
  "filter.zone": "fields.filterZone",
  force: "fields.force",
  gitBranch: "fields.gitBranch",
  gitRepository: "fields.gitRepository",
  gpu: "fields.gpu",
  harborPassword: "fields.harborPassword",
  harborUrl: "fields.harborUrl",
  harborUsername: "fields.harborUsername",
  healthCheck: "fields.healthCheck",
  "healthCheck.initialDelaySeconds": "fields.healthCheckInitialDelaySeconds",
  "healthCheck.path": "fields.healthCheckPath",
  "healthCheck.periodSeconds": "fields.healthCheckPeriodSeconds",
  healthCheckPath: "fields.healthCheckPath",
  image: "fields.image",
  imageTag: "fields.imageTag",
  instances: "fields.instances",
  isolation: "fields.isolation",
  kubeconfig: "fields.kubeconfig",
  label: "fields.label",
  labels: "fields.labels",
  limit: "fields.limit",
  locale: "fields.locale",
  memory: "fields.memory",
  minFreeCpu: "fields.minFreeCpu",
  minFreeMemory: "fields.minFreeMemory",
  minKubeletVersion: "fields.minKubeletVersion",
  mine: "fields.mine",
  name: "fields.name",
  newPassword: "fields.newPassword",
  nodes: "fields.nodes",
  "nodes.*.cluster": "fields.nodesCluster",
  "nodes.*.name": "fields.nodesName",
  order: "fields.order",
  page: "fields.page",
  pageSize: "fields.pageSize",
  password: "fields.password",
  platformRole: "fields.platformRole",
  port: "fields.port",
  protocol: "fields.protocol",
  q: "fields.q",
  reason: "fields.reason",
  region: "fields.region",
  replicas: "fields.replicas",
  requireReady: "fields.requireReady",
  requiredLabels: "fields.requiredLabels",
  resourceLabels: "fields.resourceLabels",
  revision: "fields.revision",
  role: "fields.role",
  runtime: "fields.runtime",
  sort: "fields.sort",
  status: "fields.status",
  system: "fields.system",
  to: "fields.to",
  toReview: "fields.toReview",
  user: "fields.user",
  version: "fields.version",
  zone: "fields.zone",
  zones: "fields.zones",
};

/**
 * A refused field's label in the reader's language: "env.2.name" → FIELD_LABELS["env.*.name"]. A path under a
 * labelled field that is not itself labelled (a map's key: "labels.capstan.io/rack") is that field's label
 * and the rest; a path with no label at all (a newer server's field) is shown as sent.
 */
export function fieldLabel(t: Translate, path: string): string {
  const parts = path.split(".").map((p) => (/^\d+$/.test(p) ? "*" : p));
  for (let n = parts.length; n > 0; n--) {
    const key = Object.hasOwn(FIELD_LABELS, parts.slice(0, n).join(".")) ? FIELD_LABELS[parts.slice(0, n).join(".")] : undefined;
    if (key) return n === parts.length ? t(key) : `${t(key)} ${path.split(".").slice(n).join(".")}`;
  }
  return path;
}
