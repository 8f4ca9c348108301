// What clusters report, into PostgreSQL: one watch per kind (inventory/<kind>.ts: pods, Capstan's
// Deployments, nodes and events), each listed in pages and watched by a Reflector (resuming from
// resourceVersion, relisting after 410 Gone), all feeding one keyed queue per cluster; and the capacity
// each node's pods request, summed from those rows. Which watches run is declared by the controllers that
// read them (controllers/<kind>/index.ts, `watches`).
import type { Cluster, Db } from "@capstan/db";
import { loggedDetail, watchDeadline } from "@capstan/orchestrator";
import type { KubernetesObject } from "@kubernetes/client-node";
import { Backoff } from "./backoff";
import { clientFor } from "./clients";
import { INVENTORY_WATCHES } from "./controllers";
import { GroupIndex } from "./inventory/groups";
import { KeyedQueue } from "./inventory/queue";
import { trackInformerLag } from "./observability/metrics";
import { Reflector } from "./inventory/reflector";
import type { InventoryContext, InventoryWatch } from "./inventory/watch";
import { refreshNodeRequests } from "./node-requests";

export { nodeFields } from "./inventory/nodes";
export { podFields } from "./inventory/pods";

const REQUESTS_EVERY_MS = 3_000;
/** Stored rows of objects the cluster no longer has are looked for this often besides each list (the resync period). */
const PRUNE_EVERY_MS = 60_000;
/** Requested sums are recomputed at least this often even when no pod or node was written (a safety net). */
const REQUESTS_AT_LEAST_EVERY_MS = 60_000;

/** Deadline of each page of an informer's list: CAPSTAN_INFORMER_LIST_TIMEOUT_SECONDS, default 120 s. */
function informerListTimeoutMs(): number {
  const s = Number(process.env.CAPSTAN_INFORMER_LIST_TIMEOUT_SECONDS ?? 120);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
}

/** Objects per list page: CAPSTAN_INFORMER_PAGE_SIZE, default 500 (client-go's pager). */
function informerPageSize(): number {
  const n = Number(process.env.CAPSTAN_INFORMER_PAGE_SIZE ?? 500);
  return Number.isInteger(n) && n > 0 ? n : 500;
}

/** An object's key on the keyed queue: work for one object runs in order. */
const keyOf = (kind: string, o: KubernetesObject) => `${kind}:${o.metadata?.namespace}/${o.metadata?.name}`;

export interface InventorySync {
  /** Stops watching and writing; resolves once the writes already running have ended. */
  stop(): Promise<void>;
}

/**
 * Starts reading one cluster back into PostgreSQL (`watches`: every controller's by default); `stop()` ends it.
 * Rows of objects the cluster no longer lists are deleted at each list and every `pruneEveryMs` (ms).
 */
