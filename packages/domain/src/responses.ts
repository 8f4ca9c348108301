// Response schemas: what /api/v1 answers, the counterpart of the request schemas in schemas.ts. The route
// declarations (apps/portal/lib/contract) name one per operation, the OpenAPI document is generated from
// them, the type checker holds each route's handler to its schema, and the portal's client components use
// the types inferred here instead of declaring their own. Times are ISO 8601 text, as JSON carries them.
import { METRIC_RANGES } from "./metrics";
import { z } from "zod";
import { INIT_CHECK_REASONS, type InitCheckReason } from "./error-reasons";
import { CpuMode, DepartmentRoleSchema, Isolation, LoadBalancerKind, LoadBalancerProtocol, PlatformRoleSchema, Protocol, Runtime } from "./schemas";

const at = z.string().describe("ISO 8601 time");
const optionalAt = at.nullable();

// ───── Shared parts ─────
/** Quota amounts in the units the database keeps: CPU in millicores, memory in MiB, GPUs and instances as counts (quota.ts). */
export const ResourcesSchema = z.strictObject({ cpuMillis: z.number(), memoryMiB: z.number(), gpu: z.number(), instances: z.number() });
export const NodeStatusValue = z.enum(["INIT", "WAIT", "ONLINE", "OFFLINE"]);
export const TransitionResultSchema = z.enum(["PENDING", "SUCCEEDED", "FAILED"]);
export const ClusterStatusSchema = z.enum(["PENDING", "HEALTHY", "DEGRADED", "UNREACHABLE"]);
export const GroupPhaseSchema = z.enum(["PENDING", "PROGRESSING", "SCALING", "AVAILABLE", "DEGRADED", "FAILED", "DELETING"]);
export const QuotaRequestStatusSchema = z.enum(["PENDING", "APPROVED", "REJECTED", "CANCELLED"]);

/** An offset page of a list (packages/usecases/src/page.ts): `page` counts from 1. */
export const pageOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
/** A keyset page (packages/usecases/src/keyset.ts): pass `nextCursor` as `cursor` for the next page; null on the last. */
export const keysetPageOf = <T extends z.ZodType>(item: T) => pageOf(item).extend({ nextCursor: z.string().nullable() });
/** A page's type for any item type. */
export type ApiPage<T> = { items: T[]; total: number; page: number; pageSize: number; nextCursor?: string | null };

// ───── Meta ─────
export const HealthSchema = z.strictObject({ status: z.enum(["ok", "degraded"]), database: z.enum(["ok", "unreachable"]) });
/** Liveness: the portal process answers; says nothing of the database (a probe that restarts pods must not depend on it). */
export const LivenessSchema = z.strictObject({ status: z.literal("ok") });
/** The caller: their headline role, platform role, departments (with their role there) and systems. */
export const MeSchema = z.strictObject({
  email: z.string(),
  name: z.string(),
  role: z.union([PlatformRoleSchema, DepartmentRoleSchema]).nullable(),
  platformRole: PlatformRoleSchema.nullable(),
  departments: z.array(z.strictObject({ name: z.string(), displayName: z.string(), role: DepartmentRoleSchema })),
  systems: z.array(z.string()),
});
/** The OpenAPI 3.1 document itself. */
export const OpenApiSchema = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

// ───── Global search ─────
export const SearchKindSchema = z.enum(["system", "application", "group", "node", "person"]);
/**
 * One thing global search found. `name` is its identifier in paths (a person's e-mail), `displayName` what
 * people call it; the rest say where it lives, enough to link to its page: a system's `department`, an
 * application's `system`, a group's `system` and `application`, a node's `cluster`, a person's `email`.
 */
export const SearchHitSchema = z.strictObject({
  kind: SearchKindSchema,
  name: z.string(),
  displayName: z.string(),
  department: z.string().nullable(),
  system: z.string().nullable(),
  application: z.string().nullable(),
  cluster: z.string().nullable(),
});
/** Global search's answer: at most `limit` hits of each kind, best first (exact, then prefix, then shortest). */
export const SearchResultsSchema = z.strictObject({ q: z.string(), items: z.array(SearchHitSchema) });

// ───── Departments ─────
export const DepartmentSchema = z.strictObject({
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  version: z.number(),
  createdAt: at,
  updatedAt: at,
  systemCount: z.number().optional(),
});
/** A department in the list: whether the caller may manage its systems. */
export const DepartmentListItemSchema = DepartmentSchema.extend({ canManageSystems: z.boolean() });
export const DepartmentDetailSchema = DepartmentSchema.extend({ can: z.strictObject({ manage: z.boolean(), manageSystems: z.boolean() }) });
export const DepartmentMemberSchema = z.strictObject({ email: z.string(), name: z.string(), role: DepartmentRoleSchema, disabled: z.boolean(), addedAt: at });
export const DepartmentMemberSetSchema = z.strictObject({ email: z.string(), name: z.string(), role: DepartmentRoleSchema });
export const itemsOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

/** The worker's last failure to reconcile an object (apps/worker/src/controllers/status.ts); all null and 0 once one succeeds. */
export const ReconcileFailureSchema = z.strictObject({
  lastError: z.string().nullable(),
  lastErrorReason: z.string().nullable(),
  lastErrorAt: optionalAt,
  failedAttempts: z.number(),
});

