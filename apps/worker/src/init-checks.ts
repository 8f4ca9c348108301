// The INIT → WAIT checks, configured by environment variables (docs/nodes.md):
//   CAPSTAN_NODE_CHECK_READY=false      do not require the node to be Ready (default: required)
//   CAPSTAN_NODE_MIN_KUBELET=v1.29.0    minimum kubelet version (default: none)
//   CAPSTAN_NODE_REQUIRED_LABELS=zone   comma-separated label keys the node must carry (default: zone)
import type { InitCheckConfig } from "@capstan/domain";

export function initChecksFromEnv(env: NodeJS.ProcessEnv = process.env): InitCheckConfig {
  const min = env.CAPSTAN_NODE_MIN_KUBELET?.trim();
  return {
    requireReady: env.CAPSTAN_NODE_CHECK_READY !== "false",
    ...(min ? { minKubeletVersion: min } : {}),
    requiredLabels: (env.CAPSTAN_NODE_REQUIRED_LABELS ?? "zone").split(",").map((s) => s.trim()).filter(Boolean),
  };
}