export function startInventorySync(
  db: Db,
  cluster: Cluster,
  log: (msg: string) => void,
  watches: InventoryWatch<never>[] = INVENTORY_WATCHES,
  pruneEveryMs = PRUNE_EVERY_MS,
): InventorySync {
  const client = clientFor(cluster);
  // Watches whose answer does not begin within a call's deadline are aborted (the reflector then backs off).
  const watchConfig = watchDeadline(client.config);
  // Each list page has a deadline (CAPSTAN_INFORMER_LIST_TIMEOUT_SECONDS, 120 s); a page that hangs then
  // fails, and the reflector backs off and lists again.
  const pageTimeoutMs = informerListTimeoutMs(),
    pageSize = informerPageSize();
  let stopped = false;
  const queue = new KeyedQueue((key, e) => log(`${cluster.name} ${key.slice(0, key.indexOf(":"))}: ${loggedDetail(e)}`));
  // What was last written per object: events that change nothing Capstan stores then cost no database write.
  const written = new Map<string, string>();
  // Whether a pod or a new node was written since the last refresh of the requested sums began: at 50,000
  // pods a refresh is a join of every pod of the cluster, and four of them every 3 s took a large share of
  // the 2-core bench machine's PostgreSQL CPU while nothing had changed.
  let requestsChanged = true;
  const ctx: InventoryContext = {
    db,
    cluster,
    log,
    groups: new GroupIndex(db, cluster.id),
    async writeOnChange(key, data, write) {
      const hash = JSON.stringify(data);
      if (written.get(key) === hash) return;
      await write();
      written.set(key, hash); // only once it is stored, so a failed write is written when retried
    },
    forget: (key) => void written.delete(key),
    enqueue: (kind, o, work) => queue.add(keyOf(kind, o), o, work),
    requestsChanged: () => void (requestsChanged = true),
  };

  // When each watch last showed its collection current (a list page, an event, a bookmark): the cluster's
  // informer lag is the time since the stalest of them (capstan_informer_lag_seconds, docs/observability.md).
  const current = watches.map(() => Date.now());
  const untrackLag = trackInformerLag(cluster.name, () => (Date.now() - Math.min(...current)) / 1000);
  const running = watches.map((w: InventoryWatch<KubernetesObject>, i) => {
    const handlers = w.start(ctx);
    // A dropped watch or an unreachable API server: start again after a delay that grows while the failures
    // go on, as client-go's reflector does (backoff.ts).
    const backoff = new Backoff();
    const reflector: Reflector<KubernetesObject> = new Reflector({
      client,
      watchConfig,
      pageSize,
      pageTimeoutMs,
      path: w.path,
      labelSelector: w.labelSelector,
      fieldSelector: w.fieldSelector,
      upsert: (o) => queue.add(keyOf(w.kind, o), o, () => handlers.upsert(o)),
      delete: (o) => queue.add(keyOf(w.kind, o), o, () => handlers.delete(o)),
      stored: handlers.stored && (() => handlers.stored!()),
      progress: () => void (current[i] = Date.now()),
      log: (m) => log(`${cluster.name} ${w.kind}: ${m}`),
      error: (e) => {
        if (stopped) return;
        const delay = backoff.next();
        log(`${cluster.name} ${w.kind} watch: ${loggedDetail(e)}; restarting in ${(delay / 1000).toFixed(1)} s`);
        setTimeout(() => !stopped && reflector.start(), delay).unref();
      },
    });
    reflector.start();
    return { reflector, handlers };
  });

  // Each refresh starts a pause after the last one ended: at 5,000 nodes and 50,000 pods one can outlast
  // the pause, and two overlapping updates of the same rows in different orders deadlock.
  // Skipped while no pod or node changed, but run at least every REQUESTS_AT_LEAST_EVERY_MS.
  let requests: NodeJS.Timeout | undefined,
    lastRefresh = 0;
  const refreshRequests = () => {
    requests = setTimeout(async () => {
      if (requestsChanged || Date.now() - lastRefresh >= REQUESTS_AT_LEAST_EVERY_MS) {
        [requestsChanged, lastRefresh] = [false, Date.now()];
        await refreshNodeRequests(db, cluster.id).catch((e) => {
          requestsChanged = true; // tried again at the next tick
          log(`${cluster.name} node requests: ${(e as Error).message}`);
        });
      }
      if (!stopped) refreshRequests();
    }, REQUESTS_EVERY_MS);
    requests.unref();
  };
  refreshRequests();
  // A row whose object went while its delete failed, or while another worker synced the cluster, goes
  // within one resync period rather than at the next list.
  const prune = setInterval(() => {
    for (const { reflector } of running) reflector.prune().catch((e) => log(`${cluster.name} prune: ${loggedDetail(e)}`));
  }, pruneEveryMs);
  prune.unref();

  return {
    async stop() {
      stopped = true;
      untrackLag();
      clearTimeout(requests);
      clearInterval(prune);
      for (const { reflector, handlers } of running) {
        reflector.stop();
        handlers.stop?.();
      }
      await queue.stop();
    },
  };
}
