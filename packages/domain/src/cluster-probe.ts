// Why a cluster could not be reached, as a stable reason and its params (like DomainError's, docs/errors.md):
// stored on the cluster (lastErrorReason, lastErrorParams) beside the English, so the portal says it in
// the reader's language.

/** The probe's failures and their English (`{status}` filled from params). */
export const CLUSTER_PROBE_REASONS = {
  /** refused, reset, timed out, a TLS failure, an answer that is not Kubernetes': one reason, so the probe is no port scanner */
  not_kubernetes: "the cluster did not answer as a Kubernetes API server",
  outbound_refused: "the cluster's address is not allowed by the outbound policy (CAPSTAN_OUTBOUND_ALLOW)",
  /** a Kubernetes Status answer: 401, 403, 500 … */
  cluster_answered: "the cluster answered {status}",
  /** anything else (e.g. an unreadable kubeconfig): its English kept in `detail` */
  probe_failed: "{detail}",
} as const;
export type ClusterProbeReason = keyof typeof CLUSTER_PROBE_REASONS;
export type ClusterProbeParams = Record<string, string | number>;

/** The English of a probe failure. */
export function probeFailureText(reason: ClusterProbeReason, params: ClusterProbeParams = {}): string {
  return CLUSTER_PROBE_REASONS[reason].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The reason and params of a failure recorded as English only (cluster rows written before reasons, and
 * errors that carry none): the known texts by their template, anything else as `probe_failed` with the
 * text as `detail`. The migration that gave clusters their reasons does the same in SQL.
 */
export function probeFailureOf(text: string): { reason: ClusterProbeReason; params: ClusterProbeParams } {
  if (text === CLUSTER_PROBE_REASONS.not_kubernetes) return { reason: "not_kubernetes", params: {} };
  if (text === CLUSTER_PROBE_REASONS.outbound_refused) return { reason: "outbound_refused", params: {} };
  const answered = /^the cluster answered (\d{3})$/.exec(text);
  if (answered) return { reason: "cluster_answered", params: { status: Number(answered[1]) } };
  return { reason: "probe_failed", params: { detail: text } };
}
