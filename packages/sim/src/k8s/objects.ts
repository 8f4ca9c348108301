// Types of the objects the simulator stores and serves. Kubernetes objects travel as JSON, so their
// shapes are kubernetes-models' interfaces (generated from the official OpenAPI schemas, times as
// RFC 3339 strings) rather than @kubernetes/client-node's classes (whose times are `Date`s).
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IReplicaSet } from "kubernetes-models/apps/v1/ReplicaSet";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IEndpoints } from "kubernetes-models/v1/Endpoints";
import type { IEvent } from "kubernetes-models/v1/Event";
import type { ILimitRange } from "kubernetes-models/v1/LimitRange";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { INode } from "kubernetes-models/v1/Node";
import type { IPod } from "kubernetes-models/v1/Pod";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IService } from "kubernetes-models/v1/Service";

/** A JSON object (a decoded request body, a patch, a schema): fields are read after narrowing. */
export type JsonObject = Record<string, unknown>;
/** True for a JSON object (not null, not an array). */
export const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/** metav1.ObjectMeta as stored: the store always sets `name` (from `generateName` if need be). */
export type ObjectMeta = NonNullable<IPod["metadata"]> & { name: string };
/** metav1.OwnerReference. */
export type OwnerReference = NonNullable<ObjectMeta["ownerReferences"]>[number];

/**
 * Any stored object, of a kind not known statically (the API server's generic paths, the store's
 * internals). Kind-specific fields are `unknown` until narrowed; `KindOf` gives the known kinds.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  data?: unknown;
}

/** `T` as the store holds it: type and metadata (with a name) always set, `spec` too where `R` says so. */
type Stored<T extends { metadata?: unknown }, R extends keyof T = never> = Omit<T, "metadata" | "apiVersion" | "kind" | R> & {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
} & { [F in R]-?: NonNullable<T[F]> };

/** A pod condition as written: metav1.Time's zero value marshals as null, and kubelets write `lastProbeTime: null`. */
export type PodCondition = Omit<NonNullable<NonNullable<IPod["status"]>["conditions"]>[number], "lastProbeTime"> & { lastProbeTime?: string | null };
export type PodStatus = Omit<NonNullable<IPod["status"]>, "conditions"> & { conditions?: PodCondition[] };
export type Pod = Omit<Stored<IPod, "spec">, "status"> & { status?: PodStatus };
export type Node = Stored<INode>;
export type Namespace = Stored<INamespace>;
export type Service = Stored<IService, "spec">;
export type Endpoints = Stored<IEndpoints>;
export type Event = Stored<IEvent>;
export type ResourceQuota = Stored<IResourceQuota>;
export type LimitRange = Stored<ILimitRange>;
export type Deployment = Stored<IDeployment, "spec">;
export type ReplicaSet = Stored<IReplicaSet, "spec">;
export type DaemonSet = Stored<IDaemonSet, "spec">;
export type Job = Stored<IJob, "spec">;
export type PodDisruptionBudget = Stored<IPodDisruptionBudget, "spec">;
export type HorizontalPodAutoscaler = Stored<IHorizontalPodAutoscaler, "spec">;
export type PodSpec = Pod["spec"];
export type PodTemplateSpec = Deployment["spec"]["template"];
export type LabelSelector = Deployment["spec"]["selector"];

/** Stored object type per store key (`<group>/<plural>`, core: `<plural>`); others are `KubeObject`s. */
export interface Kinds {
  pods: Pod;
  nodes: Node;
  namespaces: Namespace;
  services: Service;
  endpoints: Endpoints;
  events: Event;
  resourcequotas: ResourceQuota;
  secrets: Secret;
  configmaps: ConfigMap;
  limitranges: LimitRange;
  "apps/deployments": Deployment;
  "apps/replicasets": ReplicaSet;
  "apps/daemonsets": DaemonSet;
  "batch/jobs": Job;
  "policy/poddisruptionbudgets": PodDisruptionBudget;
  "autoscaling/horizontalpodautoscalers": HorizontalPodAutoscaler;
}
/** The stored object type for store key `K`. */
export type ObjectOf<K extends string> = K extends keyof Kinds ? Kinds[K] : KubeObject;
export type Taint = NonNullable<NonNullable<Node["spec"]>["taints"]>[number];
export type Toleration = NonNullable<PodSpec["tolerations"]>[number];
export type NodeSelectorTerm = NonNullable<
  NonNullable<NonNullable<PodSpec["affinity"]>["nodeAffinity"]>["requiredDuringSchedulingIgnoredDuringExecution"]
>["nodeSelectorTerms"][number];
export type Container = PodSpec["containers"][number];
export type ContainerStatus = NonNullable<PodStatus["containerStatuses"]>[number];
export type Secret = Stored<ISecret>;
export type ConfigMap = Stored<IConfigMap>;
export type ServicePort = NonNullable<Service["spec"]["ports"]>[number];
export type ManagedFieldsEntry = NonNullable<ObjectMeta["managedFields"]>[number];
