import { describe, expect, it } from "vitest";
import { METRIC_RANGE_PLAN, METRIC_RETENTION_MS, metricSources, replicaHistory, scrapeWindow, usageMiB, usageMillicores } from "./metrics";

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
  const pods = [
    { cpuMillis: [100, 200, null, null], memoryMiB: [64, 128, null, null] },
    { cpuMillis: [null, 400, 300, null], memoryMiB: [null, 256, 192, null] },
    { cpuMillis: [null, 0, null, null], memoryMiB: [null, 64, null, null] },
  ];
  const requests = { cpuMillis: 200, memoryMiB: 128 };
  it("counts the pods with a figure at each step and averages their utilisation of the request", () => {
    expect(replicaHistory(pods, 4, requests, { cpuUtilisation: 70 })).toEqual({
      replicas: [1, 3, 1, null],
      utilisation: [{ metric: "cpu", target: 70, values: [50, 100, 150, null] }],
    });
  });
  it("charts the utilisation of each resource the autoscaler targets: memory alone for a memory-only one", () => {
    expect(replicaHistory(pods, 4, requests, { memoryUtilisation: 80 }).utilisation).toEqual([{ metric: "memory", target: 80, values: [50, 117, 150, null] }]);
    expect(replicaHistory(pods, 4, requests, { cpuUtilisation: 70, memoryUtilisation: 80 }).utilisation.map((u) => u.metric)).toEqual(["cpu", "memory"]);
  });
  describe("where a range is read from", () => {
    const H = 3_600_000,
      MIN = 60_000;
    const to = 200 * H,
      from = to - 7 * 24 * H;
    it("reads hours up to the hours' watermark, then minutes, then the scrapes", () => {
      expect(metricSources(3600, from, to, { 3600: to - H, 60: to - 2 * MIN, 300: to - 5 * MIN })).toEqual([
        { resolution: 3600, from, to: to - H },
        { resolution: 60, from: to - H, to: to - 2 * MIN },
        { resolution: 15, from: to - 2 * MIN, to },
      ]);
    });
    it("reads the finer points for all of a range whose rollup has not run yet (a new install: no hours yet)", () => {
      expect(metricSources(3600, from, to, { 60: to - MIN })).toEqual([
        { resolution: 60, from, to: to - MIN },
        { resolution: 15, from: to - MIN, to },
      ]);
      expect(metricSources(3600, from, to, {})).toEqual([{ resolution: 15, from, to }]);
    });
    it("reads 24 hours from 5-minute points, then minutes and scrapes; the last hour from scrapes alone", () => {
      expect(metricSources(300, to - 24 * H, to, { 300: to - 5 * MIN, 60: to - MIN }).map((s) => s.resolution)).toEqual([300, 60, 15]);
      expect(metricSources(15, to - H, to, { 60: to - MIN })).toEqual([{ resolution: 15, from: to - H, to }]);
    });
    it("never reads a finer resolution before a coarser one's watermark, nor past the range", () => {
      // a minute watermark behind the hours' (the minute rollup failing): nothing is read twice
      expect(metricSources(3600, from, to, { 3600: to - H, 60: to - 2 * H })).toEqual([
        { resolution: 3600, from, to: to - H },
        { resolution: 15, from: to - H, to },
      ]);
      expect(metricSources(3600, from, to, { 3600: to + H })).toEqual([{ resolution: 3600, from, to }]);
    });
  });
});
