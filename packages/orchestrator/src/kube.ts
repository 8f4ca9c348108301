// Talking to a cluster through its kubeconfig, with the official client: the same code serves a real
// cluster and the simulated ones.
import { CoreV1Api, KubeConfig, VersionApi } from "@kubernetes/client-node";
import { parse as parseYaml } from "yaml";
import { apiClient, isAbort } from "./deadline";

// Only inline credentials: file paths (token-file, client-key, certificate-authority) would make the
// portal read its own files and send them to the cluster's server, and exec/auth-provider run programs.
const ALLOWED_USER_FIELDS = new Set(["token", "client-certificate-data", "client-key-data", "username", "password"]);
const ALLOWED_CLUSTER_FIELDS = new Set(["server", "certificate-authority-data", "insecure-skip-tls-verify", "tls-server-name"]);

function refuseNonInline(text: string): void {
  let doc: { users?: { user?: Record<string, unknown> }[]; clusters?: { cluster?: Record<string, unknown> }[] };
  try {
    doc = parseYaml(text) ?? {};
  } catch (e) {
    throw new Error(`is not a valid kubeconfig: ${(e as Error).message.split("\n")[0]}`);
  }
  for (const u of doc.users ?? [])
    for (const k of Object.keys(u.user ?? {})) if (!ALLOWED_USER_FIELDS.has(k)) throw new Error(`uses "${k}"; only inline credentials (token, client-certificate-data, client-key-data) are accepted`);
  for (const c of doc.clusters ?? [])
    for (const k of Object.keys(c.cluster ?? {})) if (!ALLOWED_CLUSTER_FIELDS.has(k)) throw new Error(`uses "${k}"; only inline cluster settings (server, certificate-authority-data) are accepted`);
}

/** Parses a kubeconfig; throws a message fit for the person who uploaded it. */
export function loadKubeconfig(text: string): { config: KubeConfig; server: string } {
  refuseNonInline(text);
  const config = new KubeConfig();
  try {
    config.loadFromString(text);
  } catch (e) {
    throw new Error(`is not a valid kubeconfig: ${(e as Error).message.split("\n")[0]}`);
  }
  const cluster = config.getCurrentCluster();
  if (!config.getCurrentContext() || !cluster) throw new Error("has no current context with a cluster");
  if (!/^https?:\/\//.test(cluster.server)) throw new Error(`has a cluster server that is not an http(s) URL: "${cluster.server}"`);
  if (!config.getCurrentUser()) throw new Error("has no user for its current context");
  return { config, server: cluster.server };
}

export interface Probe {
  version: string;
  nodeCount: number;
}

/**
 * Asks the API server for its version and node count, within `timeoutMs` for the whole probe: every request
 * carries the one deadline, and is aborted (its socket closed) when it passes.
 */
export async function probeCluster(config: KubeConfig, timeoutMs = 5_000): Promise<Probe> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const version = await apiClient(config, VersionApi, { signal }).getCode();
    const core = apiClient(config, CoreV1Api, { signal });
    const first = await core.listNode({ limit: 1 });
    // remainingItemCount is optional in the API; without it, count by listing.
    const remaining = first.metadata?.remainingItemCount ?? (first.metadata?._continue ? (await core.listNode()).items.length - first.items.length : 0);
    return { version: version.gitVersion, nodeCount: first.items.length + remaining };
  } catch (e) {
    if (signal.aborted && isAbort(e)) throw new Error(`no answer within ${timeoutMs / 1000} s`);
    throw e;
  }
}