// ───── Systems ─────
export const SystemSchema = z.strictObject({
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  department: z.string(),
  isolation: Isolation,
  version: z.number(),
  createdAt: at,
  updatedAt: at,
  applicationCount: z.number().optional(),
  memberCount: z.number().optional(),
});
export const SystemDetailSchema = SystemSchema.extend({
  reconcileFailures: z.strictObject({
    namespaces: z.array(ReconcileFailureSchema.extend({ cluster: z.string() })),
    projects: z.array(ReconcileFailureSchema.extend({ dataCentre: z.string() })),
  }),
  can: z.strictObject({ manage: z.boolean(), write: z.boolean() }),
});
/** A system's member, with their role in the system's department (null once they left it). */
export const SystemMemberSchema = z.strictObject({ email: z.string(), name: z.string(), departmentRole: DepartmentRoleSchema.nullable(), addedAt: at });
export const SystemMemberAddedSchema = z.strictObject({ email: z.string(), name: z.string(), departmentRole: DepartmentRoleSchema });

// ───── Applications ─────
export const ApplicationSchema = z.strictObject({
  name: z.string(),
  system: z.string(),
  displayName: z.string(),
  description: z.string(),
  runtime: Runtime,
  port: z.number(),
  protocol: Protocol,
  healthCheckPath: z.string().nullable(),
  gitRepository: z.string().nullable(),
  gitBranch: z.string(),
  dockerfilePath: z.string(),
  buildCommand: z.string().nullable(),
  version: z.number(),
  createdAt: at,
  updatedAt: at,
  groupCount: z.number().optional(),
});
/** `hasWebhookSecret`: whether a push webhook secret was made (the secret itself is shown only then). */
export const ApplicationDetailSchema = ApplicationSchema.extend({ hasWebhookSecret: z.boolean(), can: z.strictObject({ write: z.boolean() }) });
/** An application's image tags in one data centre's Harbor, newest first, and where to push (`pushTo`). */
export const ImageTagsSchema = z.strictObject({
  dataCentre: z.string(),
  registry: z.string(),
  repository: z.string(),
  pushTo: z.string(),
  items: z.array(z.strictObject({ tag: z.string(), digest: z.string(), pushedAt: at })),
});

// ───── Registry access and images (docs/images.md) ─────
/** A robot account in a system's Harbor project; never its secret. */
export const PushRobotSchema = z.strictObject({
  /** The name given when it was made ("ci"). */
  name: z.string(),
  /** What `docker login` takes as the user name: robot$<project>+<name>. */
  username: z.string(),
  /** "resource:action" in the project, e.g. "repository:push". */
  permissions: z.array(z.string()),
  description: z.string(),
  createdAt: at,
  /** null: never expires. */
  expiresAt: at.nullable(),
  /** Capstan's own robot (the clusters' pull robot): listed, never rotated or deleted here. */
  managed: z.boolean(),
});
/** Per data centre where the system has a quota: the registry host, the project and its robots. */
export const RegistryAccessSchema = z.strictObject({
  system: z.string(),
  dataCentres: z.array(
    z.strictObject({
      dataCentre: z.string(),
      registry: z.string(),
      project: z.string(),
      robots: z.array(PushRobotSchema),
      /** The registry could not be read (its robots are then unknown, not absent). */
      unavailable: z.boolean(),
    }),
  ),
});
/** A robot's secret, answered once when it is made or rotated; Capstan keeps no copy. */
export const PushRobotSecretSchema = z.strictObject({
  dataCentre: z.string(),
  registry: z.string(),
  name: z.string(),
  username: z.string(),
  secret: z.string(),
});
/** An application's tags in every data centre where its system has a quota, and where to push. */
export const ImageOverviewSchema = z.strictObject({
  repository: z.string(),
  /** `plainHttp`: the registry speaks HTTP, not HTTPS (clients must be told: `--tls-verify=false`, Docker's insecure-registries). */
  dataCentres: z.array(z.strictObject({ dataCentre: z.string(), registry: z.string(), pushTo: z.string(), plainHttp: z.boolean(), unavailable: z.boolean() })),
  /** One row per tag, newest push first; `sameDigest` is true when every data centre holding it has the same digest. */
  tags: z.array(
    z.strictObject({
      tag: z.string(),
      sameDigest: z.boolean(),
      /** Groups whose current revision runs this tag ("<application>/<group> in <data centre>"); the tag cannot be deleted then. */
      /** The groups whose current revision runs this tag. */
      usedBy: z.array(z.strictObject({ group: z.string(), dataCentre: z.string() })),
      copies: z.array(
        z.strictObject({
          dataCentre: z.string(),
          digest: z.string(),
          /** Bytes: manifest, config and layers. */
          size: z.number(),
          pushedAt: at,
          /** The Harbor account that pushed it (a user or robot$…), when Harbor's audit log still says. */
          pushedBy: z.string().nullable(),
        }),
      ),
    }),
  ),
});
/** A promotion: the digest copied, and per target data centre what the copy sent. */
export const PromotionSchema = z.strictObject({
  from: z.string(),
  repository: z.string(),
  digest: z.string(),
  tag: z.string().nullable(),
  targets: z.array(
    z.strictObject({
      dataCentre: z.string(),
      /** The digest the target's registry answers after the copy (always `digest`: anything else fails the promotion). */
      digest: z.string(),
      bytesSent: z.number(),
      blobsSent: z.number(),
      blobsMounted: z.number(),
      blobsPresent: z.number(),
    }),
  ),
});

