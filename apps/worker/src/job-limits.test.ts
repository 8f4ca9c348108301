import { afterEach, describe, expect, it } from "vitest";
import { ClusterBusyError, ClusterSlots, clusterConcurrency, JobDeadlineError, withDeadline } from "./job-limits";

afterEach(() => {
  delete process.env.CAPSTAN_CLUSTER_CONCURRENCY;
});

describe("ClusterSlots", () => {
  it("runs at most `cap` reconciles of a cluster at once, others at once, and forgets idle clusters", async () => {
    const slots = new ClusterSlots(2);
    const gates: (() => void)[] = [];
    const hold = () => new Promise<void>((r) => gates.push(r));
    const a1 = slots.run("a", hold);
    const a2 = slots.run("a", hold);
    await expect(slots.run("a", async () => "never")).rejects.toBeInstanceOf(ClusterBusyError);
    expect(await slots.run("b", async () => "other cluster")).toBe("other cluster");
    expect(slots.size).toBe(1);
    gates.forEach((open) => open());
    await Promise.all([a1, a2]);
    expect(slots.size).toBe(0);
    expect(await slots.run("a", async () => "free again")).toBe("free again");
  });

  it("keeps a slot until failed work has really ended", async () => {
    const slots = new ClusterSlots(1);
    await expect(slots.run("a", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(slots.size).toBe(0);
  });
});

describe("withDeadline", () => {
  it("fails at the deadline and aborts the signal given to the work", async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    await expect(withDeadline(100, (s) => ((signal = s), new Promise(() => undefined)))).rejects.toBeInstanceOf(JobDeadlineError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(signal?.aborted).toBe(true);
  });

  it("passes on the work's result or error before the deadline", async () => {
    expect(await withDeadline(1_000, async () => 7)).toBe(7);
    await expect(withDeadline(1_000, async () => Promise.reject(new Error("own")))).rejects.toThrow("own");
  });
});

describe("clusterConcurrency", () => {
  it("defaults to half the worker's slots, at least one, and refuses nonsense", () => {
    expect([1, 2, 4, 9].map(clusterConcurrency)).toEqual([1, 1, 2, 4]);
    process.env.CAPSTAN_CLUSTER_CONCURRENCY = "3";
    expect(clusterConcurrency(4)).toBe(3);
    process.env.CAPSTAN_CLUSTER_CONCURRENCY = "0";
    expect(() => clusterConcurrency(4)).toThrow(/CAPSTAN_CLUSTER_CONCURRENCY/);
  });
});
