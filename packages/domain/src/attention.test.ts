import { describe, expect, it } from "vitest";
import { groupUnhealthy, quotaNearLimit } from "./attention";

const quota = { cpuMillis: 10_000, memoryMiB: 10_240, gpu: 0, instances: 10 };

describe("needs attention", () => {
  it("calls DEGRADED and FAILED groups unhealthy, and any whose reconcile fails; rollouts and scaling are healthy", () => {
    expect(["AVAILABLE", "PROGRESSING", "SCALING", "PENDING"].map((phase) => groupUnhealthy({ phase, failedAttempts: 0 }))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(["DEGRADED", "FAILED"].map((phase) => groupUnhealthy({ phase, failedAttempts: 0 }))).toEqual([true, true]);
    expect(groupUnhealthy({ phase: "AVAILABLE", failedAttempts: 1 })).toBe(true);
  });

  it("flags a quota from 80 % of any dimension in use", () => {
    expect(quotaNearLimit(quota, { cpuMillis: 7_999, memoryMiB: 0, gpu: 0, instances: 7 })).toEqual([]);
    expect(quotaNearLimit(quota, { cpuMillis: 8_000, memoryMiB: 0, gpu: 0, instances: 10 })).toEqual(["cpuMillis", "instances"]);
    expect(quotaNearLimit(quota, { cpuMillis: 0, memoryMiB: 10_000, gpu: 0, instances: 0 })).toEqual(["memoryMiB"]);
  });

  it("counts a dimension without quota only when something uses it (a quota lowered to 0 under use)", () => {
    expect(quotaNearLimit(quota, { cpuMillis: 0, memoryMiB: 0, gpu: 0, instances: 0 })).toEqual([]);
    expect(quotaNearLimit(quota, { cpuMillis: 0, memoryMiB: 0, gpu: 1, instances: 0 })).toEqual(["gpu"]);
  });
});
