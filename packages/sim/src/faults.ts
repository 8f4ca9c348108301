// Runtime fault knobs shared by an API server (or registry) and the admin endpoint.
export interface FaultSpec {
  latencyMs?: number; // added to every request
  errorRate?: number; // 0..1 share of requests failed
  errorCode?: 500 | 429;
  retryAfterSeconds?: number;
}
export class FaultState implements FaultSpec {
  latencyMs = 0;
  errorRate = 0;
  errorCode: 500 | 429 = 500;
  retryAfterSeconds = 1;
  onDropWatches: (() => number)[] = [];
  onRefuse: ((seconds: number) => Promise<void>)[] = [];
  set(s: FaultSpec) { Object.assign(this, Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))); }
  clear() { this.latencyMs = 0; this.errorRate = 0; this.errorCode = 500; this.retryAfterSeconds = 1; }
  /** Close every open watch stream; returns how many were closed. */
  dropWatches() { return this.onDropWatches.reduce((a, f) => a + f(), 0); }
  /** Stop accepting connections for `seconds` (listener closed: clients see ECONNREFUSED). */
  async refuseConnections(seconds: number) { await Promise.all(this.onRefuse.map((f) => f(seconds))); }
  shouldFail() { return this.errorRate > 0 && Math.random() < this.errorRate; }
}