// ───── Builds ─────
export const BuildSchema = z.strictObject({
  id: z.string(),
  number: z.number(),
  system: z.string(),
  application: z.string(),
  dataCentre: z.string(),
  /** The branch, tag or SHA asked for. */
  ref: z.string(),
  commit: z.string().nullable(),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
  status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]),
  /** CamelCase, when it failed or was cancelled: CloneFailed, RefNotFound, DockerfileMissing, BuildFailed, PushFailed, BuilderMissing, Cancelled … */
  reason: z.string().nullable(),
  message: z.string().nullable(),
  trigger: z.enum(["USER", "WEBHOOK", "FOLLOW"]),
  /** The name of who asked (personName), for builds people asked for. */
  triggeredBy: z.string().nullable(),
  createdAt: at,
  startedAt: at.nullable(),
  finishedAt: at.nullable(),
});
export const BuildPageSchema = keysetPageOf(BuildSchema);
/** An application's webhook secret, shown once, and where git hosts send pushes. */
export const WebhookSecretSchema = z.strictObject({ url: z.string(), secret: z.string() });
/** What a webhook delivery did: the build it started or found, or why it started none. */
export const WebhookResultSchema = z.strictObject({
  build: BuildSchema.nullable(),
  /** Why nothing was started: "branch" (not the application's), "repeated" (a delivery seen before), "not_push". */
  ignored: z.enum(["branch", "repeated", "not_push"]).nullable(),
});

