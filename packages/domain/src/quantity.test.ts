import { expect, it } from "vitest";
import { formatCpu, formatMemory, parseCpu, parseMemory } from "./quantity";

it("parses and formats CPU", () => {
  expect([parseCpu("500m"), parseCpu("2"), parseCpu("1.5"), parseCpu("0.25"), parseCpu("1.001"), parseCpu("2.002")]).toEqual([500, 2000, 1500, 250, 1001, 2002]);
  expect([parseCpu("-1"), parseCpu("1.5m"), parseCpu("abc"), parseCpu("1e3")]).toEqual([undefined, undefined, undefined, undefined]);
  expect([formatCpu(2000), formatCpu(250)]).toEqual(["2", "250m"]);
});

it("parses and formats memory", () => {
  expect([parseMemory("512Mi"), parseMemory("2Gi"), parseMemory("1G"), parseMemory("1048576")]).toEqual([512, 2048, 954, 1]);
  expect([parseMemory("-5Mi"), parseMemory("5mb"), parseMemory("")]).toEqual([undefined, undefined, undefined]);
  expect([formatMemory(2048), formatMemory(300)]).toEqual(["2Gi", "300Mi"]);
});
