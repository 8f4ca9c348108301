// One client per cluster: server-side apply of Capstan's objects, pruning, and deletes.
import type http from "node:http";
import type https from "node:https";
import { type Configuration, type KubeConfig, KubernetesObjectApi, type KubernetesObject } from "@kubernetes/client-node";
import { LABEL, MANAGED, type Manifest } from "@capstan/domain";
import { apiClient, callTimeoutMs, DeadlineError, isAbort, requestJson } from "./deadline";
import { closedWhileIdle } from "./keep-alive";
import { loadKubeconfig } from "./kube";
import type { OutboundPolicy } from "./outbound";

export const FIELD_MANAGER = "capstan";

const isNotFound = (e: unknown) => (e as { code?: number }).code === 404;

export class ClusterClient {
  readonly config: KubeConfig;
  private readonly objects: ObjectApi;
  /** The connection(s) list pages reuse: a list of 50,000 pods is 100 pages, and a TLS handshake each cost more than the page. */
  private listAgent?: http.Agent;

  /** Every connection obeys `policy` (outbound.ts), the process's own by default. */
  constructor(kubeconfig: string, policy?: OutboundPolicy) {
    this.config = loadKubeconfig(kubeconfig, policy).config;
    this.objects = apiClient(this.config, ObjectApi);
  }

  /** A client-node API client for this cluster whose every request has a deadline (`apiClient`). */
  api<T>(Api: new (config: Configuration) => T, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): T {
    return apiClient(this.config, Api, opts);
  }

  /**
   * Server-side apply as field manager "capstan", taking ownership of the fields it sets. The JSON goes
   * out as written: client-node 1.2–1.4's KubernetesObjectApi re-serialises objects through its models
   * and drops fields whose model names differ (NetworkPolicy `from` → `_from`, kubernetes-client/javascript#2825).
   * `fieldManager` names another manager, for a field Capstan hands over (handOverReplicas).
   */
  async apply(manifests: Manifest[], { fieldManager = FIELD_MANAGER }: { fieldManager?: string } = {}): Promise<void> {
    const applyOne = async (m: Manifest) => {
      const path = await deadline(`discovery of ${m.apiVersion} ${m.kind}`, this.objects.pathOf(m as KubernetesObject));
      await this.request("PATCH", `${path}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`, m, "application/apply-patch+yaml");
    };
    // Namespaces first, as the rest live in them; the rest at once, since none needs another to exist.
    for (const m of manifests.filter((m) => m.kind === "Namespace")) await applyOne(m);
    await Promise.all(manifests.filter((m) => m.kind !== "Namespace").map(applyOne));
  }

