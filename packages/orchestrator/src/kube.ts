// Talking to a cluster through its kubeconfig, with the official client: the same code serves a real
// cluster and the simulated ones.
import { CoreV1Api, KubeConfig, VersionApi } from "@kubernetes/client-node";

/** Parses a kubeconfig; throws a message fit for the person who uploaded it. */
export function loadKubeconfig(text: string): { config: KubeConfig; server: string } {
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

/** Asks the API server for its version and node count, within `timeoutMs`. */
export async function probeCluster(config: KubeConfig, timeoutMs = 5_000): Promise<Probe> {
  const work = (async () => {
    const version = await config.makeApiClient(VersionApi).getCode();
    const core = config.makeApiClient(CoreV1Api);
    const first = await core.listNode({ limit: 1 });
    // remainingItemCount is optional in the API; without it, count by listing.
    const remaining = first.metadata?.remainingItemCount ?? (first.metadata?._continue ? (await core.listNode()).items.length - first.items.length : 0);
    return { version: version.gitVersion, nodeCount: first.items.length + remaining };
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
