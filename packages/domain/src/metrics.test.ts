import { describe, expect, it } from "vitest";
import { METRIC_RANGE_PLAN, METRIC_RETENTION_MS, replicaHistory, scrapeWindow, usageMiB, usageMillicores } from "./metrics";

describe("metrics", () => {
  it("reads metrics-server's figures", () => {
    expect(usageMillicores("123456789n")).toBeCloseTo(123.456789);
    expect(usageMillicores("250m")).toBe(250);
    expect(usageMillicores("2")).toBe(2000);
    expect(usageMiB("1048576Ki")).toBe(1024);
    expect(usageMiB("1Gi")).toBe(1024);
    expect(usageMiB("nonsense")).toBeNaN();
  });
  it("reads every range at a resolution still kept for all of it", () => {
    for (const plan of Object.values(METRIC_RANGE_PLAN)) {
      expect(METRIC_RETENTION_MS[plan.resolution]).toBeGreaterThanOrEqual(plan.ms);
      expect(plan.stepSeconds % plan.resolution).toBe(0);
      expect(plan.ms / 1000 / plan.stepSeconds).toBeLessThanOrEqual(360);
    }
  });
  it("stores a scrape at its 15-second window's start", () => {
    expect(scrapeWindow(Date.UTC(2026, 0, 1, 0, 0, 29, 999)).toISOString()).toBe("2026-01-01T00:00:15.000Z");
  });
});

describe("a group's replica history", () => {
  it("counts the pods with a figure at each step and averages their utilisation of the request", () => {
    const pods = [{ cpuMillis: [100, 200, null, null] }, { cpuMillis: [null, 400, 300, null] }, { cpuMillis: [null, 0, null, null] }];
    expect(replicaHistory(pods, 4, 200)).toEqual({ replicas: [1, 3, 1, null], utilisation: [50, 100, 150, null] });
  });
});
