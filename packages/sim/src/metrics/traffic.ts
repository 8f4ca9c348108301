// Requests each pod's containers served on the loopback pod network (network/pod-servers.ts), as a rate
// over the last metrics window: the load model turns it into CPU (load-model.ts), so traffic through a
// load balancer raises its members' usage, as it would on real pods.
import { WINDOW_MS } from "./load-model.js";

/** Buckets of one second over the window: a rate costs WINDOW_MS / 1000 additions, a request one. */
const BUCKET_MS = 1000;
const BUCKETS = WINDOW_MS / BUCKET_MS;

interface Meter {
  /** bucket number (ms since the epoch / BUCKET_MS) per slot */
  at: number[];
  counts: number[];
}

/** Per pod uid and container: requests served over the last window (WINDOW_MS, 15 s). */
export class TrafficMeter {
  private meters = new Map<string, Map<string, Meter>>();

  /** One request served by `container` of the pod `uid` at `now` (ms since the epoch). */
  record(uid: string, container: string, now = Date.now()) {
    let byContainer = this.meters.get(uid);
    if (!byContainer) this.meters.set(uid, (byContainer = new Map()));
    let m = byContainer.get(container);
    if (!m) byContainer.set(container, (m = { at: new Array(BUCKETS).fill(-1), counts: new Array(BUCKETS).fill(0) }));
    const bucket = Math.floor(now / BUCKET_MS);
    const slot = bucket % BUCKETS;
    if (m.at[slot] !== bucket) {
      m.at[slot] = bucket;
      m.counts[slot] = 0;
    }
    m.counts[slot]++;
  }

  /** Requests per second `container` of pod `uid` served over the last window before `now`. */
  rate(uid: string, container: string, now = Date.now()): number {
    const m = this.meters.get(uid)?.get(container);
    if (!m) return 0;
    const newest = Math.floor(now / BUCKET_MS);
    let n = 0;
    for (let i = 0; i < BUCKETS; i++) if (m.at[i] > newest - BUCKETS && m.at[i] <= newest) n += m.counts[i];
    return n / (WINDOW_MS / 1000);
  }

  /** The pod is gone: its figures with it. */
  forget(uid: string) {
    this.meters.delete(uid);
  }
}