  /**
   * An object as the cluster has it now (plain JSON, status and metadata included), or null when it is
   * not there (404). The path comes from discovery, as for apply.
   */
  async read(ref: { apiVersion: string; kind: string; name: string; namespace?: string }): Promise<Record<string, unknown> | null> {
    const spec = { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } };
    const path = await deadline(`discovery of ${ref.apiVersion} ${ref.kind}`, this.objects.pathOf(spec));
    try {
      return (await this.request("GET", path, undefined, undefined)) as Record<string, unknown>;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** JSON merge patch of a Node (lists such as taints are replaced whole). */
  async patchNode(name: string, patch: object): Promise<void> {
    await this.request("PATCH", `/api/v1/nodes/${encodeURIComponent(name)}?fieldManager=${FIELD_MANAGER}`, patch, "application/merge-patch+json");
  }

  /**
   * Evicts a pod through the Eviction API, so PodDisruptionBudgets are honoured. Resolves to the
   * reason when a budget refuses (429), to null when evicted or already gone; throws otherwise.
   */
  async evictPod(namespace: string, name: string): Promise<string | null> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`;
    try {
      await this.request("POST", path, { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace } }, "application/json");
      return null;
    } catch (e) {
      const { code, body } = e as { code?: number; body?: { message?: string; details?: { causes?: { message?: string }[] } } };
      if (code === 404) return null;
      if (code !== 429) throw e;
      return [body?.message, ...(body?.details?.causes ?? []).map((c) => c.message)].filter(Boolean).join(" ") || "Too many requests.";
    }
  }

  /**
   * One page of a collection (`path`, e.g. "/api/v1/pods"), as plain JSON: client-node's model
   * deserialisation of 50,000 pods held the event loop for seconds. `limit` and `continue` page as
   * client-go's pager does; a continue token the server has compacted away fails with `code` 410 (Expired).
   * The call has a deadline (`timeoutMs`, the call deadline by default) and goes through the outbound guard
   * like every other request. Throws with `code` (the HTTP status) and `body` when the server refuses.
   * The body is decoded while it arrives (ListDecoder), and `onMetadata` is given the list's metadata
   * (resourceVersion, continue) as soon as it is in, before the items.
   */
  async list<T = unknown>(
    path: string,
    query: ListQuery = {},
    opts: { timeoutMs?: number; onMetadata?: (metadata: ListPage<T>["metadata"]) => void } = {},
  ): Promise<ListPage<T>> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
    const qs = params.size ? `?${params}` : "";
    const page = (await this.request("GET", path + qs, undefined, undefined, opts.timeoutMs, {
      onMetadata: opts.onMetadata as ((m: Record<string, unknown>) => void) | undefined,
    })) as ListPage<T> | undefined;
    if (!Array.isArray(page?.items)) throw new Error(`GET ${path}: the answer is not a list`);
    page.metadata ??= {};
    return page;
  }

  /**
   * A whole collection, page by page (`limit` in `query`), as client-go's pager lists it; each page is
   * yielded as it arrives. The next page is asked for as soon as this page's continue token is known (the
   * API server writes `metadata` before `items`), so the server prepares it while this one is read; at most
   * one page is fetched ahead of the one the caller holds. Errors as `list` (410 Expired for a compacted
   * continue token).
   */
  async *pages<T = unknown>(path: string, query: ListQuery, opts: { timeoutMs?: number } = {}): AsyncGenerator<ListPage<T>> {
    const fetch = (cont: string | undefined) => {
      let token!: (c: string | undefined) => void;
      const next = new Promise<string | undefined>((r) => (token = r));
      const page = this.list<T>(path, { ...query, continue: cont }, { ...opts, onMetadata: (m) => token(m.continue || undefined) });
      // Settles the token when the page fails or had no metadata before its items.
      page.then(
        (p) => token(p.metadata.continue || undefined),
        () => token(undefined),
      );
      return { next, page };
    };
    let current = fetch(query.continue);
    for (;;) {
      const cont = await current.next;
      const ahead = cont ? fetch(cont) : undefined;
      // A page fetched ahead that fails while the caller holds this one is reported when it is reached.
      ahead?.page.catch(() => {});
      yield await current.page;
      if (!ahead) return;
      current = ahead;
    }
  }

  /**
   * A pod's log (its only or first container), at most its last `limitBytes` bytes (the API's
   * limitBytes counts from the start, so the tail is cut here). Throws when the API server refuses, e.g.
   * 400 while the container has not started.
   */
  async podLog(namespace: string, pod: string, limitBytes: number): Promise<string> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    const url = new URL(this.config.getCurrentCluster()!.server.replace(/\/$/, "") + path);
    const options: https.RequestOptions = { method: "GET", headers: { accept: "text/plain" } };
    await this.config.applyToHTTPSOptions(options);
    const answer = await requestJson(url, options, undefined, `GET ${path}`);
    if (answer.status !== 200) throw Object.assign(new Error(`GET ${path}: ${answer.status}`), { code: answer.status });
    return answer.text.slice(-limitBytes);
  }

  /** A raw JSON request with a deadline; an answer that is not JSON (a proxy's HTML page) is an error, never a crash. */
  private async request(
    method: string,
    path: string,
    body: unknown,
    contentType: string | undefined,
    timeoutMs?: number,
    list?: { onMetadata?: (metadata: Record<string, unknown>) => void },
  ): Promise<unknown> {
    const url = new URL(this.config.getCurrentCluster()!.server.replace(/\/$/, "") + path);
    const options: https.RequestOptions = { method, headers: { ...(contentType ? { "content-type": contentType } : {}), accept: "application/json" } };
    await this.config.applyToHTTPSOptions(options);
    // The kubeconfig's agent (made by loadKubeconfig's guarded createAgent, so the outbound policy holds),
    // kept and made keep-alive: Node reads `keepAlive` at each request; idle sockets are unref'd and closed
    // by the server's keep-alive timeout.
    if (list) options.agent = this.listAgent ??= Object.assign(options.agent as http.Agent, { keepAlive: true });
    const what = `${method} ${path}`;
    const send = () => requestJson(url, options, body === undefined ? undefined : JSON.stringify(body), what, timeoutMs, list);
    // A list the API server never saw, because it closed the kept-alive connection we reused, goes again.
    const answer = await send().catch((e: unknown) => (list && closedWhileIdle(e) ? send() : Promise.reject(e)));
    const parsed = answer.body as { message?: string } | undefined;
    if (answer.status < 300 && !answer.notJson) return parsed;
    const code = answer.status < 300 ? undefined : answer.status;
    throw Object.assign(new Error(`${what}: ${answer.status} ${answer.notJson ?? parsed?.message ?? answer.text}`), { code, body: parsed });
  }

  /** Deletes objects; those already gone are fine (reconcilers are idempotent). */
  async delete(refs: { apiVersion: string; kind: string; name: string; namespace?: string }[]): Promise<void> {
    for (const r of refs) {
      try {
        await deadline(
          `DELETE ${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`,
          this.objects.delete(
            { apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace: r.namespace } },
            undefined,
            undefined,
            undefined,
            undefined,
            "Foreground",
          ),
        );
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
      const list = await deadline(
        `LIST ${kind} in ${namespace}`,
        this.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, selector),
      );
      return list.items.map((o) => o.metadata!.name!);
    } catch (e) {
      if (isNotFound(e)) return [];
      throw e;
    }
  }
}

/** Query parameters of a list, as the Kubernetes API names them. */
export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  /** Objects per page at most (the server may return fewer). */
  limit?: number;
  /** The previous page's `metadata.continue`. */
  continue?: string;
  resourceVersion?: string;
}

/** A list as the API server sends it (`PodList`, `NodeList` …), parsed as plain JSON. */
export interface ListPage<T> {
  items: T[];
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

/** Objects of a system's applications that no desired group accounts for any more. */
export async function pruneGroups(client: ClusterClient, system: string, desired: () => Promise<Set<string>>): Promise<string[]> {
  const kinds = [
    ["apps/v1", "Deployment"],
    ["v1", "Service"],
  ] as const;
  const present = await Promise.all(kinds.map(([apiVersion, kind]) => client.listManaged(apiVersion, kind, system, { [LABEL.system]: system })));
  // Desired state is read after the cluster was listed: a group created meanwhile is then in it, so its
  // objects, applied by a reconcile running beside this one, are never taken for leftovers.
  const keep = await desired();
  const pruned: string[] = [];
  for (const [i, [apiVersion, kind]] of kinds.entries()) {
    for (const name of present[i]!) {
      if (keep.has(name)) continue;
      await client.delete([{ apiVersion, kind, name, namespace: system }]);
      pruned.push(`${kind}/${name}`);
    }
  }
  return pruned;
}

/** Names a client-node call that its deadline aborted (client-node reports only "The user aborted a request."). */
async function deadline<T>(what: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (isAbort(e)) throw new DeadlineError(what, callTimeoutMs());
    throw e;
  }
}

/** KubernetesObjectApi that also tells an object's REST path (from discovery, cached per API version). */
class ObjectApi extends KubernetesObjectApi {
  pathOf(spec: KubernetesObject): Promise<string> {
    return this.specUriPath(structuredClone(spec), "patch");
  }
}
