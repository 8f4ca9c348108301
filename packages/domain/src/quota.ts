// Quota arithmetic in the units the database keeps (DepartmentQuota, SystemQuota, QuotaRequest):
// CPU in millicores, memory in MiB, GPUs and instances (pods) as counts.
import { type FieldError, fieldError } from "./errors";
import { formatMemory } from "./quantity";

export interface Resources {
  cpuMillis: number;
  memoryMiB: number;
  gpu: number;
  instances: number;
}
export type ResourceName = keyof Resources;
export const RESOURCE_NAMES: readonly ResourceName[] = ["cpuMillis", "memoryMiB", "gpu", "instances"];
export const ZERO: Resources = { cpuMillis: 0, memoryMiB: 0, gpu: 0, instances: 0 };

const each = (f: (r: ResourceName) => number): Resources => ({
  cpuMillis: f("cpuMillis"),
  memoryMiB: f("memoryMiB"),
  gpu: f("gpu"),
  instances: f("instances"),
});

export const add = (a: Resources, b: Resources): Resources => each((r) => a[r] + b[r]);
/** May go negative: callers that need "what is left" use headroom. */
export const sub = (a: Resources, b: Resources): Resources => each((r) => a[r] - b[r]);
export const sum = (list: readonly Resources[]): Resources => list.reduce(add, ZERO);

export function scale(perReplica: Resources, replicas: number): Resources {
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number ≥ 0, not ${replicas}`);
  return each((r) => perReplica[r] * replicas);
}

/** What a group reserves: its per-pod requests times replicas, one instance per pod. */
export const groupFootprint = (g: { replicas: number; cpuMillis: number; memoryMiB: number; gpu: number }): Resources =>
  scale({ cpuMillis: g.cpuMillis, memoryMiB: g.memoryMiB, gpu: g.gpu, instances: 1 }, g.replicas);

/** What is left under a quota; never below zero, so a quota lowered under its use reads "0 free". */
export const headroom = (quota: Resources, used: Resources): Resources => each((r) => Math.max(0, quota[r] - used[r]));

// People think in cores, not "1500m" (formatCpu is Kubernetes notation for manifests).
const cores = (millis: number) => `${Number((millis / 1000).toFixed(3))}`;
const LABEL: Record<ResourceName, string> = { cpuMillis: "CPU", memoryMiB: "Memory", gpu: "GPU", instances: "Instances" };
/** "4 cores", "512Mi", "2 GPUs", "10 instances": an amount of one resource, for messages. */
export function formatAmount(resource: ResourceName, n: number): string {
  const plural = (one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  if (resource === "cpuMillis") return `${cores(n)} ${n === 1000 ? "core" : "cores"}`;
  if (resource === "memoryMiB") return formatMemory(n);
  return plural(resource === "gpu" ? "GPU" : "instance");
}
/** The bare number for the second half of a message: "1.5", "512Mi", "0". */
const bare = (resource: ResourceName, n: number) => (resource === "cpuMillis" ? cores(n) : resource === "memoryMiB" ? formatMemory(n) : String(n));

export interface Shortfall {
  resource: ResourceName;
  asked: number;
  free: number;
  /** e.g. "CPU: asked 4 cores, 1.5 free" */
  message: string;
}

/** A shortfall as a field error (reason quota_short, its message the shortfall's). */
export const shortfallFault = (x: Pick<Shortfall, "resource" | "asked" | "free">): FieldError =>
  fieldError("quota_short", { resource: LABEL[x.resource], asked: formatAmount(x.resource, x.asked), free: bare(x.resource, x.free) });

/** The resources of `request` that do not fit in `free`; empty when all fit (an exact fit fits). */
export function fits(request: Resources, free: Resources): Shortfall[] {
  return RESOURCE_NAMES.filter((r) => request[r] > 0 && request[r] > free[r]).map((r) => {
    const x = { resource: r, asked: request[r], free: free[r] };
    return { ...x, message: shortfallFault(x).message };
  });
}

export interface Overcommit {
  resource: ResourceName;
  /** Sum of the systems' quotas. */
  total: number;
  /** The department's quota. */
  limit: number;
  /** e.g. "CPU: systems add up to 12 cores, the department has 10" */
  message: string;
}

/** A department hands its quota in a data centre out to its systems there; the systems' quotas
 * (all in that data centre) must add up to no more than the department's. */
export function checkSystemQuotasWithinDepartment(departmentQuota: Resources, systemQuotas: readonly Resources[]): Overcommit[] {
  const total = sum(systemQuotas);
  return RESOURCE_NAMES.filter((r) => total[r] > departmentQuota[r]).map((r) => ({
    resource: r,
    total: total[r],
    limit: departmentQuota[r],
    message: `${LABEL[r]}: systems add up to ${formatAmount(r, total[r])}, the department has ${bare(r, departmentQuota[r])}`,
  }));
}

/**
 * What a quota request must ask for to cover `short`, in the request's own notation (QuotaRequestCreate:
 * CPU in millicores "1500m", memory "512Mi", counts as numbers), as the params `askCpu`, `askMemory`,
 * `askGpu`, `askInstances` of a quota refusal, so a client can pre-fill "Ask for more quota".
 */
export function askToCover(short: Pick<Shortfall, "resource" | "asked" | "free">[]): Record<string, string | number> {
  const missing = (r: ResourceName) => {
    const x = short.find((s) => s.resource === r);
    return x ? Math.max(0, x.asked - Math.max(0, x.free)) : 0;
  };
  return { askCpu: `${missing("cpuMillis")}m`, askMemory: `${missing("memoryMiB")}Mi`, askGpu: missing("gpu"), askInstances: missing("instances") };
}
