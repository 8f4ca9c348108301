import { expect, it } from "vitest";
import { chooseCluster } from "./placement";

const c = (name: string, cpu: number, mem: number, healthy = true) => ({ name, healthy, freeCpuMillis: cpu, freeMemoryMiB: mem });

it("picks the healthy cluster with the most free capacity that fits", () => {
  expect(chooseCluster([c("a", 4000, 8192), c("b", 16000, 1024), c("c", 8000, 16384)], { cpuMillis: 2000, memoryMiB: 4096 })).toBe("c");
  expect(chooseCluster([c("a", 4000, 8192), c("b", 64000, 65536, false)], { cpuMillis: 1000, memoryMiB: 1024 })).toBe("a");
});

it("falls back to the roomiest healthy cluster when none fits, and to none when none is healthy", () => {
  expect(chooseCluster([c("a", 100, 100), c("b", 200, 50)], { cpuMillis: 1000, memoryMiB: 1024 })).toBe("b");
  expect(chooseCluster([c("a", 100, 100, false)], { cpuMillis: 1, memoryMiB: 1 })).toBeUndefined();
  expect(chooseCluster([], { cpuMillis: 1, memoryMiB: 1 })).toBeUndefined();
});
