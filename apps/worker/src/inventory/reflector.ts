// List then watch one collection of a cluster, as client-go's reflector does (k8s.io/client-go/tools/cache/
// reflector.go and tools/pager): the list comes in pages (`limit`/`continue`) handed on as each arrives,
// the watch resumes from the list's resourceVersion, and a 410 Gone starts the list again. Every list
// replaces what is stored, as an informer's DeltaFIFO.Replace does: objects stored but not listed are
// deleted, also those stored before this process started (a worker restarted next to a new cluster).
import type { ClusterClient } from "@capstan/orchestrator";
import { type KubeConfig, type KubernetesObject, Watch } from "@kubernetes/client-node";

/** What one reflector lists and watches: a collection path ("/api/v1/pods") and optional selectors. */
export interface ReflectorSource {
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ReflectorOptions<T extends KubernetesObject> extends ReflectorSource {
  client: ClusterClient;
  /** The kubeconfig the watch uses (with `watchDeadline`, so an answer that never begins is aborted). */
  watchConfig: KubeConfig;
  /** Objects per list page (client-go's pager: 500). */
  pageSize: number;
  /** Deadline of each list page, in milliseconds. */
  pageTimeoutMs: number;
  /**
   * An object was added or changed (list or watch; one whose resourceVersion is the one already seen is
   * skipped, as client-node's ListWatch does). Resolves when its write has been tried: the next page is
   * handed on only after this page's writes, so at most three pages are held at a time (written, handed on, fetched ahead).
   */
  upsert(o: T): Promise<unknown>;
  /** An object is gone: its DELETED event, or, when missing from a new list, an object holding its metadata. */
  delete(o: T): Promise<unknown>;
  /**
   * A list or a watch failed with anything but 410 Gone: the reflector has stopped; `start()` resumes it
   * (from the last resourceVersion, or with a new list if none), after a backoff of the caller's choosing.
   */
  error(e: unknown): void;
  /**
   * The collection was just shown current: a list page arrived, or the watch delivered an event (a
   * bookmark included). The informer-lag metric is the time since (docs/observability.md).
   */
  progress?(): void;
  /** Notes worth a log line (a list restarted after its continue token expired). */
  log(msg: string): void;
  /**
   * The objects whose rows Capstan stores for this collection, as bare objects (namespace and name, or only
   * a uid when rows are keyed by it, plus whatever `delete` reads, e.g. labels). Each list, and each
   * `prune()`, deletes those not in the cluster's list: rows outlive this process, so the objects seen by it
   * are not enough. Without it only objects seen by this reflector are deleted.
   */
  stored?(): Promise<T[]>;
}

/** A continuation expiring this many times in a row is an error (backed off) rather than restarted at once. */
const EXPIRED_RESTARTS = 3;

const keyOf = (o: KubernetesObject) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;
const statusOf = (e: unknown) => (e as { code?: number; statusCode?: number } | null)?.code ?? (e as { statusCode?: number } | null)?.statusCode;

/** One collection kept in step; objects are parsed as plain JSON, never through client-node's models. */
export class Reflector<T extends KubernetesObject> {
  /** resourceVersion to resume the watch from; "" means list first. */
  private rv = "";
  /** resourceVersion and bare metadata of every object seen, by namespace/name (a relist reports those gone). */
  private readonly known = new Map<string, { rv?: string; gone: KubernetesObject }>();
  private watch?: AbortController;
  private stopped = true;
  /** Bumped by stop(): callbacks of an earlier run do nothing. */
  private run = 0;

  constructor(private readonly opts: ReflectorOptions<T>) {}

  /**
   * Starts (or restarts after `error`) listing and watching. A restart lists again, as client-go's
   * ListAndWatch does: the server may be a new incarnation of the cluster (a restarted simulator, a
   * restored etcd) whose resourceVersions began again, where a resumed watch would never report the
   * objects gone meanwhile.
   */
  start(): void {
    this.stopped = false;
    this.rv = "";
    const run = ++this.run;
    void this.sync(run).catch((e) => this.fail(run, e));
  }

  stop(): void {
    this.stopped = true;
    this.run++;
    this.watch?.abort();
    this.watch = undefined;
  }

  /** The resourceVersion the next watch resumes from ("" when the next start lists). */
  get resourceVersion(): string {
    return this.rv;
  }

  private live(run: number) {
    return !this.stopped && run === this.run;
  }

  private fail(run: number, e: unknown) {
    if (this.live(run)) this.opts.error(e);
  }

