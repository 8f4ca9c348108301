import type { FleetDensityDto } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { densityRows } from "./density-rows";

const figures = (used: number, requested: number, allocatable: number) => ({ used, overhead: 100, requested, allocatable });
const data: FleetDensityDto = {
  generatedAt: "2026-11-30T12:00:00.000Z",
  windowSeconds: 300,
  clusters: [
    { dataCentre: "dc1", cluster: "dc1-c1", nodes: 3, pods: 6, measured: 6, cpuMillis: figures(2000, 6000, 12_000), memoryMiB: figures(4096, 2048, 48_000) },
    { dataCentre: "dc2", cluster: "dc2-c1", nodes: 2, pods: 4, measured: 1, cpuMillis: figures(500, 9000, 8000), memoryMiB: figures(1024, 2048, 32_000) },
  ],
  zones: [{ zone: "default", nodes: 5, pods: 10, measured: 7, cpuMillis: figures(2500, 15_000, 20_000), memoryMiB: figures(5120, 4096, 80_000) }],
};

describe("the fleet density chart's rows", () => {
  it("stacks used, requested but unused and not requested, most idle requests first", () => {
    expect(densityRows(data, "cluster", "cpuMillis")).toEqual([
      // requests beyond allocatable: nothing is left unrequested
      { name: "dc2 · dc2-c1", nodes: 2, pods: 4, measured: 1, used: 500, overhead: 100, requested: 9000, allocatable: 8000, idle: 8500, free: 0 },
      { name: "dc1 · dc1-c1", nodes: 3, pods: 6, measured: 6, used: 2000, overhead: 100, requested: 6000, allocatable: 12_000, idle: 4000, free: 6000 },
    ]);
  });

  it("counts no idle requests where pods use more than they request, and reads zones by name", () => {
    const [dc1] = densityRows(data, "cluster", "memoryMiB").filter((r) => r.name.startsWith("dc1"));
    expect(dc1).toMatchObject({ idle: 0, free: 48_000 - 4096 });
    expect(densityRows(data, "zone", "cpuMillis").map((r) => [r.name, r.idle, r.free])).toEqual([["default", 12_500, 5000]]);
  });
});
