// The shape of one kind read back from clusters: each kind's module (pods.ts, nodes.ts …) exports one
// InventoryWatch; inventory.ts runs a Reflector per watch and cluster, all feeding one KeyedQueue.
import type { Cluster, Db } from "@capstan/db";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { GroupIndex } from "./groups";
import type { ReflectorSource } from "./reflector";

/** What a watch's handlers get for one cluster's sync. */
export interface InventoryContext {
  db: Db;
  cluster: Cluster;
  log: (msg: string) => void;
  /** Capstan's group ids by their labels, shared by the kinds that carry them. */
  groups: GroupIndex;
  /**
   * Runs `write` unless `data` (what Capstan stores of the object under `key`) equals what was last written,
   * so events that change nothing stored (a no-op apply, a status heartbeat) cost no database write.
   */
  writeOnChange(key: string, data: object, write: () => Promise<unknown>): Promise<void>;
  /** Forgets what was last written under `key` (the object is gone). */
  forget(key: string): void;
  /**
   * Queues `work` under the key of `kind`'s object `o`, after whatever is queued for it: e.g. a group's
   * Deployment read again once a pod of the group starts or stops crash-looping, in order with its own events.
   */
  enqueue(kind: string, o: KubernetesObject, work: () => Promise<unknown>): Promise<void>;
  /**
   * The rows the nodes' requested sums are computed from changed (a pod written or deleted, a node entered):
   * the next refresh of the sums runs; while nothing calls this, refreshes are skipped.
   */
  requestsChanged(): void;
}

/** How one cluster's objects of a kind are stored: handlers run on the keyed queue, in order per object. */
export interface WatchHandlers<T> {
  upsert(o: T): Promise<unknown>;
  delete(o: T): Promise<unknown>;
  /**
   * The objects whose rows are stored for this cluster (Reflector's `stored`: each list deletes those the
   * cluster no longer lists). Kinds that store no rows of their own leave it out.
   */
  stored?(): Promise<KubernetesObject[]>;
  /** Ends timers of its own when the sync stops. */
  stop?(): void;
}

/**
 * One kind read back from clusters: the collection a reflector lists and watches (`path`, selectors), and
 * `start`, which makes the handlers for one cluster (state such as write batchers lives in them). Objects
 * arrive as the API server's plain JSON, typed as client-node's models (timestamps are then strings).
 */
export interface InventoryWatch<T extends KubernetesObject = KubernetesObject> extends ReflectorSource {
  /** The kind in logs and in the queue's keys ("pods"). */
  kind: string;
  start(ctx: InventoryContext): WatchHandlers<T>;
}
