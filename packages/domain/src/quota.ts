// Quota arithmetic in the units the database keeps (DepartmentQuota, SystemQuota, QuotaRequest):
// CPU in millicores, memory in MiB, GPUs and instances (pods) as counts.
import { reservedReplicas } from "./autoscaling";
import { type FieldError, fieldError } from "./errors";
import type { AmountUnit } from "./units";

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

/** What `replicas` pods of a group ask for: its per-pod requests times replicas, one instance per pod. */
export const groupFootprint = (g: { replicas: number; cpuMillis: number; memoryMiB: number; gpu: number }): Resources =>
  scale({ cpuMillis: g.cpuMillis, memoryMiB: g.memoryMiB, gpu: g.gpu, instances: 1 }, g.replicas);

/**
 * What a group holds of its system's quota: its footprint at its reserved replicas (reservedReplicas:
 * `maxReplicas` while it autoscales, `replicas` otherwise).
 */
export const reservedFootprint = (g: { replicas: number; cpuMillis: number; memoryMiB: number; gpu: number; autoscaling?: unknown }): Resources =>
  groupFootprint({ ...g, replicas: reservedReplicas(g) });

/** What is left under a quota; never below zero, so a quota lowered under its use reads "0 free". */
export const headroom = (quota: Resources, used: Resources): Resources => each((r) => Math.max(0, quota[r] - used[r]));

const LABEL: Record<ResourceName, string> = { cpuMillis: "CPU", memoryMiB: "Memory", gpu: "GPU", instances: "Instances" };
/** The unit each resource's amounts travel in, as numbers, in error params (units.ts AmountUnit). */
export const RESOURCE_UNITS: Record<ResourceName, AmountUnit> = { cpuMillis: "millicores", memoryMiB: "MiB", gpu: "count", instances: "count" };
/** The params naming a resource and the unit of the amounts beside it: `{ resource: "CPU", unit: "millicores" }`. */
const named = (r: ResourceName) => ({ resource: LABEL[r], unit: RESOURCE_UNITS[r] });

export interface Shortfall {
  resource: ResourceName;
  asked: number;
  free: number;
  /** e.g. "CPU: asked 4 cores, 1.5 cores free" */
  message: string;
}

/**
 * A shortfall as a field error: reason quota_short, params `{ resource, unit, asked, free }` with the
 * amounts as numbers in `unit`; its message the shortfall's ("Memory: asked 2 GiB, 512 MiB free").
 */
export const shortfallFault = (x: Pick<Shortfall, "resource" | "asked" | "free">): FieldError =>
  fieldError("quota_short", { ...named(x.resource), asked: x.asked, free: x.free });

/**
 * A shortfall of a change to something that already holds quota (a group scaled or resized), as a field
 * error: reason quota_short_more, params `{ resource, unit, total, asked, free }`, where `total` is what
 * the change asks for in all and `asked` the part of it above what is held now, which is what `free` must
 * cover ("Instances: asked 40 in all, 37 more, 5 free"). Naming only the growth read as if the person had
 * asked for 37 when they asked for 40.
 */
export const growthShortfallFault = (x: Pick<Shortfall, "resource" | "asked" | "free">, total: number): FieldError =>
  fieldError("quota_short_more", { ...named(x.resource), total, asked: x.asked, free: x.free });

/**
 * A quota lowered below what is in use, as a field error: reason quota_below_use, params
 * `{ resource, unit, used, quota }` ("CPU: 4 cores in use, more than 2 cores").
 */
export const belowUseFault = (resource: ResourceName, used: number, quota: number): FieldError =>
  fieldError("quota_below_use", { ...named(resource), used, quota });

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
  /** e.g. "CPU: systems add up to 12 cores, the department has 10 cores" */
  message: string;
  /** The same as a field error: reason quota_overcommitted, params `{ resource, unit, total, limit }`. */
  fault: FieldError;
}

/** A department hands its quota in a data centre out to its systems there; the systems' quotas
 * (all in that data centre) must add up to no more than the department's. */
export function checkSystemQuotasWithinDepartment(departmentQuota: Resources, systemQuotas: readonly Resources[]): Overcommit[] {
  const total = sum(systemQuotas);
  return RESOURCE_NAMES.filter((r) => total[r] > departmentQuota[r]).map((r) => {
    const fault = fieldError("quota_overcommitted", { ...named(r), total: total[r], limit: departmentQuota[r] });
    return { resource: r, total: total[r], limit: departmentQuota[r], message: fault.message, fault };
  });
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
