// Request schemas: the single source for validation and for the OpenAPI document.
import { METRIC_RANGES } from "./metrics";
import { AUTOSCALING_PRESET_NAMES, MAX_AUTOSCALED_REPLICAS, MAX_STABILISATION_SECONDS } from "./autoscaling";
import { z } from "zod";
import {
  DEFAULT_ALGORITHM,
  HAPROXY_MASTER_PORT,
  HAPROXY_RUNTIME_PORT,
  LOAD_BALANCER_ALGORITHMS,
  type LoadBalancerKindName,
  MAX_WEIGHT,
  NGINX_STATUS_PORT,
} from "./load-balancers/data-plane";
import { HEALTH_CHECK_PATH, STICKY_COOKIE_NAME } from "./load-balancers/render";
import { dnsName } from "./load-balancers/dns";
import { httpOnlySettingOnTcp } from "./load-balancers/protocol-settings";
import { renderFieldReason } from "./error-reasons";
import { applicationName, description, DNS_LABEL, displayName, dnsLabel, email, imageReference, registryHostProblem, systemName } from "./names";
import { compareQuantity, parseCpu, parseMemory, parseQuantity, knownQuantity, toMillicores, toMiB } from "./quantity";
import { INT4_MAX, integer, SINGLE_LINE, singleLine } from "./text";

const version = integer("must be a whole number").positive();

export const ListQuery = z.strictObject({
  q: z.string().trim().max(100, "must be at most 100 characters").optional(),
  page: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(INT4_MAX, `must be at most ${INT4_MAX}`).default(1),
  pageSize: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(100, "must be at most 100").default(20),
});
export type ListQuery = z.infer<typeof ListQuery>;
/**
 * A list read with keyset pages (newest first, growing at the head): `cursor` is the previous page's
 * `nextCursor`. `page` alone still works as an offset but is deprecated there: it repeats or skips rows
 * while the list changes.
 */
export const KeysetListQuery = ListQuery.extend({
  cursor: z.string().max(500, "must be at most 500 characters").optional(),
});
/** The query of a member list (a system's or a department's): `q` searches e-mail and name. Not paged: a list of people, at most a few hundred. */
export const MemberListQuery = z.strictObject({ q: ListQuery.shape.q });
export type MemberListQuery = z.infer<typeof MemberListQuery>;
/**
 * Global search (Ctrl-K): `q`, 1–100 characters after trimming, matched literally anywhere in a name;
 * `limit` caps the results of each kind (1–20, default 5).
 */
export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(20, "must be at most 20").default(5),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
/** A yes/no query parameter: "true" or "false". */
export const QueryFlag = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

export const DepartmentCreate = z.strictObject({
  name: dnsLabel,
  displayName,
  description: description.default(""),
});
export const DepartmentUpdate = z.strictObject({
  displayName: displayName.optional(),
  description: description.optional(),
  version,
});

export const Isolation = z.enum(["ISOLATED", "OPEN"]);
export const SystemCreate = z.strictObject({
  name: systemName,
  displayName,
  description: description.default(""),
  department: dnsLabel,
  isolation: Isolation.default("ISOLATED"),
});
export const SystemUpdate = z.strictObject({
  displayName: displayName.optional(),
  description: description.optional(),
  isolation: Isolation.optional(),
  version,
});
export const SystemMemberAdd = z.strictObject({ email });