  private async sync(run: number): Promise<void> {
    if (!this.rv) await this.list(run);
    if (!this.live(run)) return;
    const { path, labelSelector, fieldSelector } = this.opts;
    const query: Record<string, string> = { resourceVersion: this.rv, allowWatchBookmarks: "true" };
    if (labelSelector) query.labelSelector = labelSelector;
    if (fieldSelector) query.fieldSelector = fieldSelector;
    const watch = await new Watch(this.opts.watchConfig).watch(
      path,
      query,
      (type, obj) => this.live(run) && this.event(type, obj as T),
      (err) => this.done(run, err),
    );
    if (this.live(run)) this.watch = watch;
    else watch.abort();
  }

  /** The watch ended: resumed at once when the server closed it, listed again after 410 Gone, else an error. */
  private done(run: number, err: unknown) {
    if (!this.live(run)) return;
    if (err && statusOf(err) === 410) this.rv = "";
    else if (err) return this.opts.error(err);
    void this.sync(run).catch((e) => this.fail(run, e));
  }

  private event(type: string, obj: T) {
    if (type !== "ERROR") this.opts.progress?.();
    switch (type) {
      case "ERROR":
        // "too old resource version": the stream ends next, and the list starts again.
        if ((obj as { code?: number }).code === 410) this.rv = "";
        return;
      case "ADDED":
      case "MODIFIED":
        void this.upsert(obj);
        break;
      case "DELETED":
        this.known.delete(keyOf(obj));
        void this.opts.delete(obj);
        break;
    }
    this.rv = obj.metadata?.resourceVersion ?? "";
  }

  private upsert(o: T): Promise<unknown> {
    const key = keyOf(o),
      rv = o.metadata?.resourceVersion;
    const seen = this.known.get(key);
    if (seen && rv !== undefined && seen.rv === rv) return Promise.resolve();
    const { name, namespace, uid } = o.metadata ?? {};
    this.known.set(key, { rv, gone: { apiVersion: o.apiVersion, kind: o.kind, metadata: { name, namespace, uid } } });
    return this.opts.upsert(o);
  }

  /**
   * Lists in pages (ClusterClient.pages: the next page is fetched while this one arrives), handing each
   * page on as it arrives. A continue token that expired (410: the server compacted the list's revision)
   * starts the list again from its first page, as client-go's pager does; then objects known before and
   * absent from the new list are deleted.
   */
  private async list(run: number): Promise<void> {
    const { client, path, labelSelector, fieldSelector, pageSize, pageTimeoutMs } = this.opts;
    for (let expired = 0; ; ) {
      const seen = new Set<string>(),
        uids = new Set<string>();
      let rv = "",
        pages = 0,
        writes: Promise<unknown> = Promise.resolve();
      try {
        for await (const page of client.pages<T>(path, { labelSelector, fieldSelector, limit: pageSize }, { timeoutMs: pageTimeoutMs })) {
          pages++;
          this.opts.progress?.();
          await writes;
          if (!this.live(run)) return;
          // Every page of one list reports the first page's resourceVersion.
          rv = page.metadata.resourceVersion ?? "";
          writes = Promise.all(page.items.map((o) => (seen.add(keyOf(o)), uids.add(o.metadata?.uid ?? ""), this.upsert(o))));
        }
      } catch (e) {
        if (!pages || statusOf(e) !== 410 || ++expired >= EXPIRED_RESTARTS) throw e;
        this.opts.log(`list of ${path} expired while paging (410); listing again`);
        continue;
      }
      await writes;
      if (!this.live(run)) return;
      for (const [key, { gone }] of this.known)
        if (!seen.has(key)) {
          this.known.delete(key);
          void this.opts.delete(gone as T);
        }
      // The watch starts after this: no object is written meanwhile, so every stored one not listed is gone.
      await this.deleteStored(run, seen, uids);
      this.rv = rv;
      return;
    }
  }

  /**
   * Deletes the stored objects (`stored`) that the cluster no longer has: those not known from the last list
   * and the watch since. Run every resync period; skipped while a list runs (the list ends with the same).
   */
  async prune(): Promise<void> {
    const run = this.run;
    if (!this.live(run) || !this.rv) return;
    const keys = new Set(this.known.keys());
    const uids = new Set([...this.known.values()].map((k) => k.gone.metadata?.uid ?? ""));
    await this.deleteStored(run, keys, uids);
  }

  private async deleteStored(run: number, keys: Set<string>, uids: Set<string>): Promise<void> {
    if (!this.opts.stored) return;
    const stored = await this.opts.stored();
    if (!this.live(run)) return;
    for (const o of stored) {
      const listed = o.metadata?.name ? keys.has(keyOf(o)) : uids.has(o.metadata?.uid ?? "");
      if (!listed) void this.opts.delete(o);
    }
  }
}
