// Specs for the renderers' tests and the bench: a balancer with a few pods of two groups, and variations.
import type { Backend, DataPlaneSpec, LoadBalancerKindName } from "./data-plane";
import { DEFAULT_ALGORITHM } from "./data-plane";

/** `n` pods of group `group` on 10.1.x.y:8080, weight 100, in. */
export const pods = (group: string, n: number, first = 0): Backend[] =>
  Array.from({ length: n }, (_, i) => ({
    pod: `shop-${group}-7d9f8b6c5-${(first + i).toString(36).padStart(5, "x")}`,
    group,
    address: `10.1.${Math.floor((first + i) / 250)}.${((first + i) % 250) + 1}`,
    port: 8080,
    weight: 100,
    state: "IN",
  }));

/** A balancer of `kind` with two pods of "blue" and one of "green", the kind's default algorithm, HTTP. */
export function exampleSpec(kind: LoadBalancerKindName, over: Partial<DataPlaneSpec> = {}): DataPlaneSpec {
  return {
    name: "front",
    kind,
    port: 8080,
    protocol: "HTTP",
    algorithm: DEFAULT_ALGORITHM[kind],
    healthCheck: { path: "/healthz", intervalSeconds: 5, rise: 2, fall: 3 },
    timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 },
    stickyCookie: null,
    forwardedFor: true,
    maxConnPerBackend: null,
    drainSeconds: 0,
    backends: [...pods("blue", 2), ...pods("green", 1, 2)],
    ...over,
  };
}