// ───── Groups ─────
export const GroupSchema = z.strictObject({
  name: z.string(),
  system: z.string(),
  application: z.string(),
  dataCentre: z.string(),
  cluster: z.string(),
  imageTag: z.string(),
  /** The digest (sha256:…) the current revision pinned, which the pods run; null when unknown (the tag runs). */
  imageDigest: z.string().nullable(),
  /** The branch whose successful builds roll the group out, or null. */
  follow: z.strictObject({ branch: z.string() }).nullable(),
  replicas: z.number(),
  cpu: z.string(),
  memory: z.string(),
  gpu: z.number(),
  cpuMode: CpuMode,
  zone: z.string(),
  resourceLabels: z.array(z.string()),
  env: z.array(z.strictObject({ name: z.string(), value: z.string() })),
  healthCheck: z.strictObject({ path: z.string(), initialDelaySeconds: z.number(), periodSeconds: z.number() }).nullable(),
  generation: z.number(),
  observedGeneration: z.number(),
  revision: z.number(),
  phase: GroupPhaseSchema,
  readyReplicas: z.number(),
  availableReplicas: z.number(),
  updatedReplicas: z.number(),
  statusReason: z.string().nullable(),
  statusMessage: z.string().nullable(),
  ...ReconcileFailureSchema.shape,
  restartedAt: optionalAt,
  /** The group's autoscaling (Autoscaling), or null when its replica count is set by hand. */
  autoscaling: z
    .strictObject({
      minReplicas: z.number(),
      maxReplicas: z.number(),
      cpuUtilisation: z.number().optional(),
      memoryUtilisation: z.number().optional(),
      behaviour: z.union([z.string(), z.strictObject({ scaleUpStabilisationSeconds: z.number(), scaleDownStabilisationSeconds: z.number() })]),
    })
    .nullable(),
  /** Its HPA's status as last read from the cluster (AutoscalerStatus), or null before it was read or when not autoscaled. */
  autoscalingStatus: z
    .strictObject({
      currentReplicas: z.number(),
      desiredReplicas: z.number(),
      lastScaleTime: z.string().nullable(),
      currentCpuUtilisation: z.number().nullable(),
      currentMemoryUtilisation: z.number().nullable(),
      conditions: z.array(z.strictObject({ type: z.string(), status: z.string(), reason: z.string().optional(), message: z.string().optional() })),
    })
    .nullable(),
  deleting: z.boolean(),
  version: z.number(),
  createdAt: at,
  updatedAt: at,
});
export const GroupPodSchema = z.strictObject({
  name: z.string(),
  node: z.string().nullable(),
  phase: z.string(),
  ready: z.boolean(),
  ip: z.string().nullable(),
  restarts: z.number(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
});
/** A Warning event from the group's cluster about one of its objects. */
export const ClusterWarningSchema = z.strictObject({
  kind: z.string(),
  name: z.string(),
  reason: z.string(),
  message: z.string(),
  count: z.number(),
  lastAt: at,
});
export const GroupDetailSchema = GroupSchema.extend({
  pods: z.array(GroupPodSchema),
  events: z.array(ClusterWarningSchema),
  can: z.strictObject({ write: z.boolean() }),
});
/** Why a revision was made (change-cause.ts); null for text Capstan did not write. */
export const ChangeCauseSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("created") }),
  z.strictObject({ kind: z.literal("restarted") }),
  z.strictObject({ kind: z.literal("rolledOut"), image: z.string() }),
  z.strictObject({ kind: z.literal("rolledBack"), revision: z.number() }),
  z.strictObject({ kind: z.literal("followed"), branch: z.string(), build: z.number(), image: z.string() }),
  z.strictObject({ kind: z.literal("changed"), fields: z.array(z.string()) }),
]);
export const GroupRevisionSchema = z.strictObject({
  revision: z.number(),
  createdAt: at,
  createdBy: z.string().nullable(),
  changeCause: z.string(),
  cause: ChangeCauseSchema.nullable(),
  changes: z.array(z.strictObject({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  sameAsCurrent: z.boolean(),
  spec: z.strictObject({
    imageTag: z.string(),
    imageDigest: z.string().nullable(),
    cpu: z.string(),
    memory: z.string(),
    gpu: z.number(),
    cpuMode: CpuMode,
    zone: z.string(),
    resourceLabels: z.array(z.string()),
    env: z.unknown(),
    healthCheck: z.unknown(),
  }),
});

// ───── Load balancers (docs/load-balancers.md) ─────
export const BackendStateSchema = z.enum(["IN", "DRAINING", "OUT"]);
/** A balancer's settings and status, as lists and changes answer. */
export const LoadBalancerSchema = z.strictObject({
  name: z.string(),
  system: z.string(),
  application: z.string(),
  kind: LoadBalancerKind,
  replicas: z.number(),
  dataCentre: z.string(),
  cluster: z.string(),
  port: z.number(),
  protocol: LoadBalancerProtocol,
  algorithm: z.string(),
  /** `path` null: a TCP connect check. Interval in seconds. */
  healthCheck: z.strictObject({ path: z.string().nullable(), intervalSeconds: z.number(), rise: z.number(), fall: z.number() }),
  timeouts: z.strictObject({ connectSeconds: z.number(), clientSeconds: z.number(), serverSeconds: z.number() }),
  stickyCookie: z.string().nullable(),
  forwardedFor: z.boolean(),
  maxConnPerBackend: z.number().nullable(),
  /**
   * Its names; `published`: whether Capstan's built-in DNS server holds records for the name (null when the
   * data centre's names are served by PowerDNS, whose records are not read here).
   */
  domains: z.array(z.strictObject({ name: z.string(), published: z.boolean().nullable() })),
  generation: z.number(),
  observedGeneration: z.number(),
  ...ReconcileFailureSchema.shape,
  /** The DNS controller's last failure to apply its names (a refused PowerDNS key, a name someone else holds); null once one succeeds. */
  dnsFailure: ReconcileFailureSchema.nullable(),
  /**
   * What its names wait for, which is not a failure: `service_address` while its data centre's names resolve to the
   * Service's external address and the cluster has given the Service none yet (the names have no A record); else null.
   */
  dnsWaiting: z.enum(["service_address"]).nullable(),
  /** LB pods ready, as the inventory last read them. */
  readyReplicas: z.number(),
  /** False when its LB pods run without a data plane (a simulator without haproxy or nginx installed). */
  dataPlane: z.boolean(),
  deleting: z.boolean(),
  version: z.number(),
  createdAt: at,
  updatedAt: at,
});
/** A member group: its weight (0–256), its share of new traffic in % (0 unless in), its state and since when. */
export const LoadBalancerMemberSchema = z.strictObject({
  group: z.string(),
  weight: z.number(),
  share: z.number(),
  state: BackendStateSchema,
  /** While draining: how long in-flight work may go on, in seconds, from `stateSince`. */
  drainSeconds: z.number().nullable(),
  stateSince: at,
});
/** A pod of a member group (from the inventory), with its own state in the balancer: IN unless taken out. */
export const LoadBalancerPodSchema = z.strictObject({
  name: z.string(),
  group: z.string(),
  ip: z.string().nullable(),
  ready: z.boolean(),
  state: BackendStateSchema,
  drainSeconds: z.number().nullable(),
  /** When it was taken out; null when in. */
  stateSince: optionalAt,
});
/**
 * Why the balancer may not serve as one expects: no member group; no member in with a weight above 0; no
 * ready pod in; its pods run without a data plane.
 */
export const LoadBalancerWarningSchema = z.enum(["no_members", "no_member_in", "no_pod_in", "no_data_plane"]);
/**
 * A balancer as its application's list shows it: the settings and status, each member group's weight and state
 * (by group name), and how many of their pods are taken out on their own (draining or out).
 */
export const LoadBalancerListItemSchema = LoadBalancerSchema.extend({
  members: z.array(LoadBalancerMemberSchema.pick({ group: true, weight: true, state: true })),
  podsOut: z.number(),
});
/** One balancer with its members, their pods, warnings, its rendered configuration and what the caller may do. */
export const LoadBalancerDetailSchema = LoadBalancerSchema.extend({
  members: z.array(LoadBalancerMemberSchema),
  pods: z.array(LoadBalancerPodSchema),
  warnings: z.array(LoadBalancerWarningSchema),
  /** The data plane's configuration as rendered now from these rows (read-only): file name, text, hash. */
  configuration: z.strictObject({ file: z.string(), text: z.string(), hash: z.string() }),
  can: z.strictObject({ write: z.boolean() }),
});
/** What one backend pod's data plane reports of it, merged over the balancer's LB pods. */
export const BackendStatSchema = z.strictObject({
  pod: z.string(),
  group: z.string(),
  /** up, down (failing health checks), draining, out; as the data planes see it. */
  state: z.enum(["up", "down", "draining", "out"]),
  /** The server weight as haproxy reports it, else as rendered (nginx reports none). */
  weight: z.number(),
  /** Sessions now and since the data plane started, summed over LB pods (null for nginx). */
  currentSessions: z.number().nullable(),
  totalSessions: z.number().nullable(),
  /** The last health check's result as haproxy words it (e.g. L7OK, L4CON), null when unknown. */
  health: z.string().nullable(),
});
/** Each LB pod's data plane: whether it answered, and nginx's whole-balancer counters. */
export const DataPlaneStatSchema = z.strictObject({
  pod: z.string(),
  ip: z.string().nullable(),
  reachable: z.boolean(),
  /**
   * Why it could not be asked, as a code the portal words (DATA_PLANE_ERRORS): not ready, no IP yet, another
   * balancer's data plane at its IP, or unreachable (refused, timed out …; `error` says how).
   */
  errorReason: z.enum(["not_ready", "no_ip", "other_balancer", "unreachable"]).nullable(),
  /** The same in English; for `unreachable`, the connection's own error ("connect ECONNREFUSED …"). */
  error: z.string().nullable(),
  /** nginx stub_status: connections now and requests since start (null for haproxy). */
  activeConnections: z.number().nullable(),
  requests: z.number().nullable(),
});
export const LoadBalancerStatsSchema = z.strictObject({
  kind: LoadBalancerKind,
  at,
  dataPlanes: z.array(DataPlaneStatSchema),
  backends: z.array(BackendStatSchema),
});

/** What runs where, for one application (get-application-overview.ts). */
export const ApplicationOverviewSchema = z.strictObject({
  system: z.string(),
  application: z.string(),
  /** By data centre, then cluster, names sorted; only those where the application has groups. */
  dataCentres: z.array(
    z.strictObject({
      dataCentre: z.string(),
      clusters: z.array(
        z.strictObject({
          cluster: z.string(),
          groups: z.array(
            z.strictObject({
              name: z.string(),
              imageTag: z.string(),
              imageDigest: z.string().nullable(),
              replicas: z.number(),
              readyReplicas: z.number(),
              phase: GroupPhaseSchema,
              statusReason: z.string().nullable(),
              statusMessage: z.string().nullable(),
              deleting: z.boolean(),
              /** The current revision: when it was made, by whom (null: the system), and why. */
              lastRollout: z
                .strictObject({ revision: z.number(), at, by: z.string().nullable(), changeCause: z.string(), cause: ChangeCauseSchema.nullable() })
                .nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
  /** Per tag the groups run: the distinct digests pinned, groups with none known, and whether all run the same bytes. */
  tags: z.array(z.strictObject({ tag: z.string(), groups: z.number(), digests: z.array(z.string()), unpinned: z.number(), same: z.boolean() })),
  /** The last build that finished (succeeded or failed), or null. */
  lastBuild: z
    .strictObject({
      number: z.number(),
      status: z.enum(["SUCCEEDED", "FAILED"]),
      imageTag: z.string().nullable(),
      commitSha: z.string().nullable(),
      finishedAt: optionalAt,
    })
    .nullable(),
});

// ───── Quotas ─────
/** A quota in one data centre: `set` is false when none was ever set (nothing may run there yet). */
export const QuotaViewSchema = z.strictObject({
  dataCentre: z.string(),
  set: z.boolean(),
  quota: ResourcesSchema,
  used: ResourcesSchema,
  free: ResourcesSchema,
  version: z.number().nullable(),
});
export const SystemQuotaSchema = QuotaViewSchema.extend({ system: z.string() });
export const SystemQuotasSchema = z.strictObject({ system: z.string(), items: z.array(QuotaViewSchema) });
/** A department's quota in one data centre, what it handed to its systems, and each system's share. */
export const DepartmentDataCentreQuotaSchema = QuotaViewSchema.extend({
  allocated: ResourcesSchema,
  unallocated: ResourcesSchema,
  systems: z.array(SystemQuotaSchema),
});
export const DepartmentQuotaSchema = DepartmentDataCentreQuotaSchema.extend({ department: z.string() });
export const DepartmentQuotasSchema = z.strictObject({ department: z.string(), items: z.array(DepartmentDataCentreQuotaSchema) });
export const QuotaRequestSchema = z.strictObject({
  id: z.string(),
  system: z.string(),
  department: z.string(),
  dataCentre: z.string(),
  /** The requester's e-mail, and how pages name them (the display name, else the e-mail). */
  requester: z.string(),
  requesterName: z.string(),
  asked: ResourcesSchema,
  approved: ResourcesSchema.nullable(),
  reason: z.string(),
  status: QuotaRequestStatusSchema,
  escalated: z.boolean(),
  reviewer: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: optionalAt,
  createdAt: at,
  version: z.number(),
  can: z.strictObject({ review: z.boolean() }),
});
/**
 * A finding the server words in English and the portal words from its catalogues: a field reason
 * (FIELD_REASONS, docs/errors.md), its params, and the English text (messages/reasons.ts renders it).
 */
export const ReasonedTextSchema = z.strictObject({
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export const PlacementPreviewResultSchema = z.strictObject({
  dataCentre: z.string(),
  cluster: z.string().nullable(),
  clusters: z.array(
    z.strictObject({
      name: z.string(),
      healthy: z.boolean(),
      matchingNodes: z.number(),
      free: z.strictObject({ cpuMillis: z.number(), memoryMiB: z.number(), gpu: z.number() }),
      replicasThatFit: z.number(),
    }),
  ),
  replicas: z.number(),
  replicasThatFit: z.number(),
  quota: QuotaViewSchema,
  /** Each quota shortfall as a field error (reason quota_short, params `{ resource, unit, asked, free }`) with its English text. */
  overQuota: z.array(ReasonedTextSchema),
  /** Each label-policy rule the placement breaks, with the labels it names, its reason and English text. */
  conflicts: z.array(ReasonedTextSchema.extend({ labels: z.array(z.string()) })),
  ok: z.boolean(),
});

// ───── Fleet: data centres and clusters ─────
/**
 * A data centre's DNS (docs/load-balancers.md, "Domain names"): its zone (null: none), provider, where names
 * point, and for the built-in server the address and port it answers on (null when it does not run);
 * `powerdnsUrl` only for platform roles, and never the PowerDNS key.
 */
export const DataCentreDnsSchema = z.strictObject({
  zone: z.string().nullable(),
  provider: z.enum(["BUILTIN", "POWERDNS"]),
  target: z.enum(["POD_IPS", "SERVICE_ADDRESS"]),
  server: z.strictObject({ address: z.string(), port: z.number() }).nullable(),
  powerdnsUrl: z.string().nullable().optional(),
});
/** `harborUsername` only for platform roles (dataCentreFor). */
export const DataCentreSchema = z.strictObject({
  name: z.string(),
  displayName: z.string(),
  region: z.string(),
  harborUrl: z.string(),
  harborUsername: z.string().optional(),
  builderImage: z.string(),
  buildsPerSystem: z.number(),
  dns: DataCentreDnsSchema,
  version: z.number(),
  createdAt: at,
  updatedAt: at,
  clusters: z.array(z.strictObject({ name: z.string(), status: z.string() })).optional(),
});
export const DataCentreDetailSchema = DataCentreSchema.extend({ can: z.strictObject({ manage: z.boolean() }) });
/** `apiEndpoint` and the last failure (`lastError`, `lastErrorReason`, `lastErrorParams`) only for platform roles (clusterFor). */
export const ClusterSchema = z.strictObject({
  name: z.string(),
  dataCentre: z.string(),
  apiEndpoint: z.string().optional(),
  status: ClusterStatusSchema,
  kubernetesVersion: z.string().nullable(),
  nodeCount: z.number(),
  lastContactAt: optionalAt,
  lastError: z.string().nullable().optional(),
  /** the last failure as a reason of CLUSTER_PROBE_REASONS (cluster-probe.ts) and its params */
  lastErrorReason: z.string().nullable().optional(),
  lastErrorParams: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .nullable()
    .optional(),
  version: z.number(),
  createdAt: at,
});
export const ClusterDetailSchema = ClusterSchema.extend({ can: z.strictObject({ manage: z.boolean(), check: z.boolean() }) });

// ───── Nodes ─────
export const InitCheckResultSchema = z.strictObject({
  check: z.string(),
  ok: z.boolean(),
  reason: z.enum(Object.keys(INIT_CHECK_REASONS) as [InitCheckReason, ...InitCheckReason[]]).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});
export const NodeSchema = z.strictObject({
  cluster: z.string(),
  dataCentre: z.string(),
  name: z.string(),
  status: NodeStatusValue,
  allowed: z.array(NodeStatusValue).readonly(),
  stuckForMs: z.number().nullable(),
  statusChangedAt: at,
  zone: z.string(),
  ready: z.boolean(),
  unschedulable: z.boolean(),
  kubeletVersion: z.string().nullable(),
  internalIp: z.string().nullable(),
  cpuMillis: z.strictObject({ allocatable: z.number(), requested: z.number(), free: z.number() }),
  memoryMiB: z.strictObject({ allocatable: z.number(), requested: z.number(), free: z.number() }),
  gpu: z.strictObject({ allocatable: z.number(), requested: z.number() }),
  podCapacity: z.strictObject({ count: z.number(), allocatable: z.number() }),
  labels: z.record(z.string(), z.string()),
  taints: z.array(z.strictObject({ key: z.string(), value: z.string().optional(), effect: z.string() })),
  checkResults: z.array(InitCheckResultSchema).nullable(),
  ...ReconcileFailureSchema.shape,
  version: z.number(),
});
const DrainBlockSchema = z.enum(["unreplicated", "localStorage", "daemonSet", "orphanedDaemonSet"]);
const DrainWarningSchema = z.enum(["unreplicated", "localStorage", "orphanedDaemonSet"]);
/** What the worker's drain did (get-node.ts TransitionDetail). */
export const TransitionDetailSchema = z.strictObject({
  evictions: z
    .array(z.strictObject({ pod: z.string(), evicted: z.boolean(), reason: z.string().optional(), warning: DrainWarningSchema.optional() }))
    .optional(),
  blocked: z.array(z.strictObject({ pod: z.string(), reason: DrainBlockSchema, message: z.string() })).optional(),
  error: z.string().optional(),
});
// ───── Usage history (docs/metrics.md) ─────
const CpuMemorySchema = z.strictObject({ cpuMillis: z.number(), memoryMiB: z.number() });
/** How the cluster's last metrics scrapes went: when one last succeeded, and the last failure's reason (null once one succeeds). */
export const MetricsScrapeStatusSchema = z.strictObject({ lastSuccessAt: optionalAt, lastErrorReason: z.string().nullable(), lastErrorAt: optionalAt });
/** A range of usage history in steps: `times` are the steps' starts; each series has one value per step (null: no figure). */
const MetricsRangeSchema = z.strictObject({
  range: z.enum(METRIC_RANGES),
  stepSeconds: z.number(),
  /**
   * Where each part of the range was read from, in time order: a stored resolution (seconds: 15, 60, 300,
   * 3600) over [from, to). The range's own resolution where it is rolled up, the finer points after it
   * (docs/metrics.md "Resolution by range").
   */
  sources: z.array(z.strictObject({ resolution: z.number().int(), from: at, to: at })),
  from: at,
  to: at,
  times: z.array(at),
});
export const GroupMetricsSchema = MetricsRangeSchema.extend({
  /** per pod, as the group's Deployment asks */
  requests: CpuMemorySchema,
  limits: CpuMemorySchema,
  pods: z.array(z.strictObject({ name: z.string(), cpuMillis: z.array(z.number().nullable()), memoryMiB: z.array(z.number().nullable()) })),
  scrape: MetricsScrapeStatusSchema,
});
export const NodeMetricsSchema = MetricsRangeSchema.extend({
  allocatable: CpuMemorySchema,
  /** the sum of its pods' requests now */
  requested: CpuMemorySchema,
  cpuMillis: z.array(z.number().nullable()),
  memoryMiB: z.array(z.number().nullable()),
  scrape: MetricsScrapeStatusSchema,
});
/**
 * CPU in millicores, memory in MiB: what the pods use (measured) and request, what the nodes use beyond their
 * pods (`overhead`: system daemons and pods Capstan does not measure; in use, but not held by requests), and
 * what the nodes may allocate.
 */
const DensityFiguresSchema = z.strictObject({ used: z.number(), overhead: z.number(), requested: z.number(), allocatable: z.number() });
const DensityRowSchema = z.strictObject({
  nodes: z.number().int(),
  /** Pending and Running pods bound to the nodes: `requested` is theirs */
  pods: z.number().int(),
  /** those pods with usage points in the window; `used` sums only theirs */
  measured: z.number().int(),
  cpuMillis: DensityFiguresSchema,
  memoryMiB: DensityFiguresSchema,
});
/** The fleet's density (docs/metrics.md, "Fleet density"): per cluster and per zone, used against requested against allocatable. */
export const FleetDensitySchema = z.strictObject({
  generatedAt: at,
  /** `used` is each pod's mean over this many seconds before `generatedAt`, summed (`overhead` each node's, less its pods') */
  windowSeconds: z.number().int(),
  clusters: z.array(DensityRowSchema.extend({ dataCentre: z.string(), cluster: z.string() })),
  zones: z.array(DensityRowSchema.extend({ zone: z.string() })),
});
export type FleetDensityDto = z.infer<typeof FleetDensitySchema>;
export type GroupMetricsDto = z.infer<typeof GroupMetricsSchema>;
export type NodeMetricsDto = z.infer<typeof NodeMetricsSchema>;

export const NodeDetailSchema = NodeSchema.extend({
  conditions: z.array(z.strictObject({ type: z.string(), status: z.string(), reason: z.string().optional(), message: z.string().optional() })),
  desiredLabels: z.record(z.string(), z.string()).nullable(),
  pods: z.array(
    z.strictObject({
      namespace: z.string(),
      name: z.string(),
      phase: z.string(),
      ready: z.boolean(),
      ip: z.string().nullable(),
      cpuMillis: z.number(),
      memoryMiB: z.number(),
    }),
  ),
  transitions: z.array(
    z.strictObject({
      from: NodeStatusValue.nullable(),
      to: NodeStatusValue,
      reason: z.string(),
      by: z.string().nullable(),
      bulkId: z.string().nullable(),
      result: TransitionResultSchema,
      force: z.boolean(),
      deleteEmptyDirData: z.boolean(),
      detail: TransitionDetailSchema.nullable(),
      at,
      finishedAt: optionalAt,
    }),
  ),
});
export const CapacitySchema = z.strictObject({
  cpu: z.strictObject({ capacity: z.number(), allocatable: z.number(), requested: z.number() }),
  memory: z.strictObject({ capacity: z.number(), allocatable: z.number(), requested: z.number() }),
  gpu: z.strictObject({ capacity: z.number(), allocatable: z.number(), requested: z.number() }),
});
/** Node counts by status, NotReady, stuck, needing attention (either), and capacity (fleet-rollup.ts). */
export const FleetCountsSchema = z.strictObject({
  nodes: z.number(),
  byStatus: z.record(NodeStatusValue, z.number()),
  notReady: z.number(),
  stuck: z.number(),
  attention: z.number(),
  capacity: CapacitySchema,
});
const ZoneCountsSchema = FleetCountsSchema.extend({ zone: z.string() });
export const FleetOverviewSchema = z.strictObject({
  attention: z.array(
    z.strictObject({
      cluster: z.string(),
      dataCentre: z.string(),
      name: z.string(),
      status: NodeStatusValue,
      zone: z.string(),
      ready: z.boolean(),
      statusChangedAt: at,
      stuckForMs: z.number().nullable(),
      lastTransition: z.strictObject({ at, by: z.string().nullable(), reason: z.string() }).nullable(),
    }),
  ),
  recentTransitions: z.array(
    z.strictObject({
      at,
      cluster: z.string(),
      node: z.string(),
      from: NodeStatusValue.nullable(),
      to: NodeStatusValue,
      reason: z.string(),
      result: TransitionResultSchema,
      by: z.string().nullable(),
    }),
  ),
  total: FleetCountsSchema,
  clusters: z.array(FleetCountsSchema.extend({ cluster: z.string(), dataCentre: z.string(), zones: z.array(ZoneCountsSchema) })),
  zones: z.array(ZoneCountsSchema),
  generatedAt: at,
});
/** The ops dashboard (getOpsDashboard): nodes NotReady or stuck, the latest drains, clusters not healthy. */
export const OpsDashboardSchema = z.strictObject({
  nodes: z.strictObject({
    notReady: z.number(),
    stuck: z.number(),
    total: z.number(),
    items: z.array(
      z.strictObject({ cluster: z.string(), name: z.string(), status: NodeStatusValue, ready: z.boolean(), since: at, stuckForMs: z.number().nullable() }),
    ),
  }),
  recentDrains: z.array(z.strictObject({ cluster: z.string(), node: z.string(), reason: z.string(), result: TransitionResultSchema, at })),
  unhealthyClusters: z.array(
    z.strictObject({
      name: z.string(),
      dataCentre: z.string(),
      status: ClusterStatusSchema,
      lastError: z.string().nullable(),
      /** the last probe failure as a reason of CLUSTER_PROBE_REASONS and its params (the portal words it) */
      lastErrorReason: z.string().nullable(),
      lastErrorParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
      lastContactAt: at.nullable(),
    }),
  ),
});
export type OpsDashboard = z.infer<typeof OpsDashboardSchema>;
export const NodeBulkTransitionAcceptedSchema = z.strictObject({ id: z.string(), total: z.number() });
export const NodeBulkTransitionSchema = z.strictObject({
  id: z.string(),
  to: NodeStatusValue,
  reason: z.string(),
  total: z.number(),
  done: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  createdAt: at,
  finishedAt: optionalAt,
  items: z.array(
    z.strictObject({
      cluster: z.string(),
      node: z.string(),
      result: TransitionResultSchema.nullable(),
      message: z.string(),
      failureReason: z.string().nullable(),
      failureParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
      applied: TransitionResultSchema.nullable(),
    }),
  ),
});
export const LabelPolicyViewSchema = z.strictObject({
  zones: z.array(z.string()),
  dedicatedZones: z.array(z.string()),
  resourceLabels: z.array(z.string()),
  exclusiveSets: z.array(z.array(z.string())),
  version: z.number(),
});
/** Version 0 while no one has set them: the worker's environment gives the defaults. */
export const NodeInitChecksSchema = z.strictObject({
  requireReady: z.boolean(),
  minKubeletVersion: z.string().nullable(),
  requiredLabels: z.array(z.string()),
  version: z.number(),
});

// ───── Users, tokens, audit ─────
export const UserSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  platformRole: PlatformRoleSchema.nullable(),
  disabled: z.boolean(),
  sso: z.boolean(),
  version: z.number(),
  createdAt: at,
});
export const PasswordChangedSchema = z.strictObject({ sessionsEnded: z.number() });
/** An API token; never its secret. */
export const TokenSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  expiresAt: at,
  lastUsedAt: optionalAt,
  revokedAt: optionalAt,
  createdAt: at,
});
/** A new API token: the only answer that carries its secret (`token`). */
export const TokenCreatedSchema = TokenSchema.extend({ token: z.string() });
export const AuditEventSchema = z.strictObject({
  id: z.string(),
  at,
  actor: z.string(),
  /** The actor's display name; null when the event has no account (the worker, the CLI). */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetName: z.string(),
  targetId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

// ───── The types the portal's client components use (inferred: never declared twice) ─────
export type Me = z.infer<typeof MeSchema>;
export type ReconcileFailure = z.infer<typeof ReconcileFailureSchema>;
export type DepartmentDto = z.infer<typeof DepartmentSchema>;
export type DepartmentMember = z.infer<typeof DepartmentMemberSchema>;
export type SystemDto = z.infer<typeof SystemSchema>;
export type SystemMember = z.infer<typeof SystemMemberSchema>;
export type ApplicationDto = z.infer<typeof ApplicationSchema>;
export type GroupDto = z.infer<typeof GroupSchema>;
export type GroupDetail = z.infer<typeof GroupDetailSchema>;
export type GroupRevisionDto = z.infer<typeof GroupRevisionSchema>;
export type ApplicationOverview = z.infer<typeof ApplicationOverviewSchema>;
export type LoadBalancerDto = z.infer<typeof LoadBalancerSchema>;
export type LoadBalancerListItem = z.infer<typeof LoadBalancerListItemSchema>;
export type LoadBalancerDetail = z.infer<typeof LoadBalancerDetailSchema>;
export type LoadBalancerStats = z.infer<typeof LoadBalancerStatsSchema>;
export type LoadBalancerWarning = z.infer<typeof LoadBalancerWarningSchema>;
export type QuotaView = z.infer<typeof QuotaViewSchema>;
export type DepartmentDataCentreQuota = z.infer<typeof DepartmentDataCentreQuotaSchema>;
export type DepartmentQuotas = z.infer<typeof DepartmentQuotasSchema>;
export type QuotaRequestDto = z.infer<typeof QuotaRequestSchema>;
export type PlacementPreviewResult = z.infer<typeof PlacementPreviewResultSchema>;
export type DataCentreDto = z.infer<typeof DataCentreSchema>;
export type ClusterDto = z.infer<typeof ClusterSchema>;
export type NodeDto = z.infer<typeof NodeSchema>;
export type NodeDetail = z.infer<typeof NodeDetailSchema>;
export type NodeBulkTransitionDto = z.infer<typeof NodeBulkTransitionSchema>;
export type LabelPolicyDto = z.infer<typeof LabelPolicyViewSchema>;
export type ImageTagsDto = z.infer<typeof ImageTagsSchema>;
export type RegistryAccessDto = z.infer<typeof RegistryAccessSchema>;
export type PushRobotSecretDto = z.infer<typeof PushRobotSecretSchema>;
export type WebhookSecretDto = z.infer<typeof WebhookSecretSchema>;
export type ImageOverviewDto = z.infer<typeof ImageOverviewSchema>;
export type PromotionDto = z.infer<typeof PromotionSchema>;
export type BuildDto = z.infer<typeof BuildSchema>;
export type NodeInitChecksDto = z.infer<typeof NodeInitChecksSchema>;
export type UserDto = z.infer<typeof UserSchema>;
export type TokenDto = z.infer<typeof TokenSchema>;
export type AuditEventDto = z.infer<typeof AuditEventSchema>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
export type SearchKind = z.infer<typeof SearchKindSchema>;
/** The roles a department member may hold, in the order pages offer them. */
export const DEPARTMENT_ROLES = DepartmentRoleSchema.options;

// ───── What Capstan applied; events (issue 17) ─────
/** One object Capstan applies: `applied` and `live` as YAML (`live` null when the cluster has none), `drift`
 * when a field Capstan sets differs in the cluster, `diff` a unified diff of those fields (empty without
 * drift). A Secret's values are never shown: "(hidden)", or "(hidden; differs …)" where the cluster's differs. */
export const ManifestComparisonSchema = z.strictObject({
  kind: z.string(),
  name: z.string(),
  namespace: z.string().nullable(),
  applied: z.string(),
  live: z.string().nullable(),
  drift: z.boolean(),
  diff: z.string(),
});
/** Capstan's objects in one cluster; `unreachable` when the cluster could not be read (then nothing is live). */
export const ClusterManifestsSchema = z.strictObject({ cluster: z.string(), unreachable: z.boolean(), objects: z.array(ManifestComparisonSchema) });
export const SystemManifestsSchema = z.strictObject({ clusters: z.array(ClusterManifestsSchema) });
/** A Kubernetes event (core/v1 Event) as the inventory keeps it: repeats fold into `count`, first and last seen. */
export const ClusterEventSchema = z.strictObject({
  type: z.string().describe("Normal or Warning"),
  reason: z.string(),
  message: z.string(),
  count: z.number(),
  firstAt: at,
  lastAt: at,
  involved: z.strictObject({ kind: z.string(), name: z.string() }),
});
export type ManifestComparison = z.infer<typeof ManifestComparisonSchema>;
export type ClusterManifests = z.infer<typeof ClusterManifestsSchema>;
export type ClusterEventDto = z.infer<typeof ClusterEventSchema>;
