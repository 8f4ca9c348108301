// One client per cluster: server-side apply of Capstan's objects, pruning, and deletes.
import { type KubeConfig, KubernetesObjectApi, type KubernetesObject, PatchStrategy } from "@kubernetes/client-node";
import { LABEL, MANAGED, type Manifest } from "@capstan/domain";
import { loadKubeconfig } from "./kube";

export const FIELD_MANAGER = "capstan";

const isNotFound = (e: unknown) => (e as { code?: number }).code === 404;

export class ClusterClient {
  readonly config: KubeConfig;
  private readonly objects: KubernetesObjectApi;

  constructor(kubeconfig: string) {
    this.config = loadKubeconfig(kubeconfig).config;
    this.objects = KubernetesObjectApi.makeApiClient(this.config);
  }

  /** Server-side apply as field manager "capstan", taking ownership of the fields it sets. */
  async apply(manifests: Manifest[]): Promise<void> {
    for (const m of manifests) await this.objects.patch(m as KubernetesObject, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }

  /** Deletes objects; those already gone are fine (reconcilers are idempotent). */
  async delete(refs: { apiVersion: string; kind: string; name: string; namespace?: string }[]): Promise<void> {
    for (const r of refs) {
      try {
        await this.objects.delete({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace: r.namespace } }, undefined, undefined, undefined, undefined, "Foreground");
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  /** Names of Capstan-managed objects of a kind in a namespace carrying the given labels. */
  async listManaged(apiVersion: string, kind: string, namespace: string, labels: Record<string, string> = {}): Promise<string[]> {
    const selector = Object.entries({ ...MANAGED, ...labels })
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    try {
      const list = await this.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, selector);
      return list.items.map((o) => o.metadata!.name!);
    } catch (e) {
      if (isNotFound(e)) return [];
      throw e;
    }
  }
}

/** Objects of a system's applications that no desired group accounts for any more. */
export async function pruneGroups(client: ClusterClient, system: string, desired: Set<string>): Promise<string[]> {
  const pruned: string[] = [];
  for (const [apiVersion, kind] of [["apps/v1", "Deployment"], ["v1", "Service"]] as const) {
    for (const name of await client.listManaged(apiVersion, kind, system, { [LABEL.system]: system })) {
      if (desired.has(name)) continue;
      await client.delete([{ apiVersion, kind, name, namespace: system }]);
      pruned.push(`${kind}/${name}`);
    }
  }
  return pruned;
}
