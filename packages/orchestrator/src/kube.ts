// Talking to a cluster through its kubeconfig, with the official client: the same code serves a real
// cluster and the simulated ones.
import type http from "node:http";
import { CLUSTER_PROBE_REASONS, type ClusterProbeParams, type ClusterProbeReason, probeFailureText } from "@capstan/domain";
import { ApiException, CoreV1Api, KubeConfig, VersionApi } from "@kubernetes/client-node";
import { KubeconfigError, parseInlineKubeconfig } from "./kubeconfig";
import { guardAgent, isOutboundRefusal, logOutboundFailure, outboundPolicy, type OutboundPolicy, urlShapeProblem } from "./outbound";
import { apiClient } from "./deadline";

type AgentFactory = { createAgent(cluster: { server: string } | null, options: http.AgentOptions): http.Agent };

/**
 * Parses a kubeconfig (inline fields only: see parseInlineKubeconfig) into a KubeConfig whose every
 * connection obeys the outbound policy. Throws KubeconfigError with a message fit for the person who
 * uploaded it, naming the field. A server may carry a path prefix (an API server behind a proxy, e.g.
 * Rancher's /k8s/clusters/<id>), but no user name, query string or fragment.
 */
export function loadKubeconfig(text: string, policy: OutboundPolicy = outboundPolicy()): { config: KubeConfig; server: string } {
  const options = parseInlineKubeconfig(text);
  // As client-node's own reader does: paths are appended to the server, so no trailing slash.
  for (const c of options.clusters) if (typeof c.server === "string") Object.assign(c, { server: c.server.replace(/\/$/, "") });
  const config = new KubeConfig();
  config.loadFromOptions(options);
  const context = options.contexts.find((c) => c.name === options.currentContext);
  if (!context) throw new KubeconfigError(`has no context named by current-context "${options.currentContext}"`);
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new KubeconfigError("has no current context with a cluster");
  if (typeof cluster.server !== "string" || !/^https?:\/\//.test(cluster.server))
    throw new KubeconfigError(`has a cluster server that is not an http(s) URL: "${String(cluster.server)}"`);
  const shape = urlShapeProblem(cluster.server);
  if (shape) throw new KubeconfigError(`has a cluster server that ${shape}`);
  if (!config.getCurrentUser()) throw new KubeconfigError("has no user for its current context");
  // client-node 1.4 makes every agent (API clients, Watch, applyToHTTPSOptions) in its private
  // createAgent and offers no public hook, so each agent it makes is guarded here, on this instance.
  const factory = config as unknown as AgentFactory;
  const createAgent = factory.createAgent.bind(config);
  const server = new URL(cluster.server);
  factory.createAgent = (c, agentOptions) => guardAgent(createAgent(c, agentOptions), server, policy);
  return { config, server: cluster.server };
}

export interface Probe {
  version: string;
  nodeCount: number;
}

/** One message for every way a destination fails to be a Kubernetes API server, so the probe is no port scanner. */
export const NOT_KUBERNETES = CLUSTER_PROBE_REASONS.not_kubernetes;

/** A failed probe: its English as the message, and the reason and params it is stored with (cluster-probe.ts). */
export class ProbeError extends Error {
  constructor(
    readonly reason: ClusterProbeReason,
    readonly params: ClusterProbeParams = {},
  ) {
    super(probeFailureText(reason, params));
    this.name = "ProbeError";
  }
}

/**
 * What a person may be told about a failed probe: that the outbound policy refused the address, the
 * status a Kubernetes API server answered with (a `Status` object: 401, 403, 500 …), or NOT_KUBERNETES
 * for everything else (refused, reset, timed out, TLS failure, an answer that is not Kubernetes'). The
 * details, bodies included, go to the server log, truncated.
 */
function probeFailure(e: unknown): ProbeError {
  logOutboundFailure("cluster probe", e);
  if (isOutboundRefusal(e)) return new ProbeError("outbound_refused");
  if (e instanceof ApiException && isStatus(e.body)) return new ProbeError("cluster_answered", { status: e.code });
  return new ProbeError("not_kubernetes");
}

const isStatus = (body: unknown) => statusMessage(body) !== null;

/**
 * Asks the API server for its version and node count, within `timeoutMs` for the whole probe: every request
 * carries the one deadline, and is aborted (its socket closed) when it passes. Errors as probeFailure tells,
 * a deadline included, so a silent port reads like a closed one.
 */
export async function probeCluster(config: KubeConfig, timeoutMs = 5_000): Promise<Probe> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const version = await apiClient(config, VersionApi, { signal }).getCode();
    if (typeof version?.gitVersion !== "string") throw new Error(`no gitVersion in /version: ${JSON.stringify(version)}`);
    const core = apiClient(config, CoreV1Api, { signal });
    const first = await core.listNode({ limit: 1 });
    // remainingItemCount is optional in the API; without it, count by listing.
    const remaining = first.metadata?.remainingItemCount ?? (first.metadata?._continue ? (await core.listNode()).items.length - first.items.length : 0);
    return { version: version.gitVersion, nodeCount: first.items.length + remaining };
  } catch (e) {
    throw probeFailure(e);
  }
}
/**
 * What a person may read of a failed reconcile (a group's `lastError`, seen by every reader of the group):
 * client-node's ApiException carries the whole answer, body and headers, so it becomes the status and,
 * when the API server answered with a Kubernetes `Status`, that Status's own message (e.g. a quota
 * refusal); anything else keeps its message, which Capstan's own calls (deadline.ts) never fill with a body.
 * At most 1,000 characters.
 */
export function reconcileErrorMessage(e: unknown): string {
  if (e instanceof ApiException) {
    const status = statusMessage(e.body);
    return `the cluster answered ${e.code}${status ? `: ${status}` : ""}`.slice(0, 1000);
  }
  return (e instanceof Error ? e.message : String(e)).slice(0, 1000);
}

/** The message of a Kubernetes `Status` body (parsed or as text; "" when it has none), or null when the body is not one. */
function statusMessage(body: unknown): string | null {
  try {
    const parsed = (typeof body === "string" ? JSON.parse(body) : body) as { kind?: unknown; message?: unknown } | null;
    if (parsed?.kind !== "Status") return null;
    return typeof parsed.message === "string" ? parsed.message : "";
  } catch {
    return null;
  }
}
