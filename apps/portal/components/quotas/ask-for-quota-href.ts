// Where "Ask for more quota" under a quota refusal leads: the quota request form, pre-filled with the
// system, the data centre and what is missing, in the form's own style (cores, GiB; quotas/amounts.ts).
import { ApiError } from "@/lib/client/api-client";
import { quotaFieldValue } from "./amounts";

const QUOTA_REFUSALS = new Set(["quota_exceeded", "quota_exceeded_none_set"]);

/**
 * The /quotas address whose request form is pre-filled to cover a quota refusal (its params askCpu,
 * askMemory, askGpu, askInstances: packages/domain/src/quota.ts askToCover), or null for any other error.
 * CPU and memory are rewritten from the refusal's Kubernetes notation ("16500m", "1536Mi") into the form's
 * ("16.5", "1.5Gi"): the same amounts, as people read them.
 */
export function askForQuotaHref(error: Error | null): string | null {
  if (!(error instanceof ApiError) || !error.reason || !QUOTA_REFUSALS.has(error.reason)) return null;
  const p = error.params;
  const q = new URLSearchParams({
    system: String(p.system ?? ""),
    dataCentre: String(p.dataCentre ?? ""),
    cpu: quotaFieldValue("cpu", String(p.askCpu ?? "0")),
    memory: quotaFieldValue("memory", String(p.askMemory ?? "0")),
    gpu: String(p.askGpu ?? 0),
    instances: String(p.askInstances ?? 0),
  });
  return `/quotas?${q}#ask-quota`;
}