/** Whether `b` is a branch name as `git check-ref-format --branch` accepts it (so never an option: no leading "-"). */
export const isGitBranchName = (b: string) =>
  b.length > 0 &&
  b.length <= 255 &&
  b !== "@" &&
  ![...b].some((c) => c <= " " || c === "\x7f") &&
  !/[~^:?*[\\]|\.\.|@\{|\/\/|^[-/]|[/.]$/.test(b) &&
  b.split("/").every((c) => !c.startsWith(".") && !c.endsWith(".lock"));
const gitBranch = z.string().refine(isGitBranchName, { error: "must be a git branch name", params: { reason: "not_a_git_branch" } });
/**
 * Whether `p` names a file or directory inside a git repository, from its root (as `docker build -f` takes
 * the Dockerfile): relative, no ".." segment, no empty segment, no backslash or control character.
 * A path leaving the checkout would make the builder read a file of the build machine.
 */
export const isRepositoryPath = (p: string) =>
  p.length > 0 && p.length <= 200 && !/[\x00-\x1f\x7f\\]/.test(p) && p.split("/").every((segment) => segment !== "" && segment !== "..");
const repositoryPath = z.string().refine(isRepositoryPath, {
  error: "must be a path inside the repository, from its root: no leading '/' and no '..'",
  params: { reason: "not_repository_path" },
});
/** The transports a build pod clones over (file:// reads the build machine: the simulator's demo repository). */
export const GIT_URL_SCHEMES = ["https", "http", "ssh", "git", "file"] as const;
const gitRepositoryUrl = z
  .url("must be a URL")
  .max(500)
  .refine((u) => (GIT_URL_SCHEMES as readonly string[]).includes(u.slice(0, u.indexOf(":")).toLowerCase()), {
    error: `must be a ${GIT_URL_SCHEMES.join(", ")} URL`,
    params: { reason: "not_git_url", schemes: GIT_URL_SCHEMES.join(", ") },
  });
export const Runtime = z.enum(["GENERIC", "JAVA", "NODE", "GO", "PYTHON"]);
export const Protocol = z.enum(["HTTP", "TCP", "GRPC"]);
const port = integer("must be a number").min(1, "must be 1–65535").max(65535, "must be 1–65535");
const path = z.string().max(200).regex(/^\//, "must start with /");
const applicationFields = {
  displayName,
  description: description.default(""),
  runtime: Runtime.default("GENERIC"),
  port: port.default(8080),
  protocol: Protocol.default("HTTP"),
  healthCheckPath: path.nullable().default("/healthz"),
  gitRepository: gitRepositoryUrl.nullable().default(null),
  gitBranch: gitBranch.default("main"),
  dockerfilePath: repositoryPath.default("Dockerfile"),
  buildCommand: z.string().max(1000).nullable().default(null),
};
export const ApplicationCreate = z.strictObject({ name: applicationName, ...applicationFields });
export const ApplicationUpdate = z.strictObject({
  displayName: displayName.optional(),
  description: description.optional(),
  runtime: Runtime.optional(),
  port: port.optional(),
  protocol: Protocol.optional(),
  healthCheckPath: path.nullable().optional(),
  gitRepository: gitRepositoryUrl.nullable().optional(),
  gitBranch: gitBranch.optional(),
  dockerfilePath: repositoryPath.optional(),
  buildCommand: z.string().max(1000).nullable().optional(),
  version,
});

export const TokenCreate = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters").refine(singleLine, SINGLE_LINE),
  expiresInDays: integer("must be a number").min(1, "must be at least 1").max(365, "must be at most 365"),
});

/**
 * Audit actions that record a person's own housekeeping (signing in, reading notifications, choosing the
 * portal's language) rather than a change to what Capstan manages. Failed and throttled sign-ins are not
 * among them: they matter to security.
 */
export const PERSONAL_AUDIT_ACTIONS = ["auth.sign-in", "notification.read", "notification.read-all", "user.locale"] as const;
/** The audit log's query: `changes=true` leaves out PERSONAL_AUDIT_ACTIONS (the dashboard's activity). */
export const AuditQuery = KeysetListQuery.extend({
  department: dnsLabel.optional(),
  action: z.string().max(100).optional(),
  changes: QueryFlag.optional(),
});

export const PlatformRoleSchema = z.enum(["PLATFORM_ADMIN", "OPS"]);
export const DepartmentRoleSchema = z.enum(["DEPARTMENT_ADMIN", "DEVELOPER", "VIEWER"]);
const password = z.string().min(12, "must be at least 12 characters").max(200, "must be at most 200 characters");

export const UserCreate = z.strictObject({
  email,
  name: displayName,
  password,
  platformRole: PlatformRoleSchema.nullable().default(null),
});
export const UserUpdate = z.strictObject({
  name: displayName.optional(),
  platformRole: PlatformRoleSchema.nullable().optional(),
  disabled: z.boolean({ error: "must be true or false" }).optional(),
  password: password.optional(),
  version,
});
/** Self-service password change: the current password proves it is the account's owner at the keyboard. */
/** The languages Capstan speaks (the portal's catalogues, apps/portal/messages; outbound notifications). */
export const LOCALES = ["en", "zh-CN"] as const;
/** One's language, as the portal's language switch sets it. */
export const OwnLocaleSet = z.strictObject({ locale: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` }) });

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1, "is required").max(200, "must be at most 200 characters"),
  newPassword: password,
});
/** A platform admin's filter for listing API tokens: one user's, by email. */
export const TokenListQuery = z.strictObject({ user: email.optional() });
export const DepartmentMemberAdd = z.strictObject({ email, role: DepartmentRoleSchema });
export const DepartmentMemberSet = z.strictObject({ role: DepartmentRoleSchema });

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(500);
/** A Harbor URL: its host also goes into image names and DNS (registryHostProblem). */
const harborUrl = httpUrl.superRefine((url, ctx) => {
  const problem = URL.canParse(url) ? registryHostProblem(url) : undefined;
  if (problem) ctx.addIssue({ code: "custom", message: problem, params: { reason: "harbor_url_refused", problem } });
});
/**
 * A data centre's DNS settings (docs/load-balancers.md, "Domain names"): the zone its balancers' names live
 * under (null: none, so no balancer there has a name), who serves it (Capstan's built-in server or PowerDNS
 * through its HTTP API, whose URL and key are then required) and where names point (the ready LB pods' IPs,
 * or the balancer's Service's external address where pod IPs are not reachable from clients).
 */
const dnsSettings = {
  dnsZone: dnsName.nullable().optional(),
  dnsProvider: z.enum(["BUILTIN", "POWERDNS"]).optional(),
  dnsTarget: z.enum(["POD_IPS", "SERVICE_ADDRESS"]).optional(),
  /** PowerDNS's HTTP API base URL, e.g. http://10.0.0.53:8081 (its webserver); null removes it. */
  powerdnsUrl: httpUrl.nullable().optional(),
  /** PowerDNS's API key (its `api-key` setting); stored sealed, never returned. */
  powerdnsApiKey: z.string().min(1, "is required").max(500).refine(singleLine, SINGLE_LINE).optional(),
};
export const DataCentreCreate = z.strictObject({
  name: dnsLabel,
  displayName,
  region: z.string().trim().min(1, "is required").max(100).refine(singleLine, SINGLE_LINE),
  harborUrl,
  harborUsername: z.string().min(1, "is required").max(200).refine(singleLine, SINGLE_LINE),
  harborPassword: z.string().min(1, "is required").max(500),
  ...dnsSettings,
});
export const DataCentreUpdate = z.strictObject({
  displayName: displayName.optional(),
  region: z.string().trim().min(1).max(100).refine(singleLine, SINGLE_LINE).optional(),
  harborUrl: harborUrl.optional(),
  harborUsername: z.string().min(1).max(200).refine(singleLine, SINGLE_LINE).optional(),
  harborPassword: z.string().min(1).max(500).optional(),
  /** The image build Jobs run in this data centre (docs/builds.md, "The build Job"). */
  builderImage: imageReference.optional(),
  /** Builds of one system running at once in this data centre; more wait in order (docs/builds.md). */
  buildsPerSystem: integer("must be a whole number").min(1, "must be at least 1").max(20, "must be at most 20").optional(),
  ...dnsSettings,
  version,
});
const kubeconfig = z.string().min(1, "is required").max(60_000, "must be at most 60,000 characters");
// /api/v1/nodes/{cluster}/… shares its first segment with these pages and routes of the node API.
const RESERVED_CLUSTER_NAMES = ["overview", "transitions"];
export const ClusterCreate = z.strictObject({
  name: dnsLabel.refine((n) => !RESERVED_CLUSTER_NAMES.includes(n), {
    message: `is reserved (${RESERVED_CLUSTER_NAMES.join(", ")})`,
    params: { reason: "name_reserved" },
  }),
  dataCentre: dnsLabel,
  kubeconfig,
});
export const ClusterUpdate = z.strictObject({ kubeconfig, version });

// ───── Groups ─────
/**
 * A Kubernetes quantity (resource.Quantity's grammar, every suffix) within [min, max], compared by
 * value, then converted to the unit Capstan stores: whole millicores for CPU, MiB (rounded up) for
 * memory. The message names the same bounds the check uses, so the two cannot drift apart.
 */
const quantityField = (kind: "cpu" | "memory", min: string, max: string, message: string) => {
  const [lo, hi] = [knownQuantity(min), knownQuantity(max)];
  return z.string({ error: message }).transform((s, ctx) => {
    const q = parseQuantity(s);
    if (q && compareQuantity(q, lo) >= 0 && compareQuantity(q, hi) <= 0) {
      const v = kind === "cpu" ? toMillicores(q) : toMiB(q);
      if (v !== undefined) return v;
      ctx.addIssue({ code: "custom", message: "must be a whole number of millicores (1m is the finest step)", params: { reason: "whole_millicores" } });
      return z.NEVER;
    }
    ctx.addIssue({ code: "custom", message, params: { reason: "quantity_out_of_range", minimum: min, maximum: max } });
    return z.NEVER;
  });
};
const cpuQuantity = quantityField("cpu", "10m", "64", "must be a CPU quantity between 10m and 64, such as 500m or 2");
const memoryQuantity = quantityField("memory", "16Mi", "512Gi", "must be a memory quantity between 16Mi and 512Gi, such as 512Mi or 2Gi");
export const CpuMode = z.enum(["SHARED", "EXCLUSIVE"]);
/**
 * A branch name git accepts (git-check-ref-format(1), with --branch): no control characters, space, ~ ^ :
 * ? * [ or a backslash; no "..", "@{", "//"; no component starting with "." or ending with ".lock"; not starting
 * with "-" or "/", not ending with "/" or "."; not "@". At most 255 characters.
 */
/** What a group follows: a successful build of this branch rolls it out (issue 15). */
const follow = z.strictObject({ branch: gitBranch });
const imageTag = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be an image tag: letters, digits, '_', '.' and '-', at most 128");
// A node label key without prefix: a qualified name of at most 63 characters (apimachinery IsQualifiedName).
const resourceLabel = z
  .string()
  .regex(/^res\.[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a resource label such as res.ssd")
  .max(63, "must be at most 63 characters: it becomes a Kubernetes node label key");
const envVar = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a variable name: letters, digits and '_'")
    .max(128),
  value: z.string().max(4096, "must be at most 4096 characters"),
});
const healthCheck = z.strictObject({
  path: z.string().max(200).regex(/^\//, "must start with /"),
  initialDelaySeconds: integer().min(0).max(600).default(5),
  periodSeconds: integer().min(1).max(300).default(10),
});
const replicas = integer().min(0, "must be at least 0").max(500, "must be at most 500");
const gpu = integer().min(0, "must be at least 0").max(8, "must be at most 8");
const resourceLabels = z
  .array(resourceLabel)
  .max(8)
  .refine((l) => new Set(l).size === l.length, { error: "must not repeat a label", params: { reason: "repeated_label" } });
const env = z
  .array(envVar)
  .max(100)
  .refine((e) => new Set(e.map((v) => v.name)).size === e.length, { error: "must not repeat a variable", params: { reason: "repeated_variable" } });
const groupSpec = {
  imageTag,
  replicas,
  cpu: cpuQuantity,
  memory: memoryQuantity,
  gpu: gpu.default(0),
  cpuMode: CpuMode.default("SHARED"),
  zone: dnsLabel.default("default"),
  resourceLabels: resourceLabels.default([]),
  env: env.default([]),
  healthCheck: healthCheck.nullable().default(null),
};
const exclusiveNeedsWholeCpus = (g: { cpuMode?: string; cpu?: number }) => g.cpuMode !== "EXCLUSIVE" || g.cpu === undefined || g.cpu % 1000 === 0;
const wholeCpus = {
  message: "must be whole CPUs (1, 2, …) when the CPU mode is exclusive",
  path: ["cpu"],
  params: { reason: "whole_cpus_when_exclusive" },
};
// Autoscaling (packages/domain/src/autoscaling.ts): a replica range, targets in % of the pods' requests
// (above 100 is meaningful: a shared-CPU pod may use up to twice its request), and a behaviour.
const autoscaledReplicas = integer().min(1, "must be at least 1").max(MAX_AUTOSCALED_REPLICAS, `must be at most ${MAX_AUTOSCALED_REPLICAS}`);
const utilisation = integer().min(1, "must be at least 1").max(200, "must be at most 200");
const stabilisation = integer().min(0, "must be at least 0").max(MAX_STABILISATION_SECONDS, `must be at most ${MAX_STABILISATION_SECONDS}`);
const autoscalingFields = {
  minReplicas: autoscaledReplicas,
  maxReplicas: autoscaledReplicas,
  cpuUtilisation: utilisation.optional(),
  memoryUtilisation: utilisation.optional(),
  /** A preset (AUTOSCALING_PRESETS) or explicit stabilisation windows in seconds. */
  behaviour: z
    .union([z.enum(AUTOSCALING_PRESET_NAMES), z.strictObject({ scaleUpStabilisationSeconds: stabilisation, scaleDownStabilisationSeconds: stabilisation })])
    .default("default"),
};
const autoscalingRules = <T extends { minReplicas: number; maxReplicas: number; cpuUtilisation?: number; memoryUtilisation?: number }>(s: z.ZodType<T>) =>
  s
    .refine((a) => a.maxReplicas >= a.minReplicas, {
      message: "must be at least minReplicas",
      path: ["maxReplicas"],
      params: { reason: "max_below_min_replicas" },
    })
    .refine((a) => a.cpuUtilisation !== undefined || a.memoryUtilisation !== undefined, {
      message: "give a CPU or a memory utilisation target",
      path: ["cpuUtilisation"],
      params: { reason: "utilisation_target_required" },
    });
/** A group's autoscaling (Autoscaling): 1 ≤ minReplicas ≤ maxReplicas ≤ 500, at least one target. */
export const GroupAutoscaling = autoscalingRules(z.strictObject(autoscalingFields));
/** Turns autoscaling on or changes it; `version` as the caller saw the group (optimistic concurrency). */
export const GroupAutoscalingSet = autoscalingRules(z.strictObject({ ...autoscalingFields, version }));
/** Turns autoscaling off; `version` (query) as the caller saw the group, optional. */
export const GroupAutoscalingOff = z.strictObject({ version: z.coerce.number({ error: "must be a number" }).pipe(version).optional() });
export const GroupCreate = z
  .strictObject({
    name: dnsLabel,
    dataCentre: dnsLabel,
    cluster: dnsLabel.optional(),
    ...groupSpec,
    follow: follow.nullable().default(null),
    /** Autoscale from the start: `replicas` is then the first count, brought into [minReplicas, maxReplicas]. */
    autoscaling: GroupAutoscaling.nullable().default(null),
  })
  .refine(exclusiveNeedsWholeCpus, wholeCpus);
export const GroupUpdate = z
  .strictObject({
    imageTag: imageTag.optional(),
    cpu: cpuQuantity.optional(),
    memory: memoryQuantity.optional(),
    // No defaults here: a field left out of an update keeps its value.
    gpu: gpu.optional(),
    cpuMode: CpuMode.optional(),
    zone: dnsLabel.optional(),
    resourceLabels: resourceLabels.optional(),
    env: env.optional(),
    healthCheck: healthCheck.nullable().optional(),
    /** null: follow nothing. Changes no pod, so on its own it makes no revision. */
    follow: follow.nullable().optional(),
    version,
  })
  .refine(exclusiveNeedsWholeCpus, wholeCpus);
export const GroupScale = z.strictObject({ replicas });
/** A group's release history, newest first, in keyset pages. */
export const GroupRevisionListQuery = KeysetListQuery.omit({ q: true });
/** What placement needs to know, for a preview before a group is created. */
export const PlacementPreview = z.strictObject({
  dataCentre: dnsLabel,
  cluster: dnsLabel.optional(),
  replicas: groupSpec.replicas,
  cpu: groupSpec.cpu,
  memory: groupSpec.memory,
  gpu: groupSpec.gpu,
  zone: groupSpec.zone,
  resourceLabels: groupSpec.resourceLabels,
});
/** A new image tag for a group's pods: a rolling update. */
export const GroupRollout = z.strictObject({ image: imageTag, version: version.optional() });
/**
 * A git branch, tag or commit SHA to build: the characters git allows in ref names (git-check-ref-format),
 * never starting with "-" (it could be read as an option) nor holding "..".
 */
const gitRef = z
  .string()
  .max(255, "must be at most 255 characters")
  .regex(/^(?![-/.])(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+(?<![/.])$/, "must be a git branch, tag or commit SHA");
/** A build: of `ref` (the application's branch by default), in `dataCentre` (the first where the system has a quota), tagged `tag` (the short commit SHA). */
export const BuildCreate = z.strictObject({ ref: gitRef.optional(), dataCentre: dnsLabel.optional(), tag: imageTag.optional() });
/** An application's builds, newest first, in keyset pages. */
export const BuildListQuery = KeysetListQuery.omit({ q: true });
/** A build's log: `follow=true` streams it while the build runs. */
export const BuildLogQuery = z.strictObject({ follow: QueryFlag.optional() });
/** A usage history's range (docs/metrics.md); 1h when absent. */
export const MetricsQuery = z.strictObject({ range: z.enum(METRIC_RANGES, { error: `must be one of ${METRIC_RANGES.join(", ")}` }).optional() });
export const GroupRollback = z.strictObject({ revision: integer().min(1, "must be at least 1") });

// ───── Load balancers (docs/load-balancers.md) ─────
export const LoadBalancerKind = z.enum(["haproxy", "nginx"]);
/** What a balancer speaks: HTTP or TCP. gRPC is refused: neither data plane is set up for HTTP/2 backends here. */
export const LoadBalancerProtocol = z.enum(["HTTP", "TCP"], { error: "must be HTTP or TCP (GRPC is not balanced)" });
/** A member group's weight: haproxy's server weights, 0–256 (0 takes no new traffic). */
export const lbWeight = integer("must be a whole number").min(0, "must be 0–256").max(MAX_WEIGHT, "must be 0–256");
/**
 * A domain name of a balancer: lower case, without the trailing dot, each label a DNS-1123 label, at most
 * 253 characters (RFC 1035 2.3.4). Whether it lies in the data centre's zone is the use case's check.
 */
export const domainName = z
  .string({ error: "must be a string" })
  .max(253, "must be at most 253 characters")
  .refine((d) => d.split(".").length >= 2 && d.split(".").every((l) => l.length <= 63 && DNS_LABEL.test(l)), {
    error: "must be a domain name: lower-case DNS labels joined by '.', without the trailing dot",
    params: { reason: "not_domain_name" },
  });
/**
 * A balancer's name: a DNS-1123 label of at most 40 characters. Its objects are `lb-<name>` and its pods
 * `lb-<name>-<hash>-<suffix>`, which keeps the whole name when the name has at most 43 characters
 * (GROUP_OBJECT_NAME_MAX's reckoning).
 */
export const loadBalancerName = dnsLabel.max(40, "must be at most 40 characters");
/** The listen port: 1–65535 but the ports the data plane itself uses in the pod (runtime API, master CLI, nginx's status). */
const lbPort = port.refine((p) => p !== HAPROXY_RUNTIME_PORT && p !== HAPROXY_MASTER_PORT && p !== NGINX_STATUS_PORT, {
  error: `must not be ${HAPROXY_MASTER_PORT} or ${HAPROXY_RUNTIME_PORT}: the data plane uses them`,
  params: { reason: "port_reserved", ports: `${HAPROXY_MASTER_PORT} or ${HAPROXY_RUNTIME_PORT}` },
});
/**
 * Health checks of every backend pod: `path` (HTTP: a GET expecting 2xx/3xx; absent: the application's
 * health check path; null: a TCP connect), every `intervalSeconds`; `rise` passes in a row make a pod up,
 * `fall` failures in a row down (haproxy's inter/rise/fall; its defaults are 2 s, 2, 3).
 */
const lbHealthCheck = z.strictObject({
  path: z.string().regex(HEALTH_CHECK_PATH, "must be an absolute path of URI characters (no quotes, spaces, '#' or '$'), at most 1024").nullable().optional(),
  intervalSeconds: integer().min(1, "must be 1–300").max(300, "must be 1–300").default(2),
  rise: integer().min(1, "must be 1–10").max(10, "must be 1–10").default(2),
  fall: integer().min(1, "must be 1–10").max(10, "must be 1–10").default(3),
});
/** Timeouts in seconds: connecting to a backend, a client's inactivity, a backend's inactivity. */
const lbTimeouts = z.strictObject({
  connectSeconds: integer().min(1, "must be 1–3600").max(3600, "must be 1–3600").default(5),
  clientSeconds: integer().min(1, "must be 1–86400").max(86400, "must be 1–86400").default(30),
  serverSeconds: integer().min(1, "must be 1–86400").max(86400, "must be 1–86400").default(30),
});
/**
 * A sticky-session cookie name: a letter, then letters, digits and '_', at most 64 (STICKY_COOKIE_NAME): a
 * valid RFC 6265 cookie name that nginx can also read as `$cookie_<name>`.
 */
const cookieName = z.string().regex(STICKY_COOKIE_NAME, "must be a cookie name: a letter, then letters, digits and '_', at most 64");
const lbReplicas = integer().min(1, "must be 1–20").max(20, "must be 1–20");
const maxConnPerBackend = integer().min(1, "must be 1–100000").max(100000, "must be 1–100000");
const domains = z
  .array(domainName)
  .max(16, "must be at most 16 names")
  .refine((l) => new Set(l).size === l.length, { error: "must not repeat a name", params: { reason: "repeated_name" } });
/** Member groups with their weights; a group at most once. */
const lbMembers = z
  .array(z.strictObject({ group: dnsLabel, weight: lbWeight.default(100) }))
  .max(16, "must be at most 16 groups")
  .refine((m) => new Set(m.map((x) => x.group)).size === m.length, { error: "must not repeat a group", params: { reason: "repeated_group" } });
/** Whether `algorithm` is one of `kind`'s (LOAD_BALANCER_ALGORITHMS). */
export const algorithmOfKind = (kind: LoadBalancerKindName, algorithm: string) => (LOAD_BALANCER_ALGORITHMS[kind] as readonly string[]).includes(algorithm);
/**
 * A new balancer. Defaults: haproxy, 2 replicas, port 80, HTTP, the kind's default algorithm, health checks
 * every 2 s (rise 2, fall 3), timeouts 5/30/30 s, no sticky cookie, X-Forwarded-For on (HTTP; off for TCP),
 * no connection limit, no names, no members. `cluster` may be left out when the data centre has one cluster.
 * HTTP-only settings (a sticky cookie, X-Forwarded-For, a health check path) are refused on TCP
 * (httpOnlySettingOnTcp), naming the field.
 */
export const LoadBalancerCreate = z
  .strictObject({
    name: loadBalancerName,
    kind: LoadBalancerKind.default("haproxy"),
    replicas: lbReplicas.default(2),
    dataCentre: dnsLabel,
    cluster: dnsLabel.optional(),
    port: lbPort.default(80),
    protocol: LoadBalancerProtocol.default("HTTP"),
    algorithm: z.string().max(40).optional(),
    healthCheck: lbHealthCheck.default({ intervalSeconds: 2, rise: 2, fall: 3 }),
    timeouts: lbTimeouts.default({ connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 }),
    stickyCookie: cookieName.nullable().default(null),
    forwardedFor: z.boolean().optional(),
    maxConnPerBackend: maxConnPerBackend.nullable().default(null),
    domains: domains.default([]),
    members: lbMembers.default([]),
  })
  .superRefine((b, ctx) => {
    const httpOnly = httpOnlySettingOnTcp(b.protocol, b);
    if (httpOnly) ctx.addIssue({ code: "custom", path: httpOnly.split("."), message: renderFieldReason("http_only", {}), params: { reason: "http_only" } });
    if (b.algorithm !== undefined && !algorithmOfKind(b.kind, b.algorithm))
      ctx.addIssue({
        code: "custom",
        path: ["algorithm"],
        message: `must be one of ${LOAD_BALANCER_ALGORITHMS[b.kind].join(", ")} for ${b.kind}`,
        params: { reason: "algorithm_not_of_kind", kind: b.kind, algorithms: LOAD_BALANCER_ALGORITHMS[b.kind].join(", ") },
      });
  })
  .transform((b) => ({ ...b, algorithm: b.algorithm ?? DEFAULT_ALGORITHM[b.kind], forwardedFor: b.forwardedFor ?? b.protocol === "HTTP" }));
/**
 * A change of a balancer's settings; a field left out keeps its value. The data centre, cluster and name
 * do not change. Changing `kind` needs an `algorithm` of the new kind unless the current one fits
 * (checked by the use case, which sees the whole result).
 */
export const LoadBalancerUpdate = z.strictObject({
  kind: LoadBalancerKind.optional(),
  replicas: lbReplicas.optional(),
  port: lbPort.optional(),
  protocol: LoadBalancerProtocol.optional(),
  algorithm: z.string().max(40).optional(),
  healthCheck: lbHealthCheck.partial().optional(),
  timeouts: lbTimeouts.partial().optional(),
  stickyCookie: cookieName.nullable().optional(),
  forwardedFor: z.boolean().optional(),
  maxConnPerBackend: maxConnPerBackend.nullable().optional(),
  domains: domains.optional(),
  version,
});
/** The balancer's member groups, replacing the list: `[{ group, weight }]` (weight 0–256, 100 by default). */
export const LoadBalancerMembersSet = z.strictObject({ members: lbMembers, version });
/**
 * Taking a member group or one pod out: it drains (no new connections or requests; those in flight may
 * go on for up to `drainSeconds`, 0–3600, 30 by default), then it is out.
 */
export const LoadBalancerTakeOut = z.strictObject({ drainSeconds: integer().min(0, "must be 0–3600").max(3600, "must be 0–3600").default(30) });
/** A balancer's history (its audited changes), newest first, in keyset pages. */
export const LoadBalancerHistoryQuery = KeysetListQuery.omit({ q: true });

// ───── Registry access and images (docs/images.md) ─────
/**
 * A push robot's own name, as the user gives it: Harbor's robot name grammar (goharbor/harbor
 * src/server/v2.0/handler/robot.go validateName: lower-case alphanumerics split by single '.', '_' or
 * '-'), at most 64 characters; Harbor makes it `robot$<project>+<name>`. Names starting "capstan" are
 * Capstan's own (the pull robot `capstan-pull`).
 */
export const pushRobotName = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, "must be lower-case letters and digits, split by single '.', '_' or '-'")
  .refine((n) => !n.startsWith("capstan"), { message: "is reserved", params: { reason: "name_reserved" } });
export const PushRobotCreate = z.strictObject({ dataCentre: dnsLabel, name: pushRobotName });
/** An image digest as registries write it (OCI image-spec descriptor.md: sha256 and 64 lower-case hex digits). */
export const imageDigest = z.string().regex(/^sha256:[a-f0-9]{64}$/, "must be a sha256 digest: sha256: and 64 lower-case hex digits");
/** The tag to delete (a path parameter) and the data centre whose Harbor holds it. */
export const ImageTagDelete = z.strictObject({ tag: imageTag, dataCentre: dnsLabel });
export const ImagePromote = z
  .strictObject({
    tag: imageTag.optional(),
    digest: imageDigest.optional(),
    from: dnsLabel,
    to: z.array(dnsLabel).min(1, "name at least one data centre").max(20, "must be at most 20"),
  })
  .refine((b) => (b.tag === undefined) !== (b.digest === undefined), {
    message: "give either tag or digest",
    path: ["tag"],
    params: { reason: "tag_or_digest" },
  })
  .superRefine((b, ctx) => {
    const twice = b.to.find((dc, i) => b.to.indexOf(dc) !== i);
    if (twice) ctx.addIssue({ code: "custom", message: `lists "${twice}" twice`, path: ["to"], params: { reason: "listed_twice", value: twice } });
  })
  .refine((b) => !b.to.includes(b.from), { message: "must not include the data centre promoted from", path: ["to"], params: { reason: "promote_to_itself" } });

// ───── Quotas ─────
const quotaCpu = quantityField("cpu", "0", "100000", "must be a CPU quantity from 0 to 100000, such as 500m or 64");
const quotaMemory = quantityField("memory", "0", "1Pi", "must be a memory quantity from 0 to 1Pi, such as 512Mi or 2Ti");
const count = (max: number) => integer().min(0, "must not be negative").max(max, `must be at most ${max}`);
const quotaAmounts = { cpu: quotaCpu, memory: quotaMemory, gpu: count(100_000), instances: count(1_000_000) };
/** A quota in one data centre: CPU, memory, GPUs and instances (pods). */
export const QuotaSet = z.strictObject({ ...quotaAmounts, version: version.optional() });
const someAmount = (q: { cpu?: number; memory?: number; gpu?: number; instances?: number }) => Object.values(q).some((v) => typeof v === "number" && v > 0);
/** More quota for a system in a data centre: the amounts to add, and why. */
export const QuotaRequestCreate = z
  .strictObject({
    system: dnsLabel,
    dataCentre: dnsLabel,
    ...quotaAmounts,
    reason: z.string().trim().min(1, "is required").max(2000, "must be at most 2,000 characters"),
  })
  .refine(({ cpu, memory, gpu, instances }) => someAmount({ cpu, memory, gpu, instances }), {
    message: "ask for more of at least one resource",
    params: { reason: "no_amount_asked" },
    path: ["cpu"],
  });
/** Approve, possibly less than was asked (each amount defaults to what was asked). */
export const QuotaRequestApprove = z.strictObject({
  cpu: quotaCpu.optional(),
  memory: quotaMemory.optional(),
  gpu: count(100_000).optional(),
  instances: count(1_000_000).optional(),
  comment: z.string().trim().max(2000, "must be at most 2,000 characters").optional(),
  version,
});
export const QuotaRequestReject = z.strictObject({ comment: z.string().trim().min(1, "say why").max(2000, "must be at most 2,000 characters"), version });
export const QuotaRequestListQuery = KeysetListQuery.extend({
  status: z.enum(["PENDING", "APPROVED", "REJECTED", "CANCELLED"], { error: "must be PENDING, APPROVED, REJECTED or CANCELLED" }).optional(),
  /** Only requests waiting for the caller's decision. */
  toReview: QueryFlag.optional(),
  mine: QueryFlag.optional(),
});

// ───── Nodes ─────
/** A node status, upper- or lower-case ("offline" is as good as "OFFLINE"). */
export const NodeStatusSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.toUpperCase() : v),
  z.enum(["INIT", "WAIT", "ONLINE", "OFFLINE"], { error: "must be INIT, WAIT, ONLINE or OFFLINE" }),
);
const reason = z.string().trim().min(1, "is required").max(500, "must be at most 500 characters");
/**
 * Drain options, only for OFFLINE (kubectl drain's `--force` and `--delete-emptydir-data`; rules in drain.ts):
 * `force` also evicts pods that declare no controller, which nothing recreates; `deleteEmptyDirData` also
 * evicts pods with emptyDir volumes, whose data is lost. Both default to false.
 */
const drainOptions = {
  force: z
    .boolean({ error: "must be true or false" })
    .default(false)
    .describe(
      "OFFLINE only (kubectl drain --force): also evict pods that declare no controller, which nothing recreates, and pods of a DaemonSet that is gone. Without it such pods stop the drain before anything is evicted.",
    ),
  deleteEmptyDirData: z
    .boolean({ error: "must be true or false" })
    .default(false)
    .describe(
      "OFFLINE only (kubectl drain --delete-emptydir-data): also evict pods with emptyDir volumes, whose data is lost. Without it such pods stop the drain.",
    ),
};
const drainOptionsOnlyOffline = <T extends { to: string; force: boolean; deleteEmptyDirData: boolean }>(b: T, ctx: z.core.$RefinementCtx<T>) => {
  if (b.to === "OFFLINE") return;
  for (const f of ["force", "deleteEmptyDirData"] as const)
    if (b[f]) ctx.addIssue({ code: "custom", message: "applies only to a move to OFFLINE (a drain)", path: [f], params: { reason: "only_for_offline" } });
};
export const NodeTransitionRequest = z.strictObject({ to: NodeStatusSchema, reason, ...drainOptions }).superRefine(drainOptionsOnlyOffline);

/** Kubernetes object names of nodes are DNS-1123 subdomains. */
export const nodeName = z
  .string()
  .max(253, "must be at most 253 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a node name (DNS-1123 subdomain)");
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** `[prefix/]name` as Kubernetes allows for label keys. */
export const labelKey = z.string().refine(
  (k) => {
    const [prefix, name, extra] = k.includes("/") ? k.split("/") : [undefined, k];
    return (
      extra === undefined &&
      LABEL_NAME.test(name ?? "") &&
      (prefix === undefined || (prefix.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix)))
    );
  },
  { error: "must be a label key: [prefix/]name, the name at most 63 letters, digits, '-', '_' or '.'", params: { reason: "not_label_key" } },
);
export const labelValue = z.string().refine((v) => v === "" || LABEL_NAME.test(v), {
  error: "must be a label value: at most 63 letters, digits, '-', '_' or '.'",
  params: { reason: "not_label_value" },
});

/** A lower bound on a node's free CPU or memory; at most INT4_MAX of the stored unit, the columns' range. */
const quantityFilter = (parse: (q: string) => number | undefined, example: string, unit: "m" | "Mi") =>
  z.string().transform((s, ctx) => {
    const v = parse(s);
    if (v !== undefined && v <= INT4_MAX) return v;
    if (v === undefined) ctx.addIssue({ code: "custom", message: `must be a quantity such as ${example}`, params: { reason: "not_quantity", example } });
    else ctx.addIssue({ code: "custom", message: `must be at most ${INT4_MAX}${unit}`, params: { reason: "too_big", maximum: `${INT4_MAX}${unit}` } });
    return z.NEVER;
  });
/** Which nodes: the list's filters, also used to choose the nodes of a bulk transition. */
export const NodeFilter = z.strictObject({
  q: z.string().trim().max(100, "must be at most 100 characters").optional(),
  cluster: dnsLabel.optional(),
  dataCentre: dnsLabel.optional(),
  status: NodeStatusSchema.optional(),
  zone: dnsLabel.optional(),
  /** `key=value`, or `key` for any value. */
  label: z
    .string()
    .max(317)
    .regex(/^[^=]+(=[^=]*)?$/, "must be key=value or key")
    .optional(),
  /** Allocatable minus requested, e.g. "2" or "500m" CPU, "4Gi" memory. */
  minFreeCpu: quantityFilter(parseCpu, "2 or 500m", "m").optional(),
  minFreeMemory: quantityFilter(parseMemory, "4Gi", "Mi").optional(),
});
export type NodeFilter = z.infer<typeof NodeFilter>;
export const NODE_SORTS = ["name", "status", "statusChangedAt", "freeCpu", "freeMemory", "podCount"] as const;
export const NodeListQuery = NodeFilter.extend({
  sort: z.enum(NODE_SORTS, { error: `must be one of ${NODE_SORTS.join(", ")}` }).default("name"),
  order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("asc"),
  /** From the previous page's nextCursor. */
  cursor: z.string().max(500).optional(),
  /** Echoed back so a client can number the pages it walked through. */
  page: ListQuery.shape.page,
  pageSize: ListQuery.shape.pageSize,
});
const nodeRef = z.strictObject({ cluster: dnsLabel, name: nodeName });
export const NodeBulkTransitionRequest = z
  .strictObject({
    to: NodeStatusSchema,
    reason,
    nodes: z.array(nodeRef).min(1, "must name at least one node").max(1000, "must be at most 1000 nodes; use a filter for more").optional(),
    filter: NodeFilter.optional(),
    ...drainOptions,
  })
  .refine((b) => (b.nodes === undefined) !== (b.filter === undefined), {
    message: "give either nodes or filter",
    path: ["nodes"],
    params: { reason: "nodes_or_filter" },
  })
  .superRefine(drainOptionsOnlyOffline);
export const NodeLabelsUpdate = z.strictObject({
  labels: z
    .record(labelKey, labelValue)
    .refine((l) => Object.keys(l).length <= 100, { error: "must be at most 100 labels", params: { reason: "too_big", maximum: 100 } }),
  version,
});

// ───── Node policy: label policy and init checks (platform admins) ─────
/** A list whose entries must differ; the error names the repeated one. */
const distinct = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `must be at most ${max}`)
    .superRefine((list, ctx) => {
      const twice = list.find((x, i) => list.indexOf(x) !== i);
      if (twice !== undefined) ctx.addIssue({ code: "custom", message: `lists "${twice}" twice`, params: { reason: "listed_twice", value: twice } });
    });
/** The whole label policy, replacing the one at `version`. Cross-field rules are checkPolicy's. */
export const LabelPolicySet = z.strictObject({
  zones: distinct(dnsLabel, 50).min(1, "must have at least one zone"),
  dedicatedZones: distinct(dnsLabel, 50).default([]),
  resourceLabels: distinct(resourceLabel, 100).default([]),
  exclusiveSets: z.array(distinct(resourceLabel, 100).min(2, "needs at least two labels")).max(50, "must be at most 50").default([]),
  version,
});
export const NodeInitChecksSet = z.strictObject({
  requireReady: z.boolean({ error: "must be true or false" }),
  minKubeletVersion: z
    .string()
    .regex(/^v\d+\.\d+\.\d+$/, "must be a version such as v1.29.0")
    .nullable()
    .default(null),
  requiredLabels: distinct(labelKey, 20).default([]),
  /** 0 while the defaults (the worker's environment) apply. */
  version: integer().min(0),
});

// ───── Events (issue 17) ─────
/** A timeline of events, newest first, in pages; `type` keeps only Normal or Warning ones. */
export const EventListQuery = ListQuery.omit({ q: true }).extend({
  type: z.enum(["Normal", "Warning"], { error: "must be Normal or Warning" }).optional(),
});
export type EventListQuery = z.infer<typeof EventListQuery>;
