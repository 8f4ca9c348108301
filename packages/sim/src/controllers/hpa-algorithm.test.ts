// The HPA's arithmetic against the examples of the Kubernetes documentation and the controller's rules.
import { describe, it, expect } from "vitest";
import {
  DEFAULT_SCALE_DOWN,
  DEFAULT_SCALE_UP,
  type PodSample,
  largestProposal,
  limitRate,
  resourceReplicas,
  stabilize,
  withDefaults,
} from "./hpa-algorithm.js";

/** Ready running pods with a 200m request using `usages` millicores. */
const pods = (...usages: number[]): PodSample[] =>
  usages.map((usage, i) => ({ name: `p${i}`, phase: "Running", ready: true, deleting: false, usage, request: 200 }));

describe("resourceReplicas", () => {
  it("desired = ceil(current × usage / target)", () => {
    // 2 pods at 100 % of request, target 50 %: 4
    expect(resourceReplicas("cpu", 2, 50, pods(200, 200))).toEqual({ replicas: 4, utilization: 100, averageValue: 200 });
    // the documentation's example: 200m used against 100m wanted doubles; 50m halves
    expect(resourceReplicas("cpu", 3, 50, pods(50, 50, 50)).replicas).toBe(2);
  });

  it("within the 10 % tolerance nothing changes", () => {
    expect(resourceReplicas("cpu", 3, 50, pods(109, 109, 109)).replicas).toBe(3); // 54 %: ratio 1.08
    expect(resourceReplicas("cpu", 3, 50, pods(91, 91, 91)).replicas).toBe(3); // 45 %: ratio 0.9
    expect(resourceReplicas("cpu", 3, 50, pods(112, 112, 112)).replicas).toBe(4); // 56 %: ratio 1.12
  });

  it("a scale-up counts pending and unready pods as using nothing", () => {
    const starting: PodSample[] = [...pods(300), { name: "new", phase: "Pending", ready: false, deleting: false, request: 200 }];
    // alone the ready pod asks for ceil(3 × 1) = 3; with the new pod at 0: 300/400 = 75 % → ceil(1.5 × 2) = 3
    expect(resourceReplicas("cpu", 2, 50, starting).replicas).toBe(3);
    // terminating and failed pods are ignored
    const gone: PodSample[] = [...pods(100, 100), { name: "old", phase: "Running", ready: true, deleting: true, usage: 1000, request: 200 }];
    expect(resourceReplicas("cpu", 3, 50, gone).replicas).toBe(3);
  });

  it("throws the real messages: a container without a request, no pods, no metrics", () => {
    expect(() =>
      resourceReplicas("cpu", 1, 50, [{ name: "web-1", phase: "Running", ready: true, deleting: false, usage: 10, request: { missingIn: "main" } }]),
    ).toThrow("missing request for cpu in container main of Pod web-1");
    expect(() => resourceReplicas("cpu", 1, 50, [])).toThrow("no pods returned by selector while calculating replica count");
    expect(() => resourceReplicas("cpu", 1, 50, [{ name: "a", phase: "Pending", ready: false, deleting: false, request: 200 }])).toThrow(
      "did not receive metrics for targeted pods (pods might be unready)",
    );
  });
});

describe("several metrics", () => {
  it("the largest proposal wins", () => {
    const cpu = { metric: "cpu", ...resourceReplicas("cpu", 2, 50, pods(100, 100)) }; // 2
    const mem = { metric: "memory", ...resourceReplicas("memory", 2, 50, pods(300, 300)) }; // 6
    expect(largestProposal([cpu, mem])).toMatchObject({ metric: "memory", replicas: 6 });
    expect(largestProposal([])).toBeUndefined();
  });
});

describe("limitRate", () => {
  const base = { scaleUp: DEFAULT_SCALE_UP, scaleDown: DEFAULT_SCALE_DOWN, ups: [], downs: [], now: 100_000, min: 2, max: 10 };
  it("clamps to [min, max]", () => {
    expect(limitRate({ ...base, current: 8, desired: 30 })).toMatchObject({ replicas: 10, reason: "TooManyReplicas" });
    expect(limitRate({ ...base, current: 3, desired: 1 })).toMatchObject({ replicas: 2, reason: "TooFewReplicas" });
    expect(limitRate({ ...base, current: 3, desired: 5 })).toMatchObject({ replicas: 5, reason: "DesiredWithinRange" });
  });
  it("default scale-up: at most max(4 pods, 100 %) per 15 s, counting earlier rescales in the period", () => {
    expect(limitRate({ ...base, max: 100, current: 1, desired: 30 })).toMatchObject({ replicas: 5, reason: "ScaleUpLimit" });
    expect(limitRate({ ...base, max: 100, current: 10, desired: 30 })).toMatchObject({ replicas: 20, reason: "ScaleUpLimit" });
    // 5 were added 10 s ago: the period started at 5, so 10 is the most
    const ups = [{ at: base.now - 10_000, change: 5 }];
    expect(limitRate({ ...base, max: 100, current: 10, desired: 30, ups })).toMatchObject({ replicas: 10, reason: "ScaleUpLimit" });
    // 20 s ago is outside the period
    expect(limitRate({ ...base, max: 100, current: 10, desired: 30, ups: [{ at: base.now - 20_000, change: 5 }] }).replicas).toBe(20);
  });
  it("given policies: 1 pod per 60 s down, selectPolicy Min, Disabled", () => {
    const scaleDown = withDefaults({ policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] }, DEFAULT_SCALE_DOWN);
    expect(limitRate({ ...base, scaleDown, current: 6, desired: 2 })).toMatchObject({ replicas: 5, reason: "ScaleDownLimit" });
    const scaleUp = withDefaults({ selectPolicy: "Min" }, DEFAULT_SCALE_UP);
    expect(limitRate({ ...base, max: 100, scaleUp, current: 10, desired: 30 }).replicas).toBe(14);
    const disabled = withDefaults({ selectPolicy: "Disabled" }, DEFAULT_SCALE_UP);
    expect(limitRate({ ...base, scaleUp: disabled, current: 3, desired: 8 }).replicas).toBe(3);
  });
});

describe("stabilize", () => {
  it("a scale-down follows the highest recommendation of the window", () => {
    const history = [
      { at: 0, replicas: 8 },
      { at: 200_000, replicas: 6 },
    ];
    const held = stabilize(history, 250_000, 8, 2, 0, 300);
    expect(held).toMatchObject({ replicas: 8, reason: "ScaleDownStabilized" });
    // once 8 and 6 are older than the window, 2 goes through
    expect(stabilize(held.history, 520_000, 8, 2, 0, 300).replicas).toBe(2);
    // old recommendations are dropped
    expect(stabilize(held.history, 520_000, 8, 2, 0, 300).history.map((r) => r.replicas)).toEqual([2, 2]);
  });
  it("a scale-up window holds to the lowest recommendation", () => {
    expect(stabilize([{ at: 90_000, replicas: 3 }], 100_000, 3, 9, 60, 300)).toMatchObject({ replicas: 3, reason: "ScaleUpStabilized" });
    expect(stabilize([{ at: 90_000, replicas: 3 }], 100_000, 3, 9, 0, 300).replicas).toBe(9);
  });
});
