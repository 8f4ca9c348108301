// Amounts on the Quotas page (meters, forms, the request list and its history) in one style, the one
// quota refusals use (units.ts readableAmount, docs/errors.md): CPU in cores, in millicores below one core;
// memory in binary units with at most two decimals; GPUs and instances as counts.
import { parseCpu, parseMemory, RESOURCE_NAMES, readableMemory, type ResourceName, type Resources } from "@capstan/domain";
import type { Translate } from "@/messages";

/** One amount of `r` (stored units: millicores, MiB, counts) with its unit: "2.5 cores", "250 millicores", "1.75 GiB", "3". */
export function amountText(t: Translate, r: ResourceName, n: number): string {
  if (r === "cpuMillis") return n !== 0 && Math.abs(n) < 1000 ? t("quotas.millicores", { count: n }) : t("quotas.cores", { count: n / 1000 });
  if (r === "memoryMiB") return readableMemory(n, 2);
  return String(n);
}

/** The amounts of `x` that are not zero, each named: "2 cores · 4 GiB · 1 GPU · 3 instances"; "—" for none. */
export function amountsText(t: Translate, x: Resources | null): string {
  const named = (r: ResourceName, n: number) =>
    r === "gpu" ? t("quotas.gpuCount", { count: n }) : r === "instances" ? t("quotas.instanceCount", { count: n }) : amountText(t, r, n);
  const parts = x ? RESOURCE_NAMES.filter((r) => x[r] !== 0).map((r) => named(r, x[r])) : [];
  return parts.join(" · ") || "—";
}

/** The resources worth a meter: those with a quota or a use; a 0-of-0 meter says nothing. */
export const meteredResources = (used: Resources, limit: Resources): ResourceName[] => RESOURCE_NAMES.filter((r) => used[r] !== 0 || limit[r] !== 0);

/**
 * A data centre's systems as the page lists them: those with a quota there or anything in use (shown)
 * and the rest (collapsed behind a disclosure), each in the given order.
 */
export function splitSystems<S extends { set: boolean; used: Resources }>(systems: readonly S[]): { shown: S[]; without: S[] } {
  const has = (s: S) => s.set || RESOURCE_NAMES.some((r) => s.used[r] !== 0);
  return { shown: systems.filter(has), without: systems.filter((s) => !has(s)) };
}

/**
 * A CPU amount (millicores) as the quota forms take it: in cores ("16.5", "0.25", "2"), exact to the
 * millicore, so parseCpu gives back the same amount.
 */
export const cpuField = (millis: number): string => String(millis / 1000);

/**
 * A memory amount (MiB) as the quota forms take it: in GiB ("1.5Gi", "64Gi") when that is exact within three
 * decimals (a multiple of 128 MiB), else in MiB ("1000Mi"), so parseMemory gives back the same amount.
 */
export const memoryField = (mib: number): string => (mib === 0 ? "0" : mib % 128 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`);

/**
 * A CPU or memory quantity in any Kubernetes notation (a quota refusal's `askCpu` "16500m", `askMemory`
 * "1536Mi") in the forms' style ("16.5", "1.5Gi"); what cannot be read stays as it is, for the server to judge.
 */
export function quotaFieldValue(r: "cpu" | "memory", quantity: string): string {
  const n = r === "cpu" ? parseCpu(quantity) : parseMemory(quantity);
  return n === undefined ? quantity : r === "cpu" ? cpuField(n) : memoryField(n);
}